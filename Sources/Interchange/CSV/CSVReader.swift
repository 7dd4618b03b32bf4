import Foundation

/// A streaming RFC 4180 reader over bytes: `,` separators, `"` quoting with doubled
/// quotes inside, fields spanning lines, LF or CRLF line ends, a UTF-8 byte order
/// mark, empty trailing fields. Blank lines are skipped.
///
/// It reads the file in chunks (4 MiB by default) and hands out each field as a
/// view of its bytes, valid until the next call to `next()`, so no `String` is made
/// unless the caller asks for one. A record longer than the buffer grows it.
///
/// The reader is a noncopyable value: it owns its file and buffers, and its hot loop
/// runs without the runtime exclusivity checks that a class's properties would cost.
///
/// ```swift
/// var reader = try CSVReader(path: "case/transfers.csv")
/// while try reader.next() {
///     let amount = reader.field(3)
/// }
/// ```
public struct CSVReader: ~Copyable {
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

    /// Field boundaries of the records of the current batch, back to back: start and
    /// end of a record's field i at 2i and 2i+1 from its first span.
    private var spans: UnsafeMutablePointer<Int>
    private var spanCapacity = 64
    private var spanCount = 0
    /// First span, field count and line of each record of the batch.
    private let recordSpan: UnsafeMutablePointer<Int>
    private let recordFields: UnsafeMutablePointer<Int>
    private let recordLine: UnsafeMutablePointer<Int>
    /// Records in the current batch.
    public private(set) var batchCount = 0
    /// The most records a batch holds.
    public static let batchCapacity = 64
    /// Number of fields of the record being parsed.
    private var fieldsSoFar = 0

    /// Called with each chunk of raw bytes as it is read, and the bytes read before
    /// it (for hashing the input and showing progress).
    public var onChunk: ((UnsafeRawBufferPointer, Int) -> Void)?

    /// Bytes read from the file so far.
    public private(set) var bytesRead = 0
    /// Where in the file reading started, and how many bytes it may read (nil: to the
    /// end). A reader over part of a file treats the end of its part as the end of
    /// the input and does not look for a byte order mark.
    private var startOffset = 0
    private var byteLimit: Int?

    /// Opens `path` for reading.
    public init(path: String, chunkSize: Int = 1 << 22) throws(CSVError) {
        try self.init(path: path, chunkSize: chunkSize, range: nil)
    }

    private init(path: String, chunkSize: Int, range: Range<Int>?) throws(CSVError) {
        capacity = max(chunkSize, 64)
        buffer = .allocate(capacity: capacity)
        spans = .allocate(capacity: 2 * 64)
        recordSpan = .allocate(capacity: CSVReader.batchCapacity)
        recordFields = .allocate(capacity: CSVReader.batchCapacity)
        recordLine = .allocate(capacity: CSVReader.batchCapacity)
        fd = open(path, O_RDONLY)
        if fd < 0 {
            let why = String(cString: strerror(errno))
            buffer.deallocate()
            spans.deallocate()
            recordSpan.deallocate()
            recordFields.deallocate()
            recordLine.deallocate()
            throw CSVError(reason: .cannotOpen(why), line: 0, column: 0, value: path)
        }
        if let range {
            // Seeking a regular file past its end is not an error; reading gives 0.
            lseek(fd, off_t(range.lowerBound), SEEK_SET)
            startOffset = range.lowerBound
            byteLimit = range.count
            started = true
        }
    }

    /// A reader over bytes `range` of the file at `path` (for reading parts of one
    /// file on several threads): the end of the range is the end of its input, and a
    /// byte order mark is not looked for.
    public init(path: String, range: Range<Int>, chunkSize: Int = 1 << 22) throws(CSVError) {
        try self.init(path: path, chunkSize: chunkSize, range: range)
    }

    /// The offset in the file of the first byte not yet parsed (after the current
    /// batch).
    public var fileOffset: Int { startOffset + bytesRead - (filled - position) }

    /// A reader over bytes in memory (for tests and small inputs).
    public init(bytes: [UInt8]) {
        capacity = max(bytes.count, 64)
        buffer = .allocate(capacity: capacity)
        spans = .allocate(capacity: 2 * 64)
        recordSpan = .allocate(capacity: CSVReader.batchCapacity)
        recordFields = .allocate(capacity: CSVReader.batchCapacity)
        recordLine = .allocate(capacity: CSVReader.batchCapacity)
        bytes.withUnsafeBufferPointer { b in
            if let base = b.baseAddress { buffer.update(from: base, count: b.count) }
        }
        filled = bytes.count
        atEOF = true
    }

