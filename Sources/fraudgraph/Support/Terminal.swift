import Foundation

/// Writing to the terminal: errors and progress on stderr, results on stdout.
enum Terminal {
    /// Whether stderr is a terminal (progress is shown only then).
    static let stderrIsTerminal = isatty(2) != 0

    /// Writes a line to stderr. Messages quote case data (ids, kinds): every control
    /// character but the line breaks between a message's lines, and every
    /// bidirectional override, is shown as `?` (`terminalSafe`, line by line).
    static func warn(_ text: String) {
        let safe = text.split(separator: "\n", omittingEmptySubsequences: false).map { terminalSafe(String($0)) }.joined(separator: "\n")
        FileHandle.standardError.write(Data((safe + "\n").utf8))
    }

    /// Why `error` happened, in words: the system's sentence for file errors
    /// ("You don’t have permission."), instead of Foundation's dump of its domain,
    /// code and user info; our own errors describe themselves.
    static func reason(_ error: Error) -> String {
        if let cocoa = error as? CocoaError { return cocoa.localizedDescription }
        let ns = error as NSError
        if ns.domain == NSCocoaErrorDomain || ns.domain == NSPOSIXErrorDomain { return ns.localizedDescription }
        return "\(error)"
    }

    /// Writes text to stdout as it is.
    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

/// A one-line progress display on stderr ("Loading transfers.csv  45%  312 of 700 MB"),
/// redrawn at most ten times a second, and silent when stderr is not a terminal or
/// the user asked for quiet.
final class ProgressLine: @unchecked Sendable {
    private let enabled: Bool
    private let lock = NSLock()
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(quiet: Bool) { enabled = !quiet && Terminal.stderrIsTerminal }

    /// Shows `text` (throttled unless `force`).
    func show(_ text: String, force: Bool = false) {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        let now = Date()
        guard force || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        drawn = true
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
    }

    /// Shows a fraction done of some work.
    func show(_ label: String, done: Int, total: Int, unit: String = "MB", scale: Double = 1e6) {
        guard enabled else { return }
        let percent = total > 0 ? min(100, done * 100 / total) : 0
        show(String(format: "%@ %3d%%  %.0f of %.0f %@", label, percent, Double(done) / scale, Double(total) / scale, unit))
    }

    /// Clears the line.
    func finish() {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        drawn = false
    }
}
