import Foundation

/// Runs the repository's Python cross-check scripts (`scripts/check-ftm.py`,
/// `scripts/check-graphml.py`) when Python and the package they need are installed.
enum Python {
    /// The repository's root folder.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0 ..< 4 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// Whether `python3` can import `module`.
    static func has(_ module: String) -> Bool {
        (try? run(["-c", "import \(module)"]))?.status == 0
    }

    /// Runs `python3 ARGS`; stdout and the exit status.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Runs `scripts/NAME ARGS` and parses its JSON output.
    static func script(_ name: String, _ arguments: [String]) throws -> (status: Int32, json: Any) {
        let (status, output) = try run([root + "/scripts/" + name] + arguments)
        return (status, try JSONSerialization.jsonObject(with: Data(output.utf8)))
    }
}
