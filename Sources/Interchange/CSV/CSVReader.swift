import Foundation

/// A streaming RFC 4180 reader over bytes: `,` separators, `"` quoting with doubled
/// quotes inside, fields spanning lines, LF or CRLF line ends, a UTF-8 byte order
/// mark, empty trailing fields. Blank lines are skipped.
///
/// It reads the file in chunks (4 MiB by default) and hands out each field as a
/// view of its bytes, valid until the next call to `next()`, so no `String` is made
/// unless the caller asks for one. A record longer than the buffer grows it.
///
/// ```swift
/// let reader = try CSVReader(path: "case/transfers.csv")
/// while try reader.next() {
///     let amount = reader.field(3)
/// }
/// ```
public final class CSVReader {
    private var fd: Int32 = -1
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Valid bytes in the buffer.
    private var filled = 0
    /// Start of unread bytes.
    private var position = 0
    private var atEOF = false
    private var lineAtPosition = 1
    private var started = false

    private var starts: [Int] = []
    private var ends: [Int] = []
    private var escaped: [Bool] = []
    private var recordStart = 0
    private var recordEnd = 0

    /// Called with each chunk of raw bytes as it is read (for hashing the input).
    public var onChunk: ((UnsafeRawBufferPointer) -> Void)?

    /// 1-based line where the current record starts.
    public private(set) var line = 0
    /// Bytes read from the file so far.
    public private(set) var bytesRead = 0

    /// Opens `path` for reading.
    public init(path: String, chunkSize: Int = 1 << 22) throws(CSVError) {
        capacity = max(chunkSize, 64)
        buffer = .allocate(capacity: capacity)
        fd = open(path, O_RDONLY)
        if fd < 0 {
            let why = String(cString: strerror(errno))
            buffer.deallocate()
            throw CSVError(reason: .cannotOpen(why), line: 0, column: 0, value: path)
        }
    }

    /// A reader over bytes in memory (for tests and small inputs).
    public init(bytes: [UInt8], chunkSize: Int = 1 << 22) {
        capacity = max(bytes.count, 64)
        buffer = .allocate(capacity: capacity)
        bytes.withUnsafeBufferPointer { b in
            if let base = b.baseAddress { buffer.update(from: base, count: b.count) }
        }
        filled = bytes.count
        atEOF = true
    }

    /// A reader over a string.
    public convenience init(text: String) { self.init(bytes: Array(text.utf8)) }

    deinit {
        if fd >= 0 { close(fd) }
        buffer.deallocate()
    }

    /// Number of fields in the current record.
    public var fieldCount: Int { starts.count }