    /// A reader over a string.
    public init(text: String) { self.init(bytes: Array(text.utf8)) }

    deinit {
        if fd >= 0 { close(fd) }
        buffer.deallocate()
        spans.deallocate()
        recordSpan.deallocate()
        recordFields.deallocate()
        recordLine.deallocate()
    }

    /// Number of fields in the current record (the first of the batch).
    public var fieldCount: Int { batchCount > 0 ? recordFields[0] : 0 }

    /// 1-based line where the current record starts.
    public var line: Int { batchCount > 0 ? recordLine[0] : 0 }

    /// The bytes of field `i` of the current record, quotes removed and doubled
    /// quotes undone. Valid until the next call to `next()`.
    @inline(__always)
    public func field(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        let base = recordSpan[0]
        let lo = spans[base &+ 2 &* i], hi = spans[base &+ 2 &* i &+ 1]
        return UnsafeBufferPointer(start: buffer + lo, count: hi &- lo)
    }

    /// Record `r` of the current batch, valid until the next call to `next()` or
    /// `nextBatch`.
    func record(_ r: Int) -> RecordView {
        RecordView(base: UnsafePointer(buffer), spans: UnsafePointer(spans + recordSpan[r]), fieldCount: recordFields[r], line: recordLine[r])
    }

    /// Field `i` as a string (invalid UTF-8 is repaired with U+FFFD).
    public func string(_ i: Int) -> String { String(decoding: field(i), as: UTF8.self) }

    /// Every field of the current record as strings.
    public var strings: [String] { (0 ..< fieldCount).map { string($0) } }

    /// Advances to the next non-blank record. Returns false at the end of the input.
    /// - Throws: `CSVError` for broken quoting, a NUL byte, or a read failure.
    public mutating func next() throws(CSVError) -> Bool {
        try nextBatch(max: 1) > 0
    }

    /// Parses up to `max` records (at most `batchCapacity`) in place in the buffer,
    /// so that they can be looked at together (see `record(_:)`); returns how many,
    /// 0 at the end of the input. A record that breaks the rules ends a batch early;
    /// the next call throws its error.
    public mutating func nextBatch(max: Int) throws(CSVError) -> Int {
        if !started {
            started = true
            try fill()
            if filled - position >= 3 && buffer[position] == 0xEF && buffer[position + 1] == 0xBB && buffer[position + 2] == 0xBF {
                position += 3
            }
        }
        if filled == 0 && !atEOF { try fill() }
        batchCount = 0
        spanCount = 0
        let limit = Swift.min(max, CSVReader.batchCapacity)
        while batchCount < limit {
            let outcome: Outcome
            do {
                outcome = try parseRecord()
            } catch {
                spanCount = batchCount > 0 ? recordSpan[batchCount - 1] + 2 * recordFields[batchCount - 1] : 0
                if batchCount > 0 { return batchCount }
                throw error
            }
            switch outcome {
            case .record: batchCount += 1
            case .blank: continue
            case .end: return batchCount
            case .needMore:
                if batchCount > 0 { return batchCount }
                try refill()
            }
        }
        return batchCount
    }

    private enum Outcome { case record, blank, end, needMore }

    @inline(__always)
    private mutating func addField(_ start: Int, _ end: Int) {
        if spanCount &+ 2 > spanCapacity {
            let bigger = UnsafeMutablePointer<Int>.allocate(capacity: 2 * spanCapacity)
            bigger.update(from: spans, count: spanCount)
            spans.deallocate()
            spans = bigger
            spanCapacity *= 2
        }
        spans[spanCount] = start
        spans[spanCount &+ 1] = end
        spanCount &+= 2
        fieldsSoFar &+= 1
    }

