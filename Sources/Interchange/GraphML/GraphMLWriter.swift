import FraudGraph
import Foundation

/// Writes a case as one GraphML file that networkx (`read_graphml`), Gephi, yEd and
/// Cytoscape open, and that `GraphMLReader` reads back into the same case.
///
/// - Every entity is a node (its id is the node id) with typed data: `kind`, `name`,
///   `country`, `role` (strings), `outside` (boolean, outside accounts only), one string
///   key per attribute column, and one typed key per `NodeColumn` (ring, rank, ...).
/// - Every transfer is an edge from account to account with `kind` = `transfer`, `id`,
///   `amount` (a `double` whose text is the exact amount as written, `1250.50`),
///   `currency`, `time` (ISO 8601) and `channel`; every link an edge with its `kind`,
///   `time` and `weight` (double); every report an edge `kind` = `report` from the
///   victim (or the sending account) to the receiving account of the reported
///   transfer, with `id`, `transfer`, `victim` and `time`.
/// - Empty values are left out. Graph-level data records the case files' headers and
///   attribute columns; `fraudgraph_verbatim_*` keys the exact texts a case file had.
///
/// Edges carry no GraphML `id` (networkx would use it as the multigraph key). Nodes
/// come first, then transfers, links and reports, streamed through a 4 MiB buffer.
public struct GraphMLWriter: Sendable {
    public static let fileName = "case.graphml"
    /// The value of the graph's `fraudgraph_format` data.
    public static let formatVersion = "fraudgraph-case-1"

    /// Computed columns to add to the nodes.
    public var nodeColumns: [NodeColumn]
    /// Rows formatted at a time on each of the two threads: changes the speed, never the output.
    var rowsPerChunk = ChunkedRows.defaultChunkRows
    /// Whether the usual transfers are written straight into the buffer (the fast path):
    /// changes the speed, never the output (tests compare both).
    var fastPaths = true

    public init(nodeColumns: [NodeColumn] = []) { self.nodeColumns = nodeColumns }

    /// Writes `c` to a new folder `folder` (it appears only when complete) as `case.graphml`.
    @discardableResult
    public func write(_ c: Case, toFolder folder: String) throws -> InterchangeNotes {
        var notes = InterchangeNotes()
        try AtomicFolder.write(folder, isReplaceable: { FileManager.default.fileExists(atPath: $0 + "/" + GraphMLWriter.fileName) }) { temporary in
            notes = try write(c, toFile: temporary + "/" + GraphMLWriter.fileName)
        }
        return notes
    }

    /// Writes `c` to the file `path`.
    /// - Complexity: O(entities + links + transfers + reports), constant memory beyond the case.
    @discardableResult
    public func write(_ c: Case, toFile path: String) throws -> InterchangeNotes {
        for column in nodeColumns {
            precondition(column.count == c.entities.count, "node column \(column.name) has a value per entity")
        }
        let out = try ByteWriter(path: path)
        let export = GraphMLExport(c, columns: nodeColumns, out: out)
        export.rowsPerChunk = rowsPerChunk
        export.fastPaths = fastPaths
        try export.run()
        try out.finish()
        return export.notes
    }
}

/// The GraphML keys FraudGraph writes, shared by writer and reader.
enum GraphMLKey {
    static let format = "g_format"
    static let nodeKind = "nk", nodeName = "nn", nodeCountry = "nc", nodeRole = "nr", nodeOutside = "no", nodeEncoded = "nx"
    static let edgeKind = "ek", edgeID = "ei", edgeAmount = "ea", edgeCurrency = "ec", edgeTime = "et", edgeChannel = "ech"
    static let edgeWeight = "ew", edgeTransfer = "etr", edgeVictim = "ev", edgeTimeStyle = "ets", edgeEncoded = "ex"
    /// Attribute column k of a table: `na0` (entities), `la0` (links), `ta0` (transfers), `ra0` (reports).
    static func attribute(_ table: CaseBuilder.Table, _ k: Int) -> String { prefix(table) + "a\(k)" }
    /// The exact text of a known column, where a case file had another form.
    static func verbatim(_ table: CaseBuilder.Table, _ column: String) -> String { prefix(table) + "v_" + column }
    static func header(_ table: CaseBuilder.Table) -> String { "g_header_" + table.rawValue }
    static func columns(_ table: CaseBuilder.Table) -> String { "g_columns_" + table.rawValue }
    static func nodeColumn(_ k: Int) -> String { "ncol\(k)" }

