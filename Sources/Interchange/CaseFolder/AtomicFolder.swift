import Foundation

/// Writes a folder all at once: everything goes into a hidden sibling first, which
/// takes the folder's place only when complete. A failure leaves the old folder as
/// it was and no half-written one behind.
public enum AtomicFolder {
    /// A folder that will not be replaced, and why.
    public struct Refusal: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// Fills a new folder with `body` (given its temporary path), then puts it at
    /// `path`. An existing folder at `path` is replaced only when it is empty or
    /// `isReplaceable` says yes, so that a mistyped path cannot wipe unrelated files.
    /// With `keepingOthers`, not even then if it holds an entry the new folder does
    /// not (but `rejects.csv`): a case folder may hold evidence beside its tables
    /// (`truth/`, notes, documents), and writing a case onto it must not delete them.
    public static func write(
        _ path: String,
        isReplaceable: (String) -> Bool = { FileManager.default.fileExists(atPath: $0 + "/entities.csv") },
        keepingOthers: Bool = false,
        _ body: (String) throws -> Void
    ) throws {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: path).standardizedFileURL.path
        var isDirectory: ObjCBool = false
        let exists = fm.fileExists(atPath: target, isDirectory: &isDirectory)
        if exists {
            guard isDirectory.boolValue else { throw Refusal(path: path, reason: "exists and is not a folder") }
            let contents = (try? fm.contentsOfDirectory(atPath: target)) ?? []
            if !contents.isEmpty && !isReplaceable(target) {
                throw Refusal(path: path, reason: "exists, is not empty, and is not a folder FraudGraph wrote; choose another path")
            }
        }
        let parent = (target as NSString).deletingLastPathComponent
        try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
        let name = (target as NSString).lastPathComponent
        let temporary = parent + "/." + name + ".partial-\(getpid())"
        try? fm.removeItem(atPath: temporary)
        try fm.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        do {
            try body(temporary)
            if exists && keepingOthers {
                let old = Set((try? fm.contentsOfDirectory(atPath: target)) ?? [])
                let new = Set((try? fm.contentsOfDirectory(atPath: temporary)) ?? [])
                let lost = old.subtracting(new).subtracting(["rejects.csv"]).sorted()
                if !lost.isEmpty {
                    throw Refusal(path: path, reason: "holds \(lost.prefix(5).joined(separator: ", "))\(lost.count > 5 ? " and \(lost.count - 5) more" : "") "
                        + "that the new case folder would not; write it to a new or empty folder")
                }
            }
        } catch {
            try? fm.removeItem(atPath: temporary)
            throw error
        }
        if exists {
            let old = parent + "/." + name + ".old-\(getpid())"
            try? fm.removeItem(atPath: old)
            try fm.moveItem(atPath: target, toPath: old)
            do {
                try fm.moveItem(atPath: temporary, toPath: target)
            } catch {
                try? fm.moveItem(atPath: old, toPath: target)
                try? fm.removeItem(atPath: temporary)
                throw error
            }
            try? fm.removeItem(atPath: old)
        } else {
            try fm.moveItem(atPath: temporary, toPath: target)
        }
    }

    /// Writes one file all at once: into a hidden sibling, then renamed into place.
    public static func writeFile(_ path: String, _ body: (String) throws -> Void) throws {
        let fm = FileManager.default
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let parent = url.deletingLastPathComponent().path
        try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
        let temporary = parent + "/." + url.lastPathComponent + ".partial-\(getpid())"
        do {
            try body(temporary)
            if fm.fileExists(atPath: url.path) { try fm.removeItem(atPath: url.path) }
            try fm.moveItem(atPath: temporary, toPath: url.path)
        } catch {
            try? fm.removeItem(atPath: temporary)
            throw error
        }
    }
}
