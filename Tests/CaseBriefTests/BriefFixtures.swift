import CaseBrief
import FraudGraph
import Foundation
import Interchange

/// Cases and folders the brief tests share.
enum BriefFixtures {
    /// The worked example: a victim (Ana) pays 3 into mule account M, which already
    /// held 7 of other money, then pays out 2 (to A) and 5 (to B); B withdraws 1 in
    /// cash. Under fifo and libr M still holds the 3; under dirty-first the 3 left
    /// first: 2 held by A, 1 withdrawn by B. Names of the den and a person are hostile.
    static let hostileName = #"<script>alert("pwned")</script>"#
    static let hostileDen = #""><img src=x onerror=alert(1)>"#
    static let workedExample: [String: String] = [
        "entities.csv": """
        id,kind,name,country,bank
        P1,person,Ana Ruiz,ES,
        P2,person,"\(hostileName.replacingOccurrences(of: "\"", with: "\"\""))",KH,
        P3,person,Bo Lin,KH,
        P4,person,Chan Dara,KH,
        D1,den,"\(hostileDen.replacingOccurrences(of: "\"", with: "\"\""))",KH,
        VA,account,,ES,Santander
        M,account,,KH,ABA
        X,account,,KH,ABA
        A,account,,TH,Kasikorn
        B,account,,MM,"KBZ, Yangon"

        """,
        "links.csv": """
        source,target,kind
        P2,D1,located_at
        P3,D1,located_at
        P4,D1,located_at
        P2,P3,manages
        P3,P4,manages
        P2,M,owns
        P3,X,owns
        P4,B,owns
        P1,VA,owns

        """,
        "transfers.csv": """
        id,from,to,amount,time,channel
        T1,X,M,7,2024-03-01T10:00:00Z,bank
        T2,VA,M,3,2024-03-01T11:00:00Z,bank
        T3,M,A,2,2024-03-01T12:00:00Z,bank
        T4,M,B,5,2024-03-01T13:00:00Z,bank
        T5,B,CASH,1,2024-03-02T09:00:00Z,cash_out

        """,
        "reports.csv": """
        id,transfer,victim,reported_at
        R1,T2,P1,2024-03-05T00:00:00Z

        """,
    ]

    static func temporaryFolder() -> String {
        let path = NSTemporaryDirectory() + "fraudgraph-brief-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes `files` as a case folder in a new temporary folder; returns its path.
    static func writeCase(_ files: [String: String]) throws -> String {
        let dir = temporaryFolder() + "/case"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/" + name)) }
        return dir
    }

    /// A fixed moment, so that two briefs of one case can be compared byte for byte.
    static let madeAt = Date(timeIntervalSince1970: 1_764_000_000)

    /// Reads `caseFolder`, analyses it and writes its brief to `out`.
    @discardableResult
    static func brief(caseFolder: String, out: String, settings: BriefSettings = fastSettings) throws -> (CaseAnalysis, CaseBriefWriter.Result) {
        let loaded = try CaseFolderReader(lenient: false, computeDigests: true).read(folder: caseFolder)
        let analysis = CaseAnalysis(loaded.case, settings: settings)
        let provenance = BriefProvenance(version: "test", madeAt: madeAt, caseFolder: caseFolder, files: loaded.report.files)
        return (analysis, try CaseBriefWriter(settings: settings).write(analysis, provenance: provenance, to: out))
    }

    /// SVG files only: quicker.
    static var fastSettings: BriefSettings {
        var s = BriefSettings()
        s.figureFormats = [.svg]
        return s
    }

    static func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }
}
