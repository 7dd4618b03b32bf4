import FraudGraph
import Foundation

/// Writes bytes to a file through a 4 MiB buffer, for the exporters that stream a
/// case out row by row (FollowTheMoney JSON lines, GraphML). Nothing of the output is
/// ever held whole in memory.
///
/// The escaping that each format needs lives with the format; this type only
/// appends and flushes. The buffer lives behind a pointer the writer never replaces,
/// so appending costs no runtime exclusivity check (as in `CSVWriter`).
public final class ByteWriter {
    private let fd: Int32
    private let storage: UnsafeMutablePointer<[UInt8]>
    private let flushSize = 1 << 22
    public let path: String
    /// Bytes flushed to the file so far.
    public private(set) var bytesWritten = 0

    /// Creates (or truncates) the file at `path`.
    public init(path: String) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if fd < 0 { throw ByteWriter.error(path) }
        storage = .allocate(capacity: 1)
        storage.initialize(to: [])
        storage.pointee.reserveCapacity(flushSize + 65536)
    }

    /// A writer that only collects bytes in memory (`exchange` takes them out): the
    /// buffer one thread formats a chunk of rows into (`ChunkedRows`).
    init() {
        path = ""
        fd = -1
        storage = .allocate(capacity: 1)
        storage.initialize(to: [])
    }

    deinit {
        if fd >= 0 { close(fd) }
        storage.deinitialize(count: 1)
        storage.deallocate()
    }


    /// Appends raw bytes.
    @inline(__always)
    public func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        storage.pointee.append(contentsOf: bytes)
    }

    /// Appends one byte.
    @inline(__always)
    public func append(_ byte: UInt8) {
        storage.pointee.append(byte)
    }

    /// Appends the UTF-8 of a string written in code (not from case data: no escaping).
    public func append(_ text: StaticString) {
        text.withUTF8Buffer { storage.pointee.append(contentsOf: $0) }
    }

    /// Appends the UTF-8 of `text` as it is.
    public func appendRaw(_ text: String) {
        var t = text
        t.withUTF8 { storage.pointee.append(contentsOf: $0) }
    }

    /// Appends bytes through a closure that writes into the buffer directly.
    @inline(__always)
    public func write(_ body: (inout [UInt8]) -> Void) {
        body(&storage.pointee)
    }

    /// Room for at least `capacity` more bytes at the end of the buffer (made if need
    /// be; more if there is), to write straight into, without a copy; `commit` then
    /// says how many bytes were written there. Nothing may touch the writer in between.
    @inline(__always)
    func reserve(_ capacity: Int) -> UnsafeMutableBufferPointer<UInt8> {
        let count = storage.pointee.count
        if storage.pointee.capacity - count < capacity {
            storage.pointee.reserveCapacity(Swift.max(storage.pointee.capacity * 2, count + capacity))
        }
        let base = storage.pointee.withUnsafeMutableBufferPointer { $0.baseAddress! }
        return UnsafeMutableBufferPointer(start: base + count, count: storage.pointee.capacity - count)
    }

    /// Adds the first `count` bytes written into the room `reserve` gave.
    @inline(__always)
    func commit(_ count: Int, of room: UnsafeMutableBufferPointer<UInt8>) {
        storage.pointee.append(contentsOf: InPlaceBytes(count: count, start: room.baseAddress!))
    }

    /// Flushes when the buffer is full; call after each record.
    @inline(__always)
    public func endRecord() throws {
        if fd >= 0 && storage.pointee.count >= flushSize { try flush() }
    }

    /// Swaps the buffer with `buffer` (for an in-memory writer).
    func exchange(_ buffer: inout [UInt8]) {
        swap(&storage.pointee, &buffer)
    }

    /// Writes what is buffered, then `chunk`, straight to the file (a small chunk joins
    /// the buffer instead).
    func write(chunk: [UInt8]) throws {
        if chunk.count < 1 << 18 && storage.pointee.count + chunk.count <= flushSize {
            storage.pointee.append(contentsOf: chunk)
            return
        }
        try flush()
        try chunk.withUnsafeBytes { try writeAll($0) }
        bytesWritten += chunk.count
    }

    /// Writes out the buffer.
    public func flush() throws {
        try storage.pointee.withUnsafeBytes { try writeAll($0) }
        bytesWritten += storage.pointee.count
        storage.pointee.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ raw: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < raw.count {
            let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw ByteWriter.error(path)
            }
            offset += n
        }
    }

    /// Flushes and makes sure the data is on disk.
    public func finish() throws {
        try flush()
        fsync(fd)
    }

    private static func error(_ path: String) -> Error {
        CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: String(cString: strerror(errno))])
    }
}

/// Bytes already written into an array's free capacity (`ByteWriter.reserve`), which
/// `Array.append(contentsOf:)` then counts in: it hands that space to
/// `Sequence._copyContents(initializing:)`, the one way to grow an array by bytes
/// written in place.
private struct InPlaceBytes: Sequence {
    let count: Int
    let start: UnsafeMutablePointer<UInt8>

    func makeIterator() -> EmptyCollection<UInt8>.Iterator { EmptyCollection<UInt8>.Iterator() }

    var underestimatedCount: Int { 0 }

    func _copyContents(initializing buffer: UnsafeMutableBufferPointer<UInt8>) -> (EmptyCollection<UInt8>.Iterator, Int) {
        precondition(buffer.baseAddress == start && count <= buffer.count, "the buffer moved between reserve and commit")
        return (EmptyCollection<UInt8>.Iterator(), count)
    }
}