    /// The bytes of field `i` of the current record, quotes removed and doubled
    /// quotes undone. Valid until the next call to `next()`.
    @inline(__always)
    public func field(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: buffer + starts[i], count: ends[i] - starts[i])
    }

    /// Field `i` as a string (invalid UTF-8 is repaired with U+FFFD).
    public func string(_ i: Int) -> String { String(decoding: field(i), as: UTF8.self) }

    /// Every field of the current record as strings.
    public var strings: [String] { (0 ..< fieldCount).map(string) }

    /// Advances to the next non-blank record. Returns false at the end of the input.
    /// - Throws: `CSVError` for broken quoting, a NUL byte, or a read failure.
    public func next() throws(CSVError) -> Bool {
        if !started {
            started = true
            try fill()
            if filled - position >= 3 && buffer[position] == 0xEF && buffer[position + 1] == 0xBB && buffer[position + 2] == 0xBF {
                position += 3
            }
        }
        while true {
            switch try parseRecord() {
            case .record: return true
            case .blank: continue
            case .end: return false
            case .needMore:
                try refill()
            }
        }
    }

    private enum Outcome { case record, blank, end, needMore }

    /// Parses one record from `position`; on `.needMore` nothing is consumed.
    private func parseRecord() throws(CSVError) -> Outcome {
        let buf = buffer
        let end = filled
        var p = position
        if p >= end { return atEOF ? .end : .needMore }
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        escaped.removeAll(keepingCapacity: true)
        var newlines = 0
        let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        // A blank line.
        if buf[p] == lf || buf[p] == cr {
            if buf[p] == cr {
                if p + 1 >= end && !atEOF { return .needMore }
                p += (p + 1 < end && buf[p + 1] == lf) ? 2 : 1
            } else {
                p += 1
            }
            position = p
            lineAtPosition += 1
            return .blank
        }
        let startLine = lineAtPosition
        let recordBegin = p
        while true {
            // One field starts at p.
            if p < end && buf[p] == quote {
                let contentStart = p + 1
                var q = contentStart
                var hasEscapes = false
                while true {
                    while q < end && buf[q] != quote {
                        if buf[q] == lf { newlines += 1 }
                        if buf[q] == 0 { throw error(.nulByte, startLine + newlines, starts.count + 1, q) }
                        q += 1
                    }
                    if q >= end {
                        if atEOF { throw error(.unterminatedQuote, startLine, starts.count + 1, contentStart - 1) }
                        return .needMore
                    }
                    // buf[q] is a quote: doubled, or the end of the field.
                    if q + 1 >= end && !atEOF { return .needMore }
                    if q + 1 < end && buf[q + 1] == quote {
                        hasEscapes = true
                        q += 2
                        continue
                    }
                    break
                }
                starts.append(contentStart)
                ends.append(q)
                escaped.append(hasEscapes)
                p = q + 1
                if p < end {
                    let c = buf[p]
                    if c != comma && c != lf && c != cr {
                        throw error(.textAfterClosingQuote, startLine + newlines, starts.count, p)
                    }
                }
            } else {
                let fieldStart = p
                while p < end {
                    let c = buf[p]
                    if c == comma || c == lf || c == cr { break }
                    if c == quote { throw error(.quoteInUnquotedField, startLine + newlines, starts.count + 1, fieldStart) }
                    if c == 0 { throw error(.nulByte, startLine + newlines, starts.count + 1, fieldStart) }
                    p += 1
                }
                if p >= end && !atEOF { return .needMore }
                starts.append(fieldStart)
                ends.append(p)
                escaped.append(false)
            }
            // After a field: a comma, a line end, or the end of the input.
            if p >= end {
                if !atEOF { return .needMore }
                break
            }
            let c = buf[p]
            if c == comma {
                p += 1
                continue
            }
            if c == cr {
                if p + 1 >= end && !atEOF { return .needMore }
                p += (p + 1 < end && buf[p + 1] == lf) ? 2 : 1
            } else {
                p += 1
            }
            newlines += 1
            break
        }
        recordStart = recordBegin
        recordEnd = p
        position = p
        line = startLine
        lineAtPosition = startLine + newlines
        for i in 0 ..< escaped.count where escaped[i] { unescape(i) }
        return .record
    }

    /// Removes the doubled quotes of field `i` in place.
    private func unescape(_ i: Int) {
        var read = starts[i], write = starts[i]
        let end = ends[i]
        while read < end {
            let c = buffer[read]
            buffer[write] = c
            write += 1
            read += (c == UInt8(ascii: "\"")) ? 2 : 1
        }
        ends[i] = write
    }

    /// Skips the rest of a record that broke the quoting rules: everything up to the
    /// next line end after the record's start. For lenient reading.
    public func skipBrokenRecord() {
        var p = position
        while p < filled && buffer[p] != UInt8(ascii: "\n") { p += 1 }
        if p < filled { p += 1 }
        position = p
        lineAtPosition += 1
    }

    private func error(_ reason: CSVError.Reason, _ line: Int, _ column: Int, _ at: Int) -> CSVError {
        let lo = at, hi = min(filled, at + 40)
        var snippet = String(decoding: UnsafeBufferPointer(start: buffer + lo, count: hi - lo), as: UTF8.self)
        if let cut = snippet.firstIndex(where: { $0 == "\n" || $0 == "\r" }) { snippet = String(snippet[..<cut]) }
        return CSVError(reason: reason, line: line, column: max(column, 1), value: snippet)
    }

    // MARK: - Reading

    private func fill() throws(CSVError) {
        guard fd >= 0, !atEOF else { return }
        while filled < capacity {
            let n = read(fd, buffer + filled, capacity - filled)
            if n < 0 {
                if errno == EINTR { continue }
                throw CSVError(reason: .readFailed(String(cString: strerror(errno))), line: lineAtPosition, column: 0, value: "")
            }
            if n == 0 { atEOF = true; break }
            onChunk?(UnsafeRawBufferPointer(start: buffer + filled, count: n))
            filled += n
            bytesRead += n
        }
    }

    /// Moves the unread tail to the front (growing the buffer if one record fills
    /// it) and reads more.
    private func refill() throws(CSVError) {
        if atEOF { return }
        let tail = filled - position
        if position == 0 && tail == capacity {
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            bigger.update(from: buffer, count: tail)
            buffer.deallocate()
            buffer = bigger
            capacity *= 2
        } else if position > 0 {
            memmove(buffer, buffer + position, tail)
        }
        filled = tail
        position = 0
        try fill()
    }
}
