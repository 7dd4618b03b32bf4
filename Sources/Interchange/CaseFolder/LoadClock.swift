import Foundation

// TEMPORARY: phase timings for the load-speed work; not to be committed.
enum LoadClock {
    static let on = ProcessInfo.processInfo.environment["FG_LOAD_TIMES"] != nil
    nonisolated(unsafe) static var last = Date()
    static func mark(_ what: String) {
        guard on else { return }
        let now = Date()
        FileHandle.standardError.write("\(what): \(String(format: "%.3f", now.timeIntervalSince(last))) s\n".data(using: .utf8)!)
        last = now
    }
}