    static func prefix(_ table: CaseBuilder.Table) -> String {
        switch table {
        case .entities: "n"
        case .links: "l"
        case .transfers: "t"
        case .reports: "r"
        }
    }

    /// attr.names FraudGraph's own keys use, which attribute columns must not take.
    static let reservedNodeNames: Set<String> = ["kind", "name", "country", "role", "outside", "fraudgraph_encoded"]
    static let reservedEdgeNames: Set<String> = ["kind", "id", "amount", "currency", "time", "channel", "weight", "transfer",
                                                 "victim", "fraudgraph_time_style", "fraudgraph_encoded"]
}

/// One export of a case to GraphML.
final class GraphMLExport {
    let c: Case
    let columns: [NodeColumn]
    let out: ByteWriter
    var notes = InterchangeNotes()
    var rowsPerChunk = ChunkedRows.defaultChunkRows
    var fastPaths = true
    /// Key ids of the values of the current element that are percent-encoded.
    var encoded: [String] = []
    var scratch: [UInt8] = []
    /// The entities' ids as XML attribute values.
    let ids: GraphMLEntityIDs

    init(_ c: Case, columns: [NodeColumn], out: ByteWriter) {
        self.c = c
        self.columns = columns
        self.out = out
        ids = GraphMLEntityIDs(c.entities)
    }

    /// A helper of `export` that formats chunks of rows into memory.
    init(formattingFor export: GraphMLExport) {
        c = export.c
        columns = export.columns
        out = ByteWriter()
        ids = export.ids
        fastPaths = export.fastPaths
    }

    /// Writes rows `0 ..< count` of a table with `body` (which writes a range of rows
    /// to `out` and adds to `notes`) in chunks on two threads (`ChunkedRows`).
    func writeInChunks(rows count: Int, _ body: @escaping (GraphMLExport, Range<Int>) throws -> Void) throws {
        try ChunkedRows.write(
            rows: count, chunkRows: rowsPerChunk, formatters: (GraphMLExport(formattingFor: self), GraphMLExport(formattingFor: self)), to: out,
            format: { helper, rows, buffer in
                helper.out.exchange(&buffer)
                defer { helper.out.exchange(&buffer) }
                helper.notes = InterchangeNotes()
                try body(helper, rows)
                return helper.notes
            },
            merge: { notes.merge($0) })
    }

    static let noteEncoded = "values with characters XML cannot hold (control characters, U+FFFE/FFFF): percent-encoded and listed in fraudgraph_encoded, so FraudGraph reads them back exactly"
    static let noteRenamed = "attribute columns named like a FraudGraph GraphML key: their attr.name is prefixed attr:"

    func run() throws {
        try writeHeader()
        try writeInChunks(rows: c.entities.count) { try $0.writeNodes(rows: $1) }
        try writeInChunks(rows: c.transfers.count) { try $0.writeTransfers(rows: $1) }
        try writeInChunks(rows: c.links.count) { try $0.writeLinks(rows: $1) }
        try writeReports()
        out.append("</graph>\n</graphml>\n")
    }

    // MARK: - Keys

    func key(_ id: String, for domain: String, name: String, type: String) {
        out.write { buf in
            buf.append(contentsOf: "<key id=\"".utf8)
            buf.append(contentsOf: id.utf8)
            buf.append(contentsOf: "\" for=\"".utf8)
            buf.append(contentsOf: domain.utf8)
            buf.append(contentsOf: "\" attr.name=\"".utf8)
            GraphMLText.appendAttribute(GraphMLText.encode(name), to: &buf)
            buf.append(contentsOf: "\" attr.type=\"".utf8)
            buf.append(contentsOf: type.utf8)
            buf.append(contentsOf: "\"/>\n".utf8)
        }
    }