    /// Parses one record from `position`; on `.needMore` nothing is consumed.
    private mutating func parseRecord() throws(CSVError) -> Outcome {
        let buf = buffer
        let end = filled
        var p = position
        if p >= end { return atEOF ? .end : .needMore }
        let firstSpan = spanCount
        fieldsSoFar = 0
        var newlines = 0
        var anyEscapes = false
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
        while true {
            // One field starts at p.
            if p < end && buf[p] == quote {
                let contentStart = p + 1
                var q = contentStart
                var hasEscapes = false
                while true {
                    while q < end {
                        let c = buf[q]
                        if c == quote { break }
                        if c == lf { newlines += 1 } else if c == 0 {
                            throw error(.nulByte, startLine + newlines, fieldsSoFar + 1, q)
                        }
                        q += 1
                    }
                    if q >= end {
                        if atEOF { throw error(.unterminatedQuote, startLine, fieldsSoFar + 1, contentStart - 1) }
                        spanCount = firstSpan
                        return .needMore
                    }
                    // buf[q] is a quote: doubled, or the end of the field.
                    if q + 1 >= end && !atEOF { spanCount = firstSpan; return .needMore }
                    if q + 1 < end && buf[q + 1] == quote {
                        hasEscapes = true
                        q += 2
                        continue
                    }
                    break
                }
                addField(contentStart, hasEscapes ? -q : q)
                anyEscapes = anyEscapes || hasEscapes
                p = q + 1
                if p < end {
                    let c = buf[p]
                    if c != comma && c != lf && c != cr {
                        throw error(.textAfterClosingQuote, startLine + newlines, fieldsSoFar, p)
                    }
                }
            } else {
                let fieldStart = p
                while p < end {
                    // Eight bytes at a time while none is below '-': the lowest byte
                    // flagged by `belowDash` is the first such byte (higher ones may
                    // be flagged falsely, by a borrow).
                    if p &+ 8 <= end {
                        let flags = CSVReader.belowDash(UnsafeRawPointer(buf + p).loadUnaligned(as: UInt64.self))
                        if flags == 0 {
                            p &+= 8
                            continue
                        }
                        p &+= flags.trailingZeroBitCount &>> 3
                    }
                    let c = buf[p]
                    // One comparison rejects every ordinary byte: the four special
                    // bytes and NUL are all below '-' (0x2D).
                    if c < 0x2D {
                        if c == comma || c == lf || c == cr { break }
                        if c == quote { throw error(.quoteInUnquotedField, startLine + newlines, fieldsSoFar + 1, fieldStart) }
                        if c == 0 { throw error(.nulByte, startLine + newlines, fieldsSoFar + 1, fieldStart) }
                    }
                    p += 1
                }
                if p >= end && !atEOF { spanCount = firstSpan; return .needMore }
                addField(fieldStart, p)
            }
            // After a field: a comma, a line end, or the end of the input.
            if p >= end {
                if !atEOF { spanCount = firstSpan; return .needMore }
                break
            }
            let c = buf[p]
            if c == comma {
                p += 1
                continue
            }
            if c == cr {
                if p + 1 >= end && !atEOF { spanCount = firstSpan; return .needMore }
                p += (p + 1 < end && buf[p + 1] == lf) ? 2 : 1
            } else {
                p += 1
            }
            newlines += 1
            break
        }
        position = p
        recordSpan[batchCount] = firstSpan
        recordFields[batchCount] = fieldsSoFar
        recordLine[batchCount] = startLine
        lineAtPosition = startLine + newlines
        if anyEscapes {
            for i in 0 ..< fieldsSoFar where spans[firstSpan + 2 * i + 1] < 0 { unescape(firstSpan + 2 * i) }
        }
        return .record
    }

    /// The high bit of each byte of `word` below 0x2D (`,` `"` CR LF and NUL all
    /// are), exact up to the first such byte. (Bytes of 0x80 and above are never
    /// flagged.)
    @inline(__always)
    static func belowDash(_ word: UInt64) -> UInt64 {
        (word &- 0x2D2D_2D2D_2D2D_2D2D) & ~word & 0x8080_8080_8080_8080
    }

    /// Removes the doubled quotes of the field whose start is span `k` in place (its
    /// end is stored negated).
    private mutating func unescape(_ k: Int) {
        var read = spans[k], write = spans[k]
        let end = -spans[k + 1]
        while read < end {
            let c = buffer[read]
            buffer[write] = c
            write += 1
            read += (c == UInt8(ascii: "\"")) ? 2 : 1
        }
        spans[k + 1] = write
    }

    /// Skips the rest of a record that broke the quoting rules: everything up to the
    /// next line end. For lenient reading.
    public mutating func skipBrokenRecord() {
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

    private mutating func fill() throws(CSVError) {
        guard fd >= 0, !atEOF else { return }
        while filled < capacity {
            var want = capacity - filled
            if let limit = byteLimit {
                want = Swift.min(want, limit - bytesRead)
                if want == 0 { atEOF = true; break }
            }
            let n = read(fd, buffer + filled, want)
            if n < 0 {
                if errno == EINTR { continue }
                throw CSVError(reason: .readFailed(String(cString: strerror(errno))), line: lineAtPosition, column: 0, value: "")
            }
            if n == 0 { atEOF = true; break }
            onChunk?(UnsafeRawBufferPointer(start: buffer + filled, count: n), bytesRead)
            filled += n
            bytesRead += n
        }
    }

    /// Moves the unread tail to the front (growing the buffer if one record fills
    /// it) and reads more.
    private mutating func refill() throws(CSVError) {
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
