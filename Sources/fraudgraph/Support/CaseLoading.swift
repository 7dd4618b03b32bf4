import ArgumentParser
import FraudGraph
import Foundation
import Interchange

/// Loads the case a command names, with progress on the terminal; under `--lenient`
/// writes the rows it set aside to rejects.csv and says so on stderr.
enum CaseLoading {
    /// Loads `options.casePath`; `outputBeside` is the file or folder the command
    /// writes, next to which rejects.csv goes (nil: the current folder).
    static func load(_ options: CaseOptions, outputBeside: String? = nil, insideFolder: Bool = false, digests: Bool = false) throws -> CaseImport {
        var reader = CaseFolderReader(lenient: options.lenient, computeDigests: digests)
        let progress = ProgressLine(quiet: options.quiet)
        reader.progress = { p in progress.show("Loading \(p.file)", done: p.bytesRead, total: p.totalBytes) }
        let loaded: CaseImport
        do {
            loaded = try reader.read(folder: options.casePath)
        } catch {
            progress.finish()
            Terminal.warn(error.description)
            throw ExitCode(2)
        }
        progress.finish()
        if options.lenient && !loaded.report.rejected.isEmpty {
            let path = rejectsPath(options, outputBeside: outputBeside, insideFolder: insideFolder)
            do {
                try RejectsWriter.write(loaded.report, to: path)
            } catch {
                Terminal.warn("cannot write \(path): \(error)")
                throw ExitCode(2)
            }
            let causes = loaded.report.rejectedByCause.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
            Terminal.warn("lenient: \(loaded.report.rejected.count) rows set aside (\(causes.joined(separator: ", "))); see \(path)")
        }
        return loaded
    }

    static func rejectsPath(_ options: CaseOptions, outputBeside: String?, insideFolder: Bool) -> String {
        if let explicit = options.rejects { return explicit }
        guard let beside = outputBeside else { return "rejects.csv" }
        if insideFolder { return beside + "/rejects.csv" }
        let folder = (beside as NSString).deletingLastPathComponent
        return folder.isEmpty ? "rejects.csv" : folder + "/rejects.csv"
    }
}
