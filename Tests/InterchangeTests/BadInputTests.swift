import FraudGraph
import Foundation
import Interchange
import Testing

/// The corpus of broken case folders: each must fail with exactly the error the spec
/// asks for (file, line, column, message, value), never crash, never load partly.
@Suite("Bad input")
struct BadInputTests {
    static let entities = "id,kind,name\nP1,person,Ana\nA1,account,\nA2,account,\n"
    static let transfers = "id,from,to,amount,time\nT1,A1,A2,100,2024-03-01T10:15:00Z\n"

    struct Broken: CustomTestStringConvertible, Sendable {
        let name: String
        let files: [String: String]
        /// The problem lines expected, with the folder's path left out.
        let problems: [String]
        var testDescription: String { name }
    }

    static let corpus: [Broken] = [
        Broken(name: "bad quoting", files: ["entities.csv": entities, "transfers.csv": "id,from,to,amount,time\nT1,A1,\"A2,100,2024-03-01T10:15:00Z\n"],
               problems: ["transfers.csv:2:3: a quoted field is never closed; the rest of the file is not read (\"A2,100,2024-03-01T10:15:00Z)"]),
        Broken(name: "stray quote", files: ["entities.csv": "id,kind,name\nP1,person,Ana \"Boss\"\n"],
               problems: ["entities.csv:2:3: a quote inside a field that is not quoted (Ana \"Boss\")"]),
        Broken(name: "missing column", files: ["entities.csv": "id,name\nP1,Ana\n"],
               problems: ["entities.csv:1:3: required column \"kind\" is missing (id,name)"]),
        Broken(name: "repeated column", files: ["entities.csv": "id,kind,ID\nP1,person,x\n"],
               problems: ["entities.csv:1:3: column \"ID\" is repeated (first as column 1) (ID)"]),
        Broken(name: "unknown entity in links", files: ["entities.csv": entities, "links.csv": "source,target,kind\nP1,A1,owns\nP1,NOPE,owns\n"],
               problems: ["links.csv:3:2: target names no entity of this case (NOPE)"]),
        Broken(name: "unknown transfer and victim in reports",
               files: ["entities.csv": entities, "transfers.csv": transfers, "reports.csv": "id,transfer,victim\nR1,T9,P1\nR2,T1,P7\n"],
               problems: ["reports.csv:2:2: transfer names no transfer of this case (T9)",
                          "reports.csv:3:3: victim names no entity of this case (P7)"]),
        Broken(name: "duplicate ids", files: ["entities.csv": entities + "P1,person,again\n",
                                              "transfers.csv": transfers + "T1,A2,A1,5,2024-03-02T00:00:00Z\n"],
               problems: ["entities.csv:5:1: duplicate entity id (first on line 2) (P1)",
                          "transfers.csv:3:1: duplicate transfer id (first on line 2) (T1)"]),
        Broken(name: "negative amount", files: ["entities.csv": entities, "transfers.csv": "id,from,to,amount,time\nT1,A1,A2,-5,2024-03-01T10:15:00Z\n"],
               problems: ["transfers.csv:2:4: amount must be positive (-5)"]),
        Broken(name: "five decimals", files: ["entities.csv": entities, "transfers.csv": "id,from,to,amount,time\nT1,A1,A2,1.00001,2024-03-01T10:15:00Z\n"],
               problems: ["transfers.csv:2:4: amount has more than 4 decimals (1.00001)"]),
        Broken(name: "bad times", files: ["entities.csv": entities,
                                          "transfers.csv": "id,from,to,amount,time\nT1,A1,A2,1,2024-03-01T10:15:00\nT2,A1,A2,1,2024-02-30T10:15:00Z\n"],
               problems: ["transfers.csv:2:5: time has no offset or Z, so its instant is unknown (2024-03-01T10:15:00)",
                          "transfers.csv:3:5: time has a field out of range (2024-02-30T10:15:00Z)"]),
        Broken(name: "money from a person", files: ["entities.csv": entities, "transfers.csv": "id,from,to,amount,time\nT1,P1,A2,1,2024-03-01T10:15:00Z\n"],
               problems: ["transfers.csv:2:2: from is a person, not an account or wallet (P1)"]),
        Broken(name: "row of the wrong width", files: ["entities.csv": "id,kind,name\nP1,person\n"],
               problems: ["entities.csv:2:3: the row has 2 fields but the header has 3 (P1,person)"]),
        Broken(name: "empty file", files: ["entities.csv": ""],
               problems: ["entities.csv:1:1: the file is empty: it needs a header row ()"]),
        Broken(name: "empty optional file", files: ["entities.csv": entities, "links.csv": ""],
               problems: ["links.csv:1:1: the file is empty: it needs a header row ()"]),
        Broken(name: "missing entities.csv", files: ["transfers.csv": transfers],
               problems: ["entities.csv:0:0: the case folder has no entities.csv (CASE)"]),
    ]

