import FraudGraph
import Foundation
@testable import Interchange
import Synthetic
import Testing

/// transfers.csv read on two threads must give exactly what reading row by row gives:
/// the same case, the same problems, the same rejects.
@Suite("ParallelTransfers")
struct ParallelTransfersTests {
    static func reader(parallel: Bool, lenient: Bool = false) -> CaseFolderReader {
        var r = CaseFolderReader(lenient: lenient, computeDigests: true)
        r.parallelMinimumBytes = parallel ? 0 : Int.max
        return r
    }

    /// Reads `folder` both ways; both must load the same case (or fail the same way).
    static func bothWays(_ folder: String, lenient: Bool = false) throws -> (serial: CaseImport?, parallel: CaseImport?, issues: [String]) {
        func read(_ parallel: Bool) -> (CaseImport?, [String]) {
            do { return (try reader(parallel: parallel, lenient: lenient).read(folder: folder), []) } catch {
                return (nil, error.issues.map(\.description))
            }
        }
        let (s, sIssues) = read(false), (p, pIssues) = read(true)
        #expect(sIssues == pIssues)
        #expect((s == nil) == (p == nil))
        if let s, let p {
            #expect(p.case.difference(from: s.case, includingLayout: true) == nil)
            #expect(p.report.files.map(\.rows) == s.report.files.map(\.rows))
            #expect(p.report.files.map(\.sha256) == s.report.files.map(\.sha256))
            #expect(p.report.rejected.map(\.issue.description) == s.report.rejected.map(\.issue.description))
            #expect(p.report.rejected.map(\.fields) == s.report.rejected.map(\.fields))
            // Ids are numbered in file order and every one is found again.
            let t = p.case.transfers
            for i in 0 ..< Int32(t.count) { #expect(t.index(of: t.id(i)) == i) }
            #expect(p.case.entities.count == s.case.entities.count)
            for e in 0 ..< Int32(p.case.entities.count) { #expect(p.case.entities.id(e) == s.case.entities.id(e)) }
        }
        return (s, p, sIssues)
    }

    static let entities = "id,kind,name\nP1,Person,Ana\nA1,account,\nA2,account,\"Joint, \"\"old\"\"\"\nW1,wallet,\n"

    /// Many transfers in every written form: outside accounts (named twice, and both
    /// ends new at once), amounts kept as written, times with offsets, blank and
    /// unusual currencies and channels, attributes, quoted fields across lines, CRLF.
    static func transfers(rows: Int, quotedNewlineAt: Int? = nil) -> String {
        var text = "id,from,to,amount,currency,time,channel,reference\n"
        for i in 0 ..< rows {
            let from = i % 97 == 5 ? "X\(i % 3)" : (i % 2 == 0 ? "A1" : "W1")
            let to = i % 89 == 7 ? "Y\(i)" : (i % 101 == 3 ? "X\(i % 3)" : "A2")
            let amount = i % 13 == 0 ? "0\(i).50" : (i % 7 == 0 ? "\(i)" : "\(i).2\(i % 10)")
            let currency = i % 11 == 0 ? "" : (i % 5 == 0 ? "EUR" : (i % 500 == 250 ? "C\(i % 7)" : "USD"))
            let time = i % 17 == 0 ? "2024-03-01T17:15:00+07:00" : (i % 19 == 0 ? "2024-03-01 10:15:00Z" : "2024-03-0\(1 + i % 9)T10:15:\(10 + i % 50)Z")
            let channel = i % 3 == 0 ? "" : (i % 3 == 1 ? "bank" : "card")
            var reference = i % 4 == 0 ? "" : "ref \(i)"
            if i == quotedNewlineAt { reference = "\"line one\n" + String(repeating: "x", count: 3_000) + "\nline \"\"three\"\"\"" }
            let end = i % 23 == 0 ? "\r\n" : "\n"
            text += "T\(i),\(from),\(to),\(amount),\(currency),\(time),\(channel),\(reference)\(end)"
        }
        return text
    }

    @Test("a good case reads the same on two threads as row by row", arguments: [1, 2, 3, 50, 5_000])
    func sameCase(_ rows: Int) throws {
        let fixture = try CaseFixture(["entities.csv": ParallelTransfersTests.entities,
                                       "transfers.csv": ParallelTransfersTests.transfers(rows: rows),
                                       "links.csv": "source,target,kind\nP1,A1,owns\n" + (rows > 3 ? "P1,X0,owns\n" : ""),
                                       "reports.csv": "id,transfer,victim\nR1,T0,P1\n"])
        let (_, p, _) = try ParallelTransfersTests.bothWays(fixture.path)
        if rows >= 50 {
            #expect(p?.case.entities.isOutside.filter { $0 }.count ?? 0 >= 3)
            #expect(p?.case.transfers.layout.verbatim["amount"]?.count ?? 0 > 0)
        }
    }

    @Test("a cut inside a quoted field spanning lines still reads the same")
    func cutInsideQuotes() throws {
        // The long quoted field sits across the middle of the file, so the first line
        // end after the middle is inside it.
        let text = ParallelTransfersTests.transfers(rows: 41, quotedNewlineAt: 20)
        let fixture = try CaseFixture(["entities.csv": ParallelTransfersTests.entities, "transfers.csv": text])
        let (s, _, _) = try ParallelTransfersTests.bothWays(fixture.path)
        #expect(s?.case.transfers.count == 41)
        #expect(s?.case.transfers.attributes.value("reference", row: 20)?.contains("\nline \"three\"") == true)
    }

    @Test("a generated case reads the same on two threads")
    func generated() throws {
        let original = CaseGenerator(preset: .tiny, seed: 5).generate().case
        let fixture = try CaseFixture([:])
        let folder = fixture.sibling("out")
        try CaseFolderWriter().write(original, to: folder)
        let (_, p, _) = try ParallelTransfersTests.bothWays(folder)
        #expect(p?.case.difference(from: original) == nil)
    }

    @Test("every broken folder fails the same on two threads, strict and lenient", arguments: BadInputTests.corpus)
    func brokenCorpus(_ broken: BadInputTests.Broken) throws {
        let fixture = try CaseFixture(broken.files)
        _ = try ParallelTransfersTests.bothWays(fixture.path)
        _ = try ParallelTransfersTests.bothWays(fixture.path, lenient: true)
    }

    @Test("problems far apart in a big file are found and named as row by row")
    func problemsInBigFile() throws {
        var text = ParallelTransfersTests.transfers(rows: 3_000)
        text += "T10,A1,A2,5,,2024-03-02T00:00:00Z,,\n"           // a repeated id
        text += "T9000,P1,A2,5,,2024-03-02T00:00:00Z,,\n"         // a person cannot pay
        text += "T9001,A1,A2,-5,,2024-03-02T00:00:00Z,,\n"        // negative
        text += "T9002,A1,A2,5,,2024-03-02T00:00:00Z,\n"          // too few fields
        text += ParallelTransfersTests.transfers(rows: 3_000).split(separator: "\n", maxSplits: 1)[1]
            .replacingOccurrences(of: "\nT", with: "\nU").replacingOccurrences(of: "T0,", with: "U0,")
        let fixture = try CaseFixture(["entities.csv": ParallelTransfersTests.entities, "transfers.csv": text])
        let (_, _, issues) = try ParallelTransfersTests.bothWays(fixture.path)
        #expect(issues.count == 4)
        #expect(issues.first?.contains("duplicate transfer id (first on line 12)") == true)
        let (_, lenient, _) = try ParallelTransfersTests.bothWays(fixture.path, lenient: true)
        #expect(lenient?.report.rejected.count == 4)
        #expect(lenient?.case.transfers.count == 6_000)
    }

    @Test("an entity that cannot hold money, alone in a big file, is named as row by row", arguments: [
        ("T9000,P1,A2,5,,2024-03-02T00:00:00Z,,", 10), ("T9000,A1,P1,5,,2024-03-02T00:00:00Z,,", 10),
        ("T9000,P1,A2,5,,2024-03-02T00:00:00Z,,", 2_990), ("T9000,W1,P1,5,,2024-03-02T00:00:00Z,,", 2_990),
    ])
    func notAMoneyHolderAlone(_ row: String, _ at: Int) throws {
        // The only problem of the file: the two-thread path must not keep it.
        // (Split on the line feed alone: "\r\n" is one Character to Swift.)
        var lines = ParallelTransfersTests.transfers(rows: 3_000).utf8
            .split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        lines.insert(row, at: at + 1)
        let fixture = try CaseFixture(["entities.csv": ParallelTransfersTests.entities, "transfers.csv": lines.joined(separator: "\n")])
        let (_, parallel, issues) = try ParallelTransfersTests.bothWays(fixture.path)
        #expect(parallel == nil)
        #expect(issues.count == 1)
        #expect(issues.first?.contains("a person, not an account or wallet (P1)") == true)
        let (_, lenient, _) = try ParallelTransfersTests.bothWays(fixture.path, lenient: true)
        #expect(lenient?.report.rejected.count == 1)
        #expect(lenient?.case.transfers.count == 3_000)
    }
}

/// entities.csv read on two threads must give exactly what reading row by row gives.
@Suite("ParallelEntities")
struct ParallelEntitiesTests {
    /// Entities in every written form: kinds in other letter cases (kept as written),
    /// custom kinds, countries, roles, an attribute, quoted names across lines.
    static func entities(rows: Int, extra: String = "") -> String {
        let kinds = ["account", "Person", "ACCOUNT", "wallet", "mule", "Mule", "phone", "den"]
        var text = "id,kind,name,country,role,bank\n"
        for i in 0 ..< rows {
            let kind = kinds[(i * 7 + i / 3) % kinds.count]
            let name = i % 9 == 0 ? "\"Name, \"\"\(i)\"\"\nsecond line\"" : (i % 2 == 0 ? "" : "Name \(i)")
            let country = i % 5 == 0 ? "" : ["TH", "KH", "MM", "LA"][i % 4]
            let role = i % 31 == 0 ? "boss" : ""
            let bank = i % 3 == 0 ? "Bank \(i % 4)" : ""
            text += "E\(i),\(kind),\(name),\(country),\(role),\(bank)\(i % 29 == 0 ? "\r\n" : "\n")"
        }
        return text + extra
    }

    @Test("a good entities file reads the same on two threads as row by row", arguments: [1, 2, 40, 4_000])
    func sameCase(_ rows: Int) throws {
        let transfers = "id,from,to,amount,time\nT1,E0,E8,5,2024-03-01T10:15:00Z\nT2,E8,NEW,5,2024-03-01T10:15:00Z\n"
        let fixture = try CaseFixture(["entities.csv": ParallelEntitiesTests.entities(rows: rows), "transfers.csv": transfers])
        let (s, p, issues) = try ParallelTransfersTests.bothWays(fixture.path)
        if rows >= 40 {
            #expect(issues.isEmpty)  // E8 is an ACCOUNT: an account, written otherwise
            #expect(p?.case.entities.layout.verbatim["kind"]?.count ?? 0 > 0)
            #expect(p?.case.entities.kinds.allWords == s?.case.entities.kinds.allWords)
            #expect(p?.case.entities.countries.allWords == s?.case.entities.countries.allWords)
            #expect(p?.case.transfers.count == 2)
        }
    }

    @Test("problems in a big entities file are named as row by row", arguments: [
        "E5,person,again,,,\n",            // a repeated id
        ",person,no id,,,\n",              // no id
        "E9999,,no kind,,,\n",             // no kind
        "E9999,person,short\n",            // too few fields
        "E9999,person,\"never closed,,,\n", // broken quoting
    ])
    func problems(_ bad: String) throws {
        let text = ParallelEntitiesTests.entities(rows: 2_000, extra: bad) + "E99999,account,,,,\n"
        let fixture = try CaseFixture(["entities.csv": text])
        let (_, _, issues) = try ParallelTransfersTests.bothWays(fixture.path)
        #expect(issues.count == 1)
        _ = try ParallelTransfersTests.bothWays(fixture.path, lenient: true)
    }
}

/// links.csv read on two threads must give exactly what reading row by row gives.
@Suite("ParallelLinks")
struct ParallelLinksTests {
    static let entities = "id,kind,name\nP1,person,Ana\nA1,account,\nA2,account,\nD1,den,\n"

    /// Links in every written form: kinds in other letter cases, times with offsets
    /// and blank, weights blank, whole, decimal and written unusually, an attribute.
    static func links(rows: Int, extra: String = "") -> String {
        let kinds = ["owns", "OWNS", "member_of", "contacted", "Contacted", "custom_tie"]
        var text = "source,target,kind,time,weight,note\n"
        for i in 0 ..< rows {
            let ends = [("P1", "A1"), ("P1", "D1"), ("A1", "A2"), ("D1", "P1"), ("X9", "P1")][i % 5]
            let kind = kinds[(i * 5 + i / 7) % kinds.count]
            let time = i % 4 == 0 ? "" : (i % 9 == 0 ? "2024-03-01T17:15:00+07:00" : "2024-03-0\(1 + i % 8)T10:15:00Z")
            let weight = ["", "1", "2", "2.5", "1.0", "03", "1e2"][i % 7]
            let note = i % 6 == 0 ? "\"seen, twice\"" : ""
            text += "\(ends.0),\(ends.1),\(kind),\(time),\(weight),\(note)\n"
        }
        return text + extra
    }

    @Test("a good links file reads the same on two threads as row by row", arguments: [1, 2, 60, 3_000])
    func sameCase(_ rows: Int) throws {
        // X9 is an outside account that a transfer brings in.
        let transfers = "id,from,to,amount,time\nT1,X9,A1,5,2024-03-01T10:15:00Z\n"
        let fixture = try CaseFixture(["entities.csv": ParallelLinksTests.entities, "transfers.csv": transfers,
                                       "links.csv": ParallelLinksTests.links(rows: rows)])
        let (_, p, issues) = try ParallelTransfersTests.bothWays(fixture.path)
        #expect(issues.isEmpty)
        #expect(p?.case.links.count == rows)
        if rows >= 60 {
            #expect(p?.case.links.layout.verbatim["weight"]?.count ?? 0 > 0)
            #expect(p?.case.links.layout.verbatim["kind"]?.count ?? 0 > 0)
            #expect(p?.case.links.layout.verbatim["time"]?.count ?? 0 > 0)
        }
    }

    @Test("problems in a big links file are named as row by row", arguments: [
        "P1,NOPE,owns,,,\n", "P1,A1,,,,\n", "P1,A1,owns,yesterday,,\n", "P1,A1,owns,,-2,\n", "P1,A1,owns,,,,\n",
    ])
    func problems(_ bad: String) throws {
        let text = ParallelLinksTests.links(rows: 2_000, extra: bad) + "A2,A1,owns,,,\n"
        let fixture = try CaseFixture(["entities.csv": ParallelLinksTests.entities,
                                       "transfers.csv": "id,from,to,amount,time\nT1,X9,A1,5,2024-03-01T10:15:00Z\n",
                                       "links.csv": text])
        let (_, _, issues) = try ParallelTransfersTests.bothWays(fixture.path)
        #expect(issues.count == 1)
        _ = try ParallelTransfersTests.bothWays(fixture.path, lenient: true)
    }
}
