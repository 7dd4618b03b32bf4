import FraudGraph
import Foundation

/// Reads a plain edge list into a `WeightedGraph`: one undirected edge per line,
/// `u v` or `u v w`, nodes whole numbers `0 ..< n` (n is the largest node + 1, so a
/// node named by no edge is alone), fields separated by spaces, tabs or one comma,
/// weight 1 when absent. Blank lines and lines starting with `#` or `%` are skipped.
/// Parallel edges add up; a self-loop is kept.
///
/// Speed: one pass over the bytes in 4 MiB blocks, no `String` per line; the graph is
/// built in place (degrees, fill, sort each list), about 24 bytes per edge at peak.
public struct EdgeListReader: Sendable {
    public init() {}

    /// The graph in the file at `path`.
    /// - Throws: `EdgeListError`, naming the line and field of the first problem.
    public func read(path: String) throws(EdgeListError) -> WeightedGraph {
        let fd = open(path, O_RDONLY)
        if fd < 0 {
            throw EdgeListError(reason: .cannotOpen(String(cString: strerror(errno))), path: path, line: 0, column: 0, value: "")
        }
        defer { close(fd) }
        var parser = Parser(path: path)
        let blockSize = 1 << 22
        var block = [UInt8](repeating: 0, count: blockSize + 1)
        var carried = 0  // bytes of an unfinished line at the start of `block`
        while true {
            if carried == blockSize {
                // One line longer than a whole block: no edge list has that.
                let text = String(decoding: block[0 ..< 40], as: UTF8.self)
                throw EdgeListError(reason: .wrongFieldCount(0), path: path, line: parser.line, column: 1, value: text + "...")
            }
            let got = block.withUnsafeMutableBytes { raw in
                Foundation.read(fd, raw.baseAddress! + carried, blockSize - carried)
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw EdgeListError(reason: .readFailed(String(cString: strerror(errno))), path: path, line: parser.line, column: 0, value: "")
            }
            let end = carried + got
            let atEnd = got == 0
            let consumed = try block.withUnsafeBufferPointer { b in
                Result { () throws(EdgeListError) -> Int in try parser.parse(UnsafeBufferPointer(rebasing: b[0 ..< end]), final: atEnd) }
            }.get()
            if atEnd { break }
            carried = end - consumed
            if carried > 0 {
                block.withUnsafeMutableBufferPointer { b in
                    _ = memmove(b.baseAddress!, b.baseAddress! + consumed, carried)
                }
            }
        }
        return try parser.graph()
    }

    /// The graph in `text` (for tests and small inputs).
    public func read(text: String, name: String = "<text>") throws(EdgeListError) -> WeightedGraph {
        var parser = Parser(path: name)
        var t = text
        _ = try t.withUTF8 { b in Result { () throws(EdgeListError) -> Int in try parser.parse(b, final: true) } }.get()
        return try parser.graph()
    }

    // MARK: - Parsing

    struct Parser {
        let path: String
        var line = 1
        var sources = ContiguousArray<Int32>()
        var targets = ContiguousArray<Int32>()
        /// Empty until a line gives a weight.
        var weights = ContiguousArray<Float>()
        var largest: Int32 = -1

        init(path: String) { self.path = path }

        /// Parses the whole lines in `b` (and the last one if `final`); returns the
        /// number of bytes used.
        mutating func parse(_ b: UnsafeBufferPointer<UInt8>, final: Bool) throws(EdgeListError) -> Int {
            var i = 0
            let n = b.count
            while i < n {
                // Find the end of the line.
                var e = i
                while e < n && b[e] != 10 { e += 1 }
                if e == n && !final { return i }
                var lineEnd = e
                if lineEnd > i && b[lineEnd - 1] == 13 { lineEnd -= 1 }
                try parseLine(b, i, lineEnd)
                line += 1
                i = e + 1
            }
            return n
        }

        @inline(__always)
        static func isBlank(_ c: UInt8) -> Bool { c == 32 || c == 9 }

