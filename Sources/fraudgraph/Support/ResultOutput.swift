import ArgumentParser
import Foundation
import Interchange

/// Writes a command's result to stdout, or all at once to `--out`.
enum ResultOutput {
    static func emit(_ text: String, to path: String?) throws {
        guard let path else {
            Terminal.print(text.hasSuffix("\n") ? text : text + "\n")
            return
        }
        do {
            try AtomicFolder.writeFile(path) { temporary in
                try Data((text.hasSuffix("\n") ? text : text + "\n").utf8).write(to: URL(fileURLWithPath: temporary))
            }
        } catch {
            Terminal.warn("cannot write \(path): \(Terminal.reason(error))")
            throw ExitCode(2)
        }
    }

    /// Writes bytes (a picture) to stdout, or all at once to `path`.
    static func emit(bytes: [UInt8], to path: String?) throws {
        guard let path else {
            FileHandle.standardOutput.write(Data(bytes))
            return
        }
        do {
            try AtomicFolder.writeFile(path) { temporary in
                try Data(bytes).write(to: URL(fileURLWithPath: temporary))
            }
        } catch {
            Terminal.warn("cannot write \(path): \(Terminal.reason(error))")
            throw ExitCode(2)
        }
    }

    static func emit(_ json: JSON, to path: String?) throws {
        try emit(json.serialized(indent: 2), to: path)
    }
}
