import Foundation

/// A file mapped into memory, read-only, for readers that go over their input more
/// than once (the FollowTheMoney reader reads entities first, then payments, then
/// links). The operating system pages it in and out; nothing is copied.
public final class MappedFile {
    public let path: String
    private let base: UnsafeMutableRawPointer?
    public let count: Int

    /// Maps the file at `path`.
    public init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw MappedFile.error(path) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw MappedFile.error(path) }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: "is a folder, not a file"])
        }
        count = Int(info.st_size)
        if count == 0 {
            base = nil
            return
        }
        let p = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0)
        guard let p, p != MAP_FAILED else { throw MappedFile.error(path) }
        madvise(p, count, MADV_SEQUENTIAL)
        base = p
    }

    deinit { if let base { munmap(base, count) } }

    /// The file's bytes, valid while the `MappedFile` lives.
    public var bytes: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base?.assumingMemoryBound(to: UInt8.self), count: count)
    }

    private static func error(_ path: String) -> Error {
        CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: String(cString: strerror(errno))])
    }
}
