import Foundation

/// The process's memory as Linux reports it in /proc/self/status; elsewhere nil.
enum ProcessMemory {
    /// Resident set size now, in bytes.
    static var resident: Int? { field("VmRSS:") }

    /// Peak resident set size since the start or the last `resetPeak()`, in bytes.
    static var peak: Int? { field("VmHWM:") }

    /// Starts a new peak measurement (Linux: writes 5 to /proc/self/clear_refs).
    static func resetPeak() {
        #if os(Linux)
        if let h = FileHandle(forWritingAtPath: "/proc/self/clear_refs") {
            h.write(Data("5".utf8))
            try? h.close()
        }
        #endif
    }

    private static func field(_ name: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(name) {
            let digits = line.split(separator: " ").compactMap { Int($0) }
            if let kb = digits.first { return kb * 1024 }
        }
        return nil
    }
}