        mutating func parseLine(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) throws(EdgeListError) {
            var i = start
            while i < end && Parser.isBlank(b[i]) { i += 1 }
            if i == end || b[i] == UInt8(ascii: "#") || b[i] == UInt8(ascii: "%") { return }
            var fields = 0
            var u: Int32 = 0, v: Int32 = 0
            var w: Float = 1
            var hasWeight = false
            while i < end {
                let fieldStart = i
                while i < end && !Parser.isBlank(b[i]) && b[i] != UInt8(ascii: ",") { i += 1 }
                let field = UnsafeBufferPointer(rebasing: b[fieldStart ..< i])
                fields += 1
                let column = fields
                switch fields {
                case 1, 2:
                    guard let x = Parser.node(field) else {
                        throw error(.badNode, column: column, field)
                    }
                    if fields == 1 { u = x } else { v = x }
                case 3:
                    guard let x = Parser.weight(field) else {
                        throw error(.badWeight, column: column, field)
                    }
                    w = x
                    hasWeight = true
                default:
                    break
                }
                // Separator: blanks, at most one comma.
                while i < end && Parser.isBlank(b[i]) { i += 1 }
                if i < end && b[i] == UInt8(ascii: ",") {
                    i += 1
                    while i < end && Parser.isBlank(b[i]) { i += 1 }
                }
            }
            guard fields == 2 || fields == 3 else {
                throw error(.wrongFieldCount(fields), column: 1, UnsafeBufferPointer(rebasing: b[start ..< end]))
            }
            guard sources.count < Int(Int32.max) / 2 else { throw error(.tooLarge, column: 1, UnsafeBufferPointer(rebasing: b[start ..< end])) }
            if hasWeight && weights.isEmpty && !sources.isEmpty {
                weights = ContiguousArray(repeating: 1, count: sources.count)
            }
            sources.append(u)
            targets.append(v)
            if hasWeight || !weights.isEmpty { weights.append(w) }
            if u > largest { largest = u }
            if v > largest { largest = v }
        }

        func error(_ reason: EdgeListError.Reason, column: Int, _ text: UnsafeBufferPointer<UInt8>) -> EdgeListError {
            var value = String(decoding: text.prefix(60), as: UTF8.self)
            if text.count > 60 { value += "..." }
            return EdgeListError(reason: reason, path: path, line: line, column: column, value: value)
        }

        /// A node number: ASCII digits, at most 2,147,483,646.
        @inline(__always)
        static func node(_ f: UnsafeBufferPointer<UInt8>) -> Int32? {
            if f.isEmpty || f.count > 10 { return nil }
            var x = 0
            for c in f {
                let d = Int(c) &- 48
                guard d >= 0 && d <= 9 else { return nil }
                x = x * 10 + d
            }
            return x < Int(Int32.max) ? Int32(x) : nil
        }

        /// A positive finite weight: `2`, `0.5`, `.5`, `1e-3`.
        static func weight(_ f: UnsafeBufferPointer<UInt8>) -> Float? {
            if f.isEmpty || f.count > 64 { return nil }
            // Fast path: digits with an optional point.
            var mantissa: UInt64 = 0
            var digits = 0, fraction = 0
            var seenPoint = false, simple = true
            for c in f {
                if c >= 48 && c <= 57 {
                    if digits < 18 { mantissa = mantissa * 10 + UInt64(c - 48); digits += 1; if seenPoint { fraction += 1 } }
                    else if !seenPoint { simple = false; break }
                } else if c == UInt8(ascii: ".") && !seenPoint {
                    seenPoint = true
                } else {
                    simple = false
                    break
                }
            }
            var value: Double
            if simple {
                guard digits > 0 else { return nil }
                value = Double(mantissa)
                if fraction > 0 { value /= pow10(fraction) }
            } else {
                // Exponents and the like: let the C library read it, whole field or nothing.
                var buffer = [CChar](repeating: 0, count: f.count + 1)
                for (k, c) in f.enumerated() {
                    guard c >= 33 && c < 127 else { return nil }
                    buffer[k] = CChar(bitPattern: c)
                }
                var parsed = 0.0
                let complete = buffer.withUnsafeMutableBufferPointer { p -> Bool in
                    var endPointer: UnsafeMutablePointer<CChar>? = nil
                    parsed = strtod(p.baseAddress!, &endPointer)
                    return endPointer == p.baseAddress! + f.count
                }
                guard complete else { return nil }
                value = parsed
            }
            guard value.isFinite && value > 0, Float(value).isFinite, Float(value) > 0 else { return nil }
            return Float(value)
        }

