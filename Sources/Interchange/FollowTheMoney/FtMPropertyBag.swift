/// The properties of one FtM entity while it is being written: values kept as bytes
/// in one reusable buffer, grouped by property in the order properties were first
/// given. Reused row after row, so that writing millions of payments makes no
/// `String` per value.
struct FtMPropertyBag {
    private(set) var names: [String] = []
    private var arena: [UInt8] = []
    private var entries: [(property: Int, start: Int, end: Int)] = []

    init() {
        arena.reserveCapacity(4096)
        entries.reserveCapacity(32)
    }

    mutating func reset() {
        names.removeAll(keepingCapacity: true)
        arena.removeAll(keepingCapacity: true)
        entries.removeAll(keepingCapacity: true)
    }

    mutating private func slot(_ name: String) -> Int {
        if let k = names.firstIndex(of: name) { return k }
        names.append(name)
        return names.count - 1
    }

    /// Adds a value from bytes.
    mutating func add(_ name: String, _ bytes: UnsafeBufferPointer<UInt8>) {
        let k = slot(name)
        let start = arena.count
        arena.append(contentsOf: bytes)
        entries.append((k, start, arena.count))
    }

    /// Adds a value from a string.
    mutating func add(_ name: String, _ value: String) {
        var v = value
        v.withUTF8 { add(name, $0) }
    }

    /// Adds a value written straight into the buffer by `body`.
    mutating func add(_ name: String, writing body: (inout [UInt8]) -> Void) {
        let k = slot(name)
        let start = arena.count
        body(&arena)
        entries.append((k, start, arena.count))
    }

    /// How many values property `name` has so far, markers (`fraudgraph:...`) not counted.
    func count(_ name: String) -> Int {
        guard let k = names.firstIndex(of: name) else { return 0 }
        let prefix = Self.markerPrefix
        return arena.withUnsafeBufferPointer { a in
            entries.reduce(0) { n, e in
                guard e.property == k else { return n }
                let isMarker = e.end - e.start >= prefix.count && a[e.start ..< e.start + prefix.count].elementsEqual(prefix)
                return n + (isMarker ? 0 : 1)
            }
        }
    }

    /// Whether property `name` already has `value` (FtM keeps each value once).
    func contains(_ name: String, _ value: String) -> Bool {
        guard let k = names.firstIndex(of: name) else { return false }
        var v = value
        return v.withUTF8 { v in
            arena.withUnsafeBufferPointer { a in
                entries.contains { e in
                    e.property == k && e.end - e.start == v.count && UnsafeBufferPointer(rebasing: a[e.start ..< e.end]).elementsEqual(v)
                }
            }
        }
    }

    private static let markerPrefix = Array(FtMMarker.prefix.utf8)

    /// Writes `{"id":ID,"schema":SCHEMA,"properties":{...}}` and a line end.
    func writeEntity(id: UnsafeBufferPointer<UInt8>, schema: String, to out: ByteWriter) {
        out.write { buf in
            buf.append(contentsOf: #"{"id":"#.utf8)
            JSONText.appendString(id, to: &buf)
            buf.append(contentsOf: #","schema":""#.utf8)
            var schemaName = schema
            schemaName.withUTF8 { buf.append(contentsOf: $0) }
            buf.append(contentsOf: #"","properties":{"#.utf8)
            arena.withUnsafeBufferPointer { a in
                for (k, name) in names.enumerated() {
                    if k > 0 { buf.append(UInt8(ascii: ",")) }
                    buf.append(UInt8(ascii: "\""))
                    var n = name
                    n.withUTF8 { buf.append(contentsOf: $0) }
                    buf.append(contentsOf: #"":["#.utf8)
                    var first = true
                    for e in entries where e.property == k {
                        if !first { buf.append(UInt8(ascii: ",")) }
                        first = false
                        JSONText.appendString(UnsafeBufferPointer(rebasing: a[e.start ..< e.end]), to: &buf)
                    }
                    buf.append(UInt8(ascii: "]"))
                }
            }
            buf.append(contentsOf: "}}\n".utf8)
        }
    }
}
