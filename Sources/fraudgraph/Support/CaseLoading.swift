import ArgumentParser
import FraudGraph
import Foundation
import Interchange

/// Loads the case a command names, with progress on the terminal; under `--lenient`
/// writes the rows it set aside to rejects.csv and says so on stderr.
enum CaseLoading {
    /// Loads `options.casePath`; `outputBeside` is the file or folder the command
    /// writes, next to which rejects.csv goes (nil: the current folder).
    /// - Parameter sumsMoney: the command adds amounts up (balances, traces, totals):
    ///   a case whose amounts together pass what 64 bits hold is refused with a clear
    ///   error, instead of overflowing. `export` passes false unless it adds analyses: it
    ///   only copies them.
    static func load(_ options: CaseOptions, outputBeside: String? = nil, insideFolder: Bool = false, digests: Bool = false,
                     sumsMoney: Bool = true) throws -> CaseImport {
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
        if sumsMoney, let t = loaded.case.transfers.firstAmountPastExactSum {
            let transfers = loaded.case.transfers
            Terminal.warn("\(options.casePath)/transfers.csv: transfer \(CaseIssue.printable(transfers.id(t))) (\(transfers.money(t))) brings "
                + "the case's amounts past 922,337,203,685,477.5807 in all, the most FraudGraph adds up exactly; "
                + "it cannot total or trace them (validate and export still work)")
            throw ExitCode(2)
        }
        if options.lenient && !loaded.report.rejected.isEmpty {
            let path = rejectsPath(options, outputBeside: outputBeside, insideFolder: insideFolder)
            do {
                try RejectsWriter.write(loaded.report, to: path)
            } catch {
                Terminal.warn("cannot write \(path): \(Terminal.reason(error))")
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
