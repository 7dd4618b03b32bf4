import FraudGraph
import Foundation
@testable import Interchange
import Testing

@Suite("CaseFolderReader")
struct CaseFolderReaderTests {
    @Test("a hand-made case counts as a person counts it")
    func handMade() throws {
        let fixture = try CaseFixture(handMadeCase)
        let c = try CaseFolderReader().read(folder: fixture.path).case
        let s = CaseSummary(c)
        #expect(s.entityCount == 9)
        #expect(s.entitiesByKind == ["person": 3, "account": 3, "wallet": 1, "den": 1, "phone": 1])
        #expect(s.outsideAccountCount == 1)
        #expect(s.linkCount == 6)
        #expect(s.linksByKind == ["owns": 3, "located_at": 1, "manages": 1, "contacted": 1])
        #expect(s.transferCount == 4)
        #expect(s.totalByCurrency == ["EUR": Money(units: 22_505_000), "USD": Money(units: 3_005_001)])
        #expect(s.firstTransfer.map(Timestamp.iso8601) == "2024-03-01T10:15:00Z")
        #expect(s.lastTransfer.map(Timestamp.iso8601) == "2024-03-02T00:00:00Z")
        #expect(s.reportCount == 1)

        let p1 = try #require(c.entities.index(of: "P1"))
        #expect(c.entities.name[Int(p1)] == "Lee \"Boss\" Wang")
        #expect(c.entities.attributes.value("notes", row: p1) == "has, comma")
        let p3 = try #require(c.entities.index(of: "P3"))
        #expect(c.entities.kindOf(p3) == .person)  // "Person" is the known kind
        #expect(c.entities.attributes.value("Notes", row: p3) == "multi\nline")
        let t2 = try #require(c.transfers.index(of: "T2"))
        #expect(c.transfers.time[Int(t2)] == 1_709_288_100)
        #expect(c.transfers.isCashOut(2) && c.transfers.channelOf(3) == nil)
        #expect(c.transfers.attributes.value("memo", row: 0) == "investment")
        #expect(c.links.weight[4] == 2.5 && c.links.weight[0] == 1)
        #expect(c.links.kindOf(3) == .manages)
        #expect(c.reports.victim[0] == c.entities.index(of: "P2"))
    }

    @Test("two reports of one transfer (two victims of one payment): its money is reported once")
    func reportedOnce() throws {
        let fixture = try CaseFixture(["entities.csv": "id,kind\nV1,person\nV2,person\nA,account\nB,account\n",
                                       "transfers.csv": "id,from,to,amount,time\nT1,A,B,7500,2024-03-01T10:00:00Z\n",
                                       "reports.csv": "id,transfer,victim\nR1,T1,V1\nR2,T1,V2\n"])
        let s = CaseSummary(try CaseFolderReader().read(folder: fixture.path).case)
        #expect(s.reportCount == 2)
        #expect(s.reportedByCurrency == ["USD": Money(units: 75_000_000)])
    }

    @Test("--lenient fails rather than drop rows after a line that stops the file (a NUL byte, a quote never closed)")
    func lenientStopsLoudly() throws {
        for bad in ["T2,A,B,5,2024-03-01T11:00:00Z,plat\u{0}form\n", "T2,A,B,5,2024-03-01T11:00:00Z,\"never closed\n"] {
            let fixture = try CaseFixture(["entities.csv": "id,kind\nA,account\nB,account\n",
                                           "transfers.csv": "id,from,to,amount,time,memo\nT1,A,B,7,2024-03-01T10:00:00Z,x\n" + bad
                                               + "T3,A,B,9,2024-03-01T12:00:00Z,y\nT4,B,A,1,2024-03-01T13:00:00Z,z\n"])
            #expect {
                _ = try CaseFolderReader(lenient: true).read(folder: fixture.path)
            } throws: { error in
                guard let e = error as? CaseFolderError else { return false }
                return e.issues.contains { $0.line == 3 && $0.message.hasSuffix("the rest of the file is not read") }
            }
        }
    }

    @Test("export gives back every file byte for byte")
    func exportIsExact() throws {
        let fixture = try CaseFixture(handMadeCase)
        let c = try CaseFolderReader().read(folder: fixture.path).case
        let out = fixture.sibling("out")
        try CaseFolderWriter().write(c, to: out)
        for name in handMadeCase.keys.sorted() {
            let written = try String(contentsOfFile: out + "/" + name, encoding: .utf8)
            #expect(written == handMadeCase[name], "\(name) differs")
        }
        let again = try CaseFolderReader().read(folder: out).case
        #expect(c.difference(from: again, includingLayout: true) == nil)
    }

    @Test("a case without optional files is fine; they stay absent on export")
    func optionalFiles() throws {
        let fixture = try CaseFixture(["entities.csv": "id,kind\nA,account\n"])
        let c = try CaseFolderReader().read(folder: fixture.path).case
        #expect(c.entities.count == 1 && c.links.count == 0 && c.transfers.count == 0)
        let out = fixture.sibling("out")
        try CaseFolderWriter().write(c, to: out)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["entities.csv"])
    }

    @Test("digests are the SHA-256 of each file")
    func digests() throws {
        let fixture = try CaseFixture(["entities.csv": "id,kind\nA,account\n"])
        let read = try CaseFolderReader(computeDigests: true).read(folder: fixture.path)
        // printf 'id,kind\nA,account\n' | sha256sum
        #expect(read.report.files.first?.sha256 == "c24811f92f305e531daa3990e26f555cfbff5fe2f25a8124df013af9e963393f")
        #expect(read.report.files.first?.rows == 1)
    }
}

@Suite("UniqueFileNames")
struct UniqueFileNamesTests {
    @Test("each name once: a taken one gets -2, -3 before its extension, whatever its letter case")
    func claims() {
        var names = UniqueFileNames(reserved: ["freeze.csv"])
        #expect(names.claim("freeze-KH.csv") == "freeze-KH.csv")
        #expect(names.claim("freeze-KH.csv") == "freeze-KH-2.csv")
        #expect(names.claim("FREEZE-kh.csv") == "FREEZE-kh-3.csv")
        #expect(names.claim("freeze.csv") == "freeze-2.csv")
        #expect(names.claim("trace-all") == "trace-all")
        #expect(names.claim("trace-all") == "trace-all-2")
    }
}

@Suite("RejectsWriter")
struct RejectsWriterTests {
    @Test("a rejected row's fields are one CSV line, a field with CR+LF quoted like one with LF")
    func rowLine() {
        #expect(RejectsWriter.csvLine(["T1", "a,b", "say \"hi\"", "two\r\nlines", "one\nline", "plain"])
                == "T1,\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\",\"one\nline\",plain")
    }
}
