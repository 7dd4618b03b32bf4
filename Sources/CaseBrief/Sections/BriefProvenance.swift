import FraudGraph
import Foundation
import Interchange

/// How every number in a brief was made: the tool and its version, when, the input
/// files with their SHA-256, and the parameters and seed of every analysis. Anyone
/// with the same files and tool gets the same figures.
public struct BriefProvenance: Sendable {
    public var tool: String
    public var version: String
    /// When the brief was made (ISO 8601, UTC).
    public var madeAt: String
    public var caseFolder: String
    public var files: [ImportReport.SourceFile]
    /// One line per analysis: its name and its parameters, seed included.
    public var analyses: [(name: String, parameters: [(String, String)])]
    /// Rows set aside under `--lenient`, by cause (empty when reading was strict).
    public var rejected: [String: Int]

    public init(tool: String = "fraudgraph", version: String, madeAt: Date = Date(), caseFolder: String,
                files: [ImportReport.SourceFile], analyses: [(name: String, parameters: [(String, String)])] = [],
                rejected: [String: Int] = [:]) {
        self.tool = tool
        self.version = version
        self.madeAt = Timestamp.iso8601(Int64(madeAt.timeIntervalSince1970))
        self.caseFolder = caseFolder
        self.files = files
        self.analyses = analyses
        self.rejected = rejected
    }

    /// The case folder's own name, for the title.
    public var caseName: String {
        let name = (caseFolder as NSString).standardizingPath.split(separator: "/").last.map(String.init) ?? caseFolder
        return name.isEmpty || name == "." ? caseFolder : name
    }

    /// The same facts for programs: `provenance.json` beside the brief.
    public func json() -> String {
        JSON.object([
            ("tool", .string(tool)), ("version", .string(version)), ("madeAt", .string(madeAt)), ("case", .string(caseFolder)),
            ("files", .array(files.map { f in
                .object([("name", .string(f.name)), ("bytes", .int(f.bytes)), ("rows", .int(f.rows)), ("sha256", .string(f.sha256))])
            })),
            ("analyses", .array(analyses.map { a in
                .object([("name", .string(a.name)), ("parameters", .object(a.parameters.map { ($0.0, .string($0.1)) }))])
            })),
            ("rejected", .object(rejected.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })),
        ]).serialized(indent: 2) + "\n"
    }

    /// The blocks of the brief's last section.
    func blocks() -> [Block] {
        var out: [Block] = [.heading(level: 2, text: "Inputs", anchor: "inputs")]
        out.append(.paragraph([.text("Read from "), .code(caseFolder), .text(" on \(madeAt). Each file's SHA-256 identifies it exactly: a file with one byte changed has another.")]))
        out.append(.table(BriefTable(caption: "Input files", header: ["File", "Bytes", "Rows", "SHA-256"], numeric: [1, 2],
                                     rows: files.map { f in
                                         [[.code(f.name)], [.text(f.bytes.formatted())], [.text(f.rows.formatted())], [.code(f.sha256 ?? "not computed")]]
                                     })))
        if !rejected.isEmpty {
            out.append(.note([.strong("Rows set aside:"), .text(" " + rejected.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
                + ". They are listed in rejects.csv beside this brief; no figure here counts them.")]))
        }
        out.append(.heading(level: 2, text: "Analyses and their parameters", anchor: "parameters"))
        out.append(.table(BriefTable(caption: "", header: ["Analysis", "Parameters"], rows: analyses.map { a in
            [[.strong(a.name)], [.code(a.parameters.map { "\($0.0)=\($0.1)" }.joined(separator: " "))]]
        })))
        out.append(.paragraph([.text("Made by "), .code("\(tool) \(version)"), .text(". Every analysis is deterministic: the same files, parameters and seed give the same figures to the last 1/10,000 of a currency unit.")]))
        return out
    }
}

extension Int {
    /// With thousands separators: 12,345.
    func formatted() -> String {
        let digits = String(self.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (self < 0 ? "-" : "") + out
    }
}
