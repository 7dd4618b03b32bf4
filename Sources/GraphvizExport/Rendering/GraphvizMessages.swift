import CGraphviz

/// Collects what Graphviz says while the renderer holds its lock. Graphviz 2.42 hands
/// its messages to the error function in fragments ("Error", ": ", the text), so the
/// fragments are joined and split into lines afterwards.
enum GraphvizMessages {
    /// Text received since the last `reset()`. Touched only under `Renderer`'s lock.
    nonisolated(unsafe) static var buffer: [UInt8] = []

    /// The C function given to `agseterrf`.
    static let sink: @convention(c) (UnsafeMutablePointer<CChar>?) -> Int32 = { text in
        guard let text else { return 0 }
        var p = UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self)
        while p.pointee != 0 {
            GraphvizMessages.buffer.append(p.pointee)
            p += 1
        }
        return 0
    }

    /// Installs the sink and makes warnings reach it.
    static func install() {
        fg_set_error_function(sink)
        _ = fg_set_error_level(fg_error_level_warning())
    }

    /// Forgets earlier messages and Graphviz's error count, before each operation.
    static func reset() {
        buffer.removeAll(keepingCapacity: true)
        agreseterrors()
    }

    /// The messages since the last reset, one a line, as Graphviz wrote them.
    static func take() -> [String] {
        let text = String(decoding: buffer, as: UTF8.self)
        buffer.removeAll(keepingCapacity: true)
        var lines: [String] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = trimmed(raw)
            if line.isEmpty { continue }
            // A line that does not start a message continues the previous one.
            if !(line.hasPrefix("Error") || line.hasPrefix("Warning")), let last = lines.popLast() {
                lines.append(last + " " + line)
            } else {
                lines.append(line)
            }
        }
        return lines
    }

    /// Whether Graphviz counted an error since the last reset.
    static var sawError: Bool { agerrors() > 0 }
}

/// `text` without leading and trailing blanks.
private func trimmed(_ text: Substring) -> String {
    var s = text
    while let f = s.first, f == " " || f == "\t" || f == "\r" { s = s.dropFirst() }
    while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
    return String(s)
}