    /// The attr.name an attribute column gets: its own, unless a FraudGraph key has it.
    func attributeName(_ name: String, reserved: Set<String>, taken: inout Set<String>) -> String {
        var n = name
        while reserved.contains(n) || n.hasPrefix("fraudgraph_") || taken.contains(n) {
            n = "attr:" + n
        }
        if n != name { notes.add(Self.noteRenamed, example: name) }
        taken.insert(n)
        return n
    }

    func writeHeader() throws {
        out.append("""
        <?xml version="1.0" encoding="UTF-8"?>
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
        xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
        <!-- Written by FraudGraph: a case as a graph. fraudgraph import reads it back; see docs/interchange.md. -->

        """)
        key(GraphMLKey.format, for: "graph", name: "fraudgraph_format", type: "string")
        let tables: [(CaseBuilder.Table, TableLayout, AttributeColumns)] = [
            (.entities, c.entities.layout, c.entities.attributes), (.links, c.links.layout, c.links.attributes),
            (.transfers, c.transfers.layout, c.transfers.attributes), (.reports, c.reports.layout, c.reports.attributes),
        ]
        for (table, _, _) in tables {
            key(GraphMLKey.header(table), for: "graph", name: "fraudgraph_header_" + table.rawValue, type: "string")
            key(GraphMLKey.columns(table), for: "graph", name: "fraudgraph_columns_" + table.rawValue, type: "string")
        }
        // Nodes.
        key(GraphMLKey.nodeKind, for: "node", name: "kind", type: "string")
        key(GraphMLKey.nodeName, for: "node", name: "name", type: "string")
        key(GraphMLKey.nodeCountry, for: "node", name: "country", type: "string")
        key(GraphMLKey.nodeRole, for: "node", name: "role", type: "string")
        key(GraphMLKey.nodeOutside, for: "node", name: "outside", type: "boolean")
        var nodeNames = Set<String>()
        for (k, column) in columns.enumerated() {
            key(GraphMLKey.nodeColumn(k), for: "node", name: attributeName(column.name, reserved: GraphMLKey.reservedNodeNames, taken: &nodeNames), type: column.typeName)
        }
        var edgeNames = Set<String>()
        for (table, layout, attributes) in tables {
            let domain = table == .entities ? "node" : "edge"
            for (k, name) in attributes.names.enumerated() {
                if table == .entities {
                    key(GraphMLKey.attribute(table, k), for: domain, name: attributeName(name, reserved: GraphMLKey.reservedNodeNames, taken: &nodeNames), type: "string")
                } else {
                    // Links, transfers and reports may share an attribute name: one column in the tools.
                    var shared = Set<String>()
                    let n = attributeName(name, reserved: GraphMLKey.reservedEdgeNames, taken: &shared)
                    edgeNames.insert(n)
                    key(GraphMLKey.attribute(table, k), for: domain, name: n, type: "string")
                }
            }
            for column in layout.verbatim.keys.sorted() {
                key(GraphMLKey.verbatim(table, column), for: domain, name: "fraudgraph_verbatim_\(table.rawValue)_\(column)", type: "string")
            }
        }
        key(GraphMLKey.nodeEncoded, for: "node", name: "fraudgraph_encoded", type: "string")
        // Edges.
        key(GraphMLKey.edgeKind, for: "edge", name: "kind", type: "string")
        key(GraphMLKey.edgeID, for: "edge", name: "id", type: "string")
        key(GraphMLKey.edgeAmount, for: "edge", name: "amount", type: "double")
        key(GraphMLKey.edgeCurrency, for: "edge", name: "currency", type: "string")
        key(GraphMLKey.edgeTime, for: "edge", name: "time", type: "string")
        key(GraphMLKey.edgeChannel, for: "edge", name: "channel", type: "string")
        key(GraphMLKey.edgeWeight, for: "edge", name: "weight", type: "double")
        key(GraphMLKey.edgeTransfer, for: "edge", name: "transfer", type: "string")
        key(GraphMLKey.edgeVictim, for: "edge", name: "victim", type: "string")
        key(GraphMLKey.edgeTimeStyle, for: "edge", name: "fraudgraph_time_style", type: "string")
        key(GraphMLKey.edgeEncoded, for: "edge", name: "fraudgraph_encoded", type: "string")
        // The graph and its data.
        out.append("<graph id=\"case\" edgedefault=\"directed\">\n")
        graphData(GraphMLKey.format, GraphMLWriter.formatVersion)
        for (table, layout, attributes) in tables {
            if !layout.header.isEmpty { graphData(GraphMLKey.header(table), GraphMLText.list(layout.header)) }
            if attributes.count > 0 { graphData(GraphMLKey.columns(table), GraphMLText.list(attributes.names)) }
        }
        try out.endRecord()
    }

