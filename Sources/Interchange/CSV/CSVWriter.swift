import Foundation

/// Writes CSV (RFC 4180, LF line ends) to a file through a 4 MiB buffer. Fields are
/// quoted only when they hold `,`, `"`, CR or LF, with `"` doubled.
///
/// The buffer lives behind a pointer the writer never replaces, so appending a field
/// costs no runtime exclusivity check (a class's `var` properties would).
public final class CSVWriter {
    struct State {
        var buffer: [UInt8] = []
        var fieldsInRow = 0
    }

    private let fd: Int32
    private let state: UnsafeMutablePointer<State>
    private static let flushSize = 1 << 22
    public let path: String

    /// Creates (or truncates) the file at `path`.
    public init(path: String) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if fd < 0 {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: String(cString: strerror(errno))])
        }
        state = .allocate(capacity: 1)
        state.initialize(to: State())
        state.pointee.buffer.reserveCapacity(CSVWriter.flushSize + 65536)
    }

    /// A writer that only collects rows in memory (`exchange` takes them out): the
    /// buffer one thread formats a chunk of rows into (`ChunkedRows`).
    init() {
        path = ""
        fd = -1
        state = .allocate(capacity: 1)
        state.initialize(to: State())
    }

    /// Swaps the buffer with `buffer` (for an in-memory writer), at a row's start.
    func exchange(_ buffer: inout [UInt8]) {
        swap(&state.pointee.buffer, &buffer)
        state.pointee.fieldsInRow = 0
    }

    deinit {
        if fd >= 0 { close(fd) }
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// Appends one field of the current row.
    @inline(__always)
    public func field(_ bytes: UnsafeBufferPointer<UInt8>) {
        let s = state
        if s.pointee.fieldsInRow > 0 { s.pointee.buffer.append(UInt8(ascii: ",")) }
        s.pointee.fieldsInRow &+= 1
        var needsQuotes = false
        for c in bytes where c < 0x2D && (c == UInt8(ascii: ",") || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r")) {
            needsQuotes = true
            break
        }
        if !needsQuotes {
            s.pointee.buffer.append(contentsOf: bytes)
            return
        }
        s.pointee.buffer.append(UInt8(ascii: "\""))
        for c in bytes {
            if c == UInt8(ascii: "\"") { s.pointee.buffer.append(c) }
            s.pointee.buffer.append(c)
        }
        s.pointee.buffer.append(UInt8(ascii: "\""))
    }

    /// Appends one field from a string.
    /// `text` as a spreadsheet shows it rather than runs it: a field that begins like a
    /// formula (`=`, `+`, `-`, `@`, a tab or a carriage return) and is not a number (nor
    /// that one character alone) gets a leading `'`. For reports that people open in spreadsheets; case folders keep
    /// their data exact and do not use it.
    public static func spreadsheetSafe(_ text: String) -> String {
        guard text.unicodeScalars.count > 1, let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first),
              Double(text) == nil else { return text }
        return "'" + text
    }

    /// `text` as one CSV field (RFC 4180): quoted, with quotes doubled, when it holds a
    /// comma, a quote, a CR or a LF (tested byte by byte: `"\r\n"` is one `Character`).
    public static func quotedField(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public func field(_ text: String) {
        var t = text
        t.withUTF8 { field($0) }
    }

    /// Appends one field that needs no quoting (numbers, codes), written by `body`.
    @inline(__always)
    public func rawField(_ body: (inout [UInt8]) -> Void) {
        let s = state
        if s.pointee.fieldsInRow > 0 { s.pointee.buffer.append(UInt8(ascii: ",")) }
        s.pointee.fieldsInRow &+= 1
        body(&s.pointee.buffer)
    }

    /// Ends the current row.
    public func endRow() throws {
        state.pointee.buffer.append(UInt8(ascii: "\n"))
        state.pointee.fieldsInRow = 0
        if fd >= 0 && state.pointee.buffer.count >= CSVWriter.flushSize { try flush() }
    }

    /// Writes a whole row of strings.
    public func row(_ fields: [String]) throws {
        for f in fields { field(f) }
        try endRow()
    }

    /// Writes out the buffer.
    public func flush() throws {
        var offset = 0
        try state.pointee.buffer.withUnsafeBytes { raw in
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: String(cString: strerror(errno))])
                }
                offset += n
            }
        }
        state.pointee.buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and makes sure the data is on disk.
    public func finish() throws {
        try flush()
        fsync(fd)
    }
}