        static func pow10(_ k: Int) -> Double {
            var p = 1.0
            for _ in 0 ..< k { p *= 10 }
            return p
        }

        // MARK: - Building the graph

        /// The CSR graph: degrees, fill both directions, sort each list by target and
        /// merge parallel edges.
        /// - Complexity: O(n + m log d), d the largest degree.
        mutating func graph() throws(EdgeListError) -> WeightedGraph {
            let n = Int(largest) + 1
            let m = sources.count
            var offsets = ContiguousArray<Int>(repeating: 0, count: n + 1)
            var entries = 0
            for i in 0 ..< m {
                offsets[Int(sources[i]) + 1] += 1
                entries += 1
                if sources[i] != targets[i] { offsets[Int(targets[i]) + 1] += 1; entries += 1 }
            }
            for u in 0 ..< n { offsets[u + 1] += offsets[u] }
            var adjacency = ContiguousArray<Int32>(repeating: 0, count: entries)
            var adjacencyWeight = ContiguousArray<Float>(repeating: 1, count: entries)
            let weighted = !weights.isEmpty
            do {
                var cursor = offsets
                adjacency.withUnsafeMutableBufferPointer { t in
                    adjacencyWeight.withUnsafeMutableBufferPointer { w in
                        cursor.withUnsafeMutableBufferPointer { cur in
                            for i in 0 ..< m {
                                let u = Int(sources[i]), v = Int(targets[i])
                                let x: Float = weighted ? weights[i] : 1
                                t[cur[u]] = Int32(v); w[cur[u]] = x; cur[u] += 1
                                if u != v { t[cur[v]] = Int32(u); w[cur[v]] = x; cur[v] += 1 }
                            }
                        }
                    }
                }
            }
            sources = []; targets = []; weights = []
            // Sort each list by target, merge parallel edges, compact.
            var write = 0
            adjacency.withUnsafeMutableBufferPointer { t in
                adjacencyWeight.withUnsafeMutableBufferPointer { w in
                    offsets.withUnsafeMutableBufferPointer { o in
                        var scratch: [UInt64] = []
                        var lo = o[0]
                        for u in 0 ..< n {
                            let hi = o[u + 1]
                            EdgeListReader.sortList(t, w, lo, hi, &scratch)
                            var k = lo
                            while k < hi {
                                let target = t[k]
                                var sum = w[k]
                                k += 1
                                while k < hi && t[k] == target { sum += w[k]; k += 1 }
                                t[write] = target; w[write] = sum
                                write += 1
                            }
                            lo = hi
                            o[u + 1] = write
                        }
                    }
                }
            }
            adjacency.removeLast(entries - write)
            adjacencyWeight.removeLast(entries - write)
            return WeightedGraph(offsets: offsets, targets: adjacency, weights: adjacencyWeight)
        }
    }

    /// Sorts `t[lo ..< hi]` (with `w` in step) by target: insertion sort for short
    /// lists, a sort of packed (target, weight bits) pairs for long ones.
    static func sortList(_ t: UnsafeMutableBufferPointer<Int32>, _ w: UnsafeMutableBufferPointer<Float>, _ lo: Int, _ hi: Int, _ scratch: inout [UInt64]) {
        let count = hi - lo
        if count < 2 { return }
        if count <= 32 {
            var i = lo + 1
            while i < hi {
                let key = t[i], weight = w[i]
                var j = i - 1
                while j >= lo && t[j] > key { t[j + 1] = t[j]; w[j + 1] = w[j]; j -= 1 }
                t[j + 1] = key; w[j + 1] = weight
                i += 1
            }
            return
        }
        scratch.removeAll(keepingCapacity: true)
        for k in lo ..< hi { scratch.append(UInt64(UInt32(t[k])) << 32 | UInt64(w[k].bitPattern)) }
        scratch.sort()
        for (i, x) in scratch.enumerated() {
            t[lo + i] = Int32(truncatingIfNeeded: x >> 32)
            w[lo + i] = Float(bitPattern: UInt32(truncatingIfNeeded: x))
        }
    }
}