    func graphData(_ key: String, _ value: String) {
        out.write { buf in
            buf.append(contentsOf: "<data key=\"".utf8)
            buf.append(contentsOf: key.utf8)
            buf.append(contentsOf: "\">".utf8)
            var v = value
            v.withUTF8 { GraphMLText.appendContent($0, to: &buf) }
            buf.append(contentsOf: "</data>\n".utf8)
        }
    }

    // MARK: - Values

    /// Appends `<data key="KEY">VALUE</data>` for a string value (nothing when it is
    /// empty), percent-encoding it if XML cannot hold it.
    @inline(__always)
    func data(_ key: String, _ bytes: UnsafeBufferPointer<UInt8>) {
        if bytes.isEmpty { return }
        if GraphMLText.needsEncoding(bytes, isID: false) {
            encodedData(key, String(decoding: bytes, as: UTF8.self))
            return
        }
        out.write { buf in
            buf.append(contentsOf: #"<data key=""#.utf8)
            buf.append(contentsOf: key.utf8)
            buf.append(contentsOf: #"">"#.utf8)
            GraphMLText.appendContent(bytes, to: &buf)
            buf.append(contentsOf: "</data>".utf8)
        }
    }

    func data(_ key: String, _ value: String) {
        var v = value
        v.withUTF8 { data(key, $0) }
    }

    func encodedData(_ key: String, _ value: String) {
        encoded.append(key)
        notes.add(Self.noteEncoded, example: value)
        var v = GraphMLText.encode(value)
        v.withUTF8 { b in
            out.write { buf in
                buf.append(contentsOf: #"<data key=""#.utf8)
                buf.append(contentsOf: key.utf8)
                buf.append(contentsOf: #"">"#.utf8)
                GraphMLText.appendContent(b, to: &buf)
                buf.append(contentsOf: "</data>".utf8)
            }
        }
    }

    /// Appends a value written by `body` (numbers, times: no escaping needed).
    @inline(__always)
    func rawData(_ key: StaticString, _ body: (inout [UInt8]) -> Void) {
        out.write { buf in
            buf.append(contentsOf: #"<data key=""#.utf8)
            key.withUTF8Buffer { buf.append(contentsOf: $0) }
            buf.append(contentsOf: #"">"#.utf8)
            body(&buf)
            buf.append(contentsOf: "</data>".utf8)
        }
    }

    /// Appends an id as an XML attribute value, encoded if it holds `%` or a character
    /// XML cannot hold (`flag` is then listed as encoded).
    @inline(__always)
    func idAttribute(_ bytes: UnsafeBufferPointer<UInt8>, flag: String) {
        if GraphMLText.needsEncoding(bytes, isID: true) {
            encoded.append(flag)
            notes.add(Self.noteEncoded, example: String(decoding: bytes, as: UTF8.self))
            var v = GraphMLText.encode(String(decoding: bytes, as: UTF8.self))
            v.withUTF8 { b in out.write { GraphMLText.appendAttribute(b, to: &$0) } }
        } else {
            out.write { GraphMLText.appendAttribute(bytes, to: &$0) }
        }
    }

    /// Closes an element's data with the list of encoded keys, if any.
    func finishEncoded(_ key: StaticString) {
        guard !encoded.isEmpty else { return }
        let list = encoded.joined(separator: " ")
        encoded.removeAll(keepingCapacity: true)
        out.write { buf in
            buf.append(contentsOf: #"<data key=""#.utf8)
            key.withUTF8Buffer { buf.append(contentsOf: $0) }
            buf.append(contentsOf: #"">"#.utf8)
            buf.append(contentsOf: list.utf8)
            buf.append(contentsOf: "</data>".utf8)
        }
    }

    /// The keys of a table's attribute columns and of its verbatim columns, made once.
    struct ExtraKeys {
        var attributes: [String]
        var verbatim: [String]

        init(_ table: CaseBuilder.Table, attributes: AttributeColumns, verbatimColumns: [String]) {
            self.attributes = (0 ..< attributes.count).map { GraphMLKey.attribute(table, $0) }
            verbatim = verbatimColumns.map { GraphMLKey.verbatim(table, $0) }
        }
    }

    /// Attribute and verbatim data of one row.
    func rowExtras(row: Int32, keys: ExtraKeys, cursors: inout [SparseCursor], verbatim: inout [SparseCursor]) {
        for k in 0 ..< cursors.count {
            _ = cursors[k].value(at: row) { data(keys.attributes[k], $0) }
        }
        for k in 0 ..< verbatim.count {
            _ = verbatim[k].value(at: row) { value in
                // An empty exact text (a blank currency) is written as an empty element.
                if value.isEmpty {
                    out.write { $0.append(contentsOf: "<data key=\"\(keys.verbatim[k])\"></data>".utf8) }
                } else {
                    data(keys.verbatim[k], value)
                }
            }
        }
    }

    // MARK: - Nodes

    func writeNodes(rows: Range<Int>) throws {
        let e = c.entities
        let first = Int32(rows.lowerBound)
        var attributes = e.attributes.columns.map { SparseCursor($0, from: first) }
        let verbatimColumns = e.layout.verbatim.keys.sorted()
        let extraKeys = ExtraKeys(.entities, attributes: e.attributes, verbatimColumns: verbatimColumns)
        var verbatim = verbatimColumns.map { SparseCursor(e.layout.verbatim[$0], from: first) }
        let kindWords = (0 ..< e.kinds.count).map { Array(e.kinds[UInt16($0)].utf8) }
        let countryWords = (0 ..< e.countries.count).map { Array(e.countries[UInt16($0)].utf8) }
        let roleWords = (0 ..< e.roles.count).map { Array(e.roles[UInt16($0)].utf8) }
        for i in rows {
            let row = Int32(i)
            out.append("<node id=\"")
            entityID(row, flag: "id")
            out.append("\">")
            kindWords[Int(e.kind[i])].withUnsafeBufferPointer { data(GraphMLKey.nodeKind, $0) }
            e.name.withBytes(i) { data(GraphMLKey.nodeName, $0) }
            countryWords[Int(e.country[i])].withUnsafeBufferPointer { data(GraphMLKey.nodeCountry, $0) }
            roleWords[Int(e.role[i])].withUnsafeBufferPointer { data(GraphMLKey.nodeRole, $0) }
            if e.isOutside[i] { rawData("no") { $0.append(contentsOf: "true".utf8) } }
            for (k, column) in columns.enumerated() where column.has(i) {
                switch column.values {
                case .integer(let v): out.write { $0.append(contentsOf: "<data key=\"\(GraphMLKey.nodeColumn(k))\">\(v[i])</data>".utf8) }
                case .number(let v): out.write { $0.append(contentsOf: "<data key=\"\(GraphMLKey.nodeColumn(k))\">\(JSON.number(v[i]))</data>".utf8) }
                case .text(let v): data(GraphMLKey.nodeColumn(k), v[i]!)
                }
            }
            if !attributes.isEmpty || !verbatim.isEmpty {
                rowExtras(row: row, keys: extraKeys, cursors: &attributes, verbatim: &verbatim)
            }
            finishEncoded("nx")
            out.append("</node>\n")
            try out.endRecord()
        }
    }

    // MARK: - Edges

    func edgeStart(_ source: Int32, _ target: Int32) {
        out.append("<edge source=\"")
        entityID(source, flag: "source")
        out.append("\" target=\"")
        entityID(target, flag: "target")
        out.append("\">")
    }

    /// Appends the id of entity `e` as `idAttribute` does, from the escaped ids when it
    /// needs no encoding.
    @inline(__always)
    func entityID(_ e: Int32, flag: String) {
        let entry = ids.entries[Int(e)]
        if entry & 1 != 0 {
            let start = Int(entry >> 21)
            out.append(UnsafeBufferPointer(rebasing: ids.bytes[start ..< start + Int((entry >> 1) & 0xFFFFF)]))
        } else {
            c.entities.ids.withBytes(e) { idAttribute($0, flag: flag) }
        }
    }

    func writeTransfers(rows: Range<Int>) throws {
        let t = c.transfers
        let first = Int32(rows.lowerBound)
        var attributes = t.attributes.columns.map { SparseCursor($0, from: first) }
        let verbatimColumns = t.layout.verbatim.keys.sorted()
        let extraKeys = ExtraKeys(.transfers, attributes: t.attributes, verbatimColumns: verbatimColumns)
        var verbatim = verbatimColumns.map { SparseCursor(t.layout.verbatim[$0], from: first) }
        let currencyWords = (0 ..< t.currencies.count).map { Array(t.currencies[UInt16($0)].utf8) }
        let channelWords = (0 ..< t.channels.count).map { Array(t.channels[UInt16($0)].utf8) }
        let plain = attributes.isEmpty && verbatim.isEmpty
        // Currencies and channels as element content, once; nil where XML cannot hold them.
        func content(_ w: [UInt8]) -> [UInt8]? {
            w.withUnsafeBufferPointer { b in
                if GraphMLText.needsEncoding(b, isID: false) { return nil }
                var o: [UInt8] = []
                GraphMLText.appendContent(b, to: &o)
                return o
            }
        }
        let currencyXML = currencyWords.map(content), channelXML = channelWords.map(content)
        let e = c.entities
        // Each attribute column's `<data key="KEY">`.
        let attributeOpen = extraKeys.attributes.map { Array(("<data key=\"" + $0 + "\">").utf8) }
        var days = DayCache()

        // MARK: Fast path
        // The usual transfer of the path below, and more plainly still: a UTC time, and
        // ids and attribute values that XML holds as they are. Its line is written
        // straight into the buffer, a run of such rows at a time, byte for byte as the
        // path below writes it.
        /// The bytes the line of row `i` can take if it goes the fast path, or nil.
        func fastLength(_ i: Int, _ entries: UnsafeBufferPointer<UInt64>) -> Int? {
            let row = Int32(i)
            let a = entries[Int(t.source[i])], b = entries[Int(t.target[i])]
            guard a & b & 1 != 0, t.textForm[i].timeStyle == .utc,
                  let currency = currencyXML[Int(t.currency[i])], let channel = channelXML[Int(t.channel[i])] else { return nil }
            var length = 256 + Int((a >> 1) & 0xFFFFF) + Int((b >> 1) & 0xFFFFF) + currency.count + channel.count
            for k in 0 ..< verbatim.count where verbatim[k].has(row) { return nil }
            for k in 0 ..< attributes.count where attributes[k].has(row) {
                var plain = false
                _ = attributes[k].value(at: row) { value in
                    plain = !GraphMLText.needsEncoding(value, isID: false) && GraphMLText.isPlainContent(value)
                    length += attributeOpen[k].count + value.count + 8
                }
                if !plain { return nil }
            }
            let idLength = t.ids.withBytes(row) { id in
                !id.isEmpty && !GraphMLText.needsEncoding(id, isID: false) && GraphMLText.isPlainContent(id) ? id.count : -1
            }
            return idLength < 0 ? nil : length + idLength
        }

        /// Writes the line of row `i`, which `fastLength` let through.
        func writeFast(_ i: Int, _ line: inout LineCursor, _ entries: UnsafeBufferPointer<UInt64>, _ ids: UnsafePointer<UInt8>) {
            let row = Int32(i)
            let a = entries[Int(t.source[i])], b = entries[Int(t.target[i])]
            line.put(#"<edge source=""#)
            line.copy(ids + Int(a >> 21), Int((a >> 1) & 0xFFFFF))
            line.put(#"" target=""#)
            line.copy(ids + Int(b >> 21), Int((b >> 1) & 0xFFFFF))
            line.put(#""><data key="ek">transfer</data><data key="ei">"#)
            t.ids.withBytes(row) { line.copy($0) }
            line.put(#"</data><data key="ea">"#)
            line.putAmount(t.amount[i], fractionDigits: t.textForm[i].amountFractionDigits)
            line.put(#"</data><data key="ec">"#)
            currencyXML[Int(t.currency[i])]!.withUnsafeBufferPointer { line.copy($0) }
            line.put(#"</data><data key="et">"#)
            days.put(t.time[i], to: &line)
            line.put(UInt8(ascii: "Z"))
            if t.channel[i] != 0 {
                line.put(#"</data><data key="ech">"#)
                channelXML[Int(t.channel[i])]!.withUnsafeBufferPointer { line.copy($0) }
            }
            line.put("</data>")
            for k in 0 ..< attributes.count {
                _ = attributes[k].value(at: row) { value in
                    guard !value.isEmpty else { return }
                    attributeOpen[k].withUnsafeBufferPointer { line.copy($0) }
                    line.copy(value)
                    line.put("</data>")
                }
            }
            line.put("</edge>\n")
        }

        let entries = ids.entries, idBytes = ids.bytes.baseAddress!  // never empty
        var i = rows.lowerBound
        while i < rows.upperBound {
            let runStart = i
            if fastPaths, var length = fastLength(i, entries) {
                let room = out.reserve(Swift.max(1 << 16, length + 16))
                var line = LineCursor(room.baseAddress!)
                let end = room.baseAddress! + room.count
                while end - line.p >= length + 16 {
                    writeFast(i, &line, entries, idBytes)
                    i += 1
                    guard i < rows.upperBound, let next = fastLength(i, entries) else { break }
                    length = next
                }
                out.commit(line.p - room.baseAddress!, of: room)
            }
            if i > runStart {
                try out.endRecord()
                continue
            }
            defer { i += 1 }
            let row = Int32(i)
            let form = t.textForm[i]
            // The usual transfer: plain ids, currency and channel, written in one go,
            // then its attributes as the general path writes them.
            var plainRow = plain
            var hasAttributes = false
            if !plain {
                plainRow = true
                for k in 0 ..< attributes.count where attributes[k].has(row) { hasAttributes = true; break }
                for k in 0 ..< verbatim.count where verbatim[k].has(row) { plainRow = false; break }
            }
            if plainRow && form.timeStyle != .unixSeconds && form.timeStyle != .other, let currency = currencyXML[Int(t.currency[i])],
               let channel = channelXML[Int(t.channel[i])],
               !e.ids.withBytes(t.source[i], { GraphMLText.needsEncoding($0, isID: true) }),
               !e.ids.withBytes(t.target[i], { GraphMLText.needsEncoding($0, isID: true) }),
               !t.ids.withBytes(row, { GraphMLText.needsEncoding($0, isID: false) }) {
                @inline(__always) func put(_ s: StaticString, _ buf: inout [UInt8]) { s.withUTF8Buffer { buf.append(contentsOf: $0) } }
                out.write { buf in
                    put(#"<edge source=""#, &buf)
                    e.ids.withBytes(t.source[i]) { GraphMLText.appendAttribute($0, to: &buf) }
                    put(#"" target=""#, &buf)
                    e.ids.withBytes(t.target[i]) { GraphMLText.appendAttribute($0, to: &buf) }
                    put(#""><data key="ek">transfer</data><data key="ei">"#, &buf)
                    t.ids.withBytes(row) { GraphMLText.appendContent($0, to: &buf) }
                    put(#"</data><data key="ea">"#, &buf)
                    Money(units: t.amount[i]).append(to: &buf, fractionDigits: form.amountFractionDigits)
                    put(#"</data><data key="ec">"#, &buf)
                    currency.withUnsafeBufferPointer { buf.append(contentsOf: $0) }
                    put(#"</data><data key="et">"#, &buf)
                    Timestamp.append(t.time[i], style: form.timeStyle, offsetMinutes: form.offsetMinutes, to: &buf)
                    if t.channel[i] != 0 {
                        put(#"</data><data key="ech">"#, &buf)
                        channel.withUnsafeBufferPointer { buf.append(contentsOf: $0) }
                    }
                    put("</data>", &buf)
                }
                if hasAttributes {
                    rowExtras(row: row, keys: extraKeys, cursors: &attributes, verbatim: &verbatim)
                    finishEncoded("ex")
                }
                out.append("</edge>\n")
                try out.endRecord()
                continue
            }
            edgeStart(t.source[i], t.target[i])
            out.append(#"<data key="ek">transfer</data>"#)
            t.ids.withBytes(row) { data(GraphMLKey.edgeID, $0) }
            rawData("ea") { Money(units: t.amount[i]).append(to: &$0, fractionDigits: form.amountFractionDigits) }
            currencyWords[Int(t.currency[i])].withUnsafeBufferPointer { data(GraphMLKey.edgeCurrency, $0) }
            rawData("et") { Timestamp.append(t.time[i], style: form.timeStyle == .offset ? .offset : .utc, offsetMinutes: form.offsetMinutes, to: &$0) }
            if form.timeStyle == .unixSeconds || form.timeStyle == .other {
                rawData("ets") {
                    $0.append(contentsOf: (form.timeStyle == .unixSeconds ? "unix" : "other").utf8)
                    $0.append(UInt8(ascii: ":"))
                    appendDecimal(Int64(form.offsetMinutes), to: &$0)
                }
            }
            if t.channel[i] != 0 { channelWords[Int(t.channel[i])].withUnsafeBufferPointer { data(GraphMLKey.edgeChannel, $0) } }
            if !plain {
                rowExtras(row: row, keys: extraKeys, cursors: &attributes, verbatim: &verbatim)
            }
            finishEncoded("ex")
            out.append("</edge>\n")
            try out.endRecord()
        }
    }


    func writeLinks(rows: Range<Int>) throws {
        let l = c.links
        let first = Int32(rows.lowerBound)
        var attributes = l.attributes.columns.map { SparseCursor($0, from: first) }
        let verbatimColumns = l.layout.verbatim.keys.sorted()
        let extraKeys = ExtraKeys(.links, attributes: l.attributes, verbatimColumns: verbatimColumns)
        var verbatim = verbatimColumns.map { SparseCursor(l.layout.verbatim[$0], from: first) }
        let kindWords = (0 ..< l.kinds.count).map { Array(l.kinds[UInt16($0)].utf8) }
        for i in rows {
            let row = Int32(i)
            edgeStart(l.source[i], l.target[i])
            kindWords[Int(l.kind[i])].withUnsafeBufferPointer { data(GraphMLKey.edgeKind, $0) }
            if l.time[i] != Timestamp.absent { rawData("et") { Timestamp.append(l.time[i], style: .utc, offsetMinutes: 0, to: &$0) } }
            rawData("ew") { $0.append(contentsOf: CanonicalText.weight(l.weight[i]).utf8) }
            rowExtras(row: row, keys: extraKeys, cursors: &attributes, verbatim: &verbatim)
            finishEncoded("ex")
            out.append("</edge>\n")
            try out.endRecord()
        }
    }

    func writeReports() throws {
        let r = c.reports, t = c.transfers
        var attributes = r.attributes.columns.map { SparseCursor($0) }
        let verbatimColumns = r.layout.verbatim.keys.sorted()
        let extraKeys = ExtraKeys(.reports, attributes: r.attributes, verbatimColumns: verbatimColumns)
        var verbatim = verbatimColumns.map { SparseCursor(r.layout.verbatim[$0]) }
        for i in 0 ..< r.count {
            let row = Int32(i)
            let transfer = r.transfer[i]
            let victim = r.victim[i]
            edgeStart(victim >= 0 ? victim : t.source[Int(transfer)], t.target[Int(transfer)])
            out.append(#"<data key="ek">report</data>"#)
            r.ids.withBytes(row) { data(GraphMLKey.edgeID, $0) }
            t.ids.withBytes(transfer) { data(GraphMLKey.edgeTransfer, $0) }
            if victim >= 0 { c.entities.ids.withBytes(victim) { data(GraphMLKey.edgeVictim, $0) } }
            if r.reportedAt[i] != Timestamp.absent { rawData("et") { Timestamp.append(r.reportedAt[i], style: .utc, offsetMinutes: 0, to: &$0) } }
            rowExtras(row: row, keys: extraKeys, cursors: &attributes, verbatim: &verbatim)
            finishEncoded("ex")
            out.append("</edge>\n")
            try out.endRecord()
        }
    }
}
