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

    /// Lets `body` write straight into the buffer's free space, without a copy: `body`
    /// gets room for at least `capacity` bytes (made if need be; more if there is) and
    /// returns how many bytes it wrote there, which join the buffer.
    @inline(__always)
    func write(reserving capacity: Int, _ body: (UnsafeMutableBufferPointer<UInt8>) -> Int) {
        let count = storage.pointee.count
        if storage.pointee.capacity - count < capacity {
            storage.pointee.reserveCapacity(Swift.max(storage.pointee.capacity * 2, count + capacity))
        }
        withoutActuallyEscaping(body) { storage.pointee.append(contentsOf: InPlaceBytes(body: $0)) }
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

    /// Writes what is buffered, then `chunk`, straight to the file.
    func write(chunk: [UInt8]) throws {
        if storage.pointee.count + chunk.count <= flushSize {
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

/// Bytes that `Array.append(contentsOf:)` lets `body` write straight into the array's
/// free capacity (`Sequence._copyContents(initializing:)`, which the array calls with
/// that space): the one way to grow an array by bytes written in place.
private struct InPlaceBytes: Sequence {
    let body: (UnsafeMutableBufferPointer<UInt8>) -> Int

    func makeIterator() -> EmptyCollection<UInt8>.Iterator { EmptyCollection<UInt8>.Iterator() }

    var underestimatedCount: Int { 0 }

    func _copyContents(initializing buffer: UnsafeMutableBufferPointer<UInt8>) -> (EmptyCollection<UInt8>.Iterator, Int) {
        let written = body(buffer)
        precondition(written >= 0 && written <= buffer.count)
        return (EmptyCollection<UInt8>.Iterator(), written)
    }
}