    /// The problems reported for `files`, without the folder path.
    static func problems(_ files: [String: String], lenient: Bool = false) throws -> [String] {
        let fixture = try CaseFixture(files)
        do {
            _ = try CaseFolderReader(lenient: lenient).read(folder: fixture.path)
            return []
        } catch {
            return error.issues.map {
                $0.description.replacingOccurrences(of: fixture.path + "/", with: "").replacingOccurrences(of: fixture.path, with: "CASE")
            }
        }
    }

    @Test("each broken folder gives exactly its error", arguments: corpus)
    func corpusErrors(_ broken: Broken) throws {
        let got = try BadInputTests.problems(broken.files)
        #expect(got.map { $0.components(separatedBy: " (")[0] } == broken.problems.map { $0.components(separatedBy: " (")[0] })
        #expect(got == broken.problems)
    }

    @Test("a case path that is a file says so")
    func caseIsAFile() throws {
        let fixture = try CaseFixture(["notes.txt": "not a case"])
        let path = fixture.path + "/notes.txt"
        #expect {
            _ = try CaseFolderReader().read(folder: path)
        } throws: { error in
            (error as? CaseFolderError)?.issues.first?.description
                == "\(path):0:0: this is a file, not a case folder (a folder holding entities.csv, transfers.csv...) (\(path))"
        }
    }

    @Test("unknown kinds are kept, not refused")
    func unknownKinds() throws {
        let fixture = try CaseFixture(["entities.csv": "id,kind\nS1,sim_card\nA1,exchange_account\n",
                                       "links.csv": "source,target,kind\nS1,A1,registered_to\n"])
        let c = try CaseFolderReader().read(folder: fixture.path).case
        #expect(c.entities.kindOf(0) == EntityKind("sim_card"))
        #expect(c.links.kindOf(0) == LinkKind("registered_to"))
        #expect(c.entities.holdsMoney(1))
    }

    @Test("a binary file is refused with a clear error")
    func binary() throws {
        var bytes = [UInt8](repeating: 0, count: 4096)
        var x: UInt64 = 1
        for i in bytes.indices { x = x &* 6364136223846793005 &+ 1; bytes[i] = UInt8(x >> 56) }
        let fixture = try CaseFixture([:])
        try fixture.write("entities.csv", Data(bytes))
        #expect(throws: CaseFolderError.self) { try CaseFolderReader().read(folder: fixture.path) }
        do { _ = try CaseFolderReader().read(folder: fixture.path) } catch {
            let first = try #require(error.issues.first)
            #expect(first.file.hasSuffix("entities.csv") && first.line >= 1)
            #expect(first.cause == .invalidText || first.cause == .malformedRow || first.cause == .missingColumn || first.cause == .badHeader)
        }
    }

    @Test("a line of several megabytes: read if valid, refused with a short value if not")
    func hugeLine() throws {
        let name = String(repeating: "n", count: 5_000_000)
        let valid = try CaseFixture(["entities.csv": "id,kind,name\nP1,person,\(name)\n"])
        let ok = try CaseFolderReader().read(folder: valid.path).case
        #expect(ok.entities.name[0].count == 5_000_000)
        let got = try BadInputTests.problems(["entities.csv": "id,kind,name\n\(name)\n"])
        #expect(got.count == 1)
        #expect(got[0].hasPrefix("entities.csv:2:2: the row has 1 fields but the header has 3 (nnnn"))
        #expect(got[0].hasSuffix("… [5000000 bytes])"))
        #expect(got[0].count < 200)
    }

    @Test("lenient reading sets bad rows aside, counts them by cause, keeps the rest")
    func lenient() throws {
        let fixture = try CaseFixture([
            "entities.csv": BadInputTests.entities + "P1,person,again\n",
            "transfers.csv": "id,from,to,amount,time\nT1,A1,A2,100,2024-03-01T10:15:00Z\nT2,A1,A2,-1,2024-03-01T10:15:00Z\nT3,A1,A2,1,never\nT4,A2,A1,5,2024-03-02T00:00:00Z\n",
            "reports.csv": "id,transfer\nR1,T2\nR2,T4\n",
        ])
        let read = try CaseFolderReader(lenient: true).read(folder: fixture.path)
        #expect(read.case.entities.count == 3)
        #expect((0 ..< read.case.transfers.count).map { read.case.transfers.id(Int32($0)) } == ["T1", "T4"])
        #expect(read.case.reports.count == 1)  // R1 named the rejected T2
        #expect(read.report.rejectedByCause == ["duplicate id": 1, "bad amount": 1, "bad time": 1, "unknown reference": 1])
        let rejects = fixture.sibling("rejects.csv")
        try RejectsWriter.write(read.report, to: rejects)
        let text = try String(contentsOfFile: rejects, encoding: .utf8)
        #expect(text.components(separatedBy: "\n").count == 6)  // header, 4 rows, final line end
        #expect(text.contains("bad amount,amount must be positive,-1,\"T2,A1,A2,-1,2024-03-01T10:15:00Z\""))
        // Strict reading of the same folder fails with all four problems.
        #expect(try BadInputTests.problems(["entities.csv": BadInputTests.entities + "P1,person,again\n"]).count == 1)
    }
}
