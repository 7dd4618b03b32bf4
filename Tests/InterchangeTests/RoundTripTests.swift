import FraudGraph
import Foundation
import Interchange
import Testing

@Suite("Round trip")
struct RoundTripTests {
    @Test("hostile text survives import, export, import")
    func hostile() throws {
        let nasty = ["a\"b", "line\nbreak", "comma, here", "<script>alert(1)</script>", "🙂 emoji", "tab\there", " lead", "trail ", "\"\"", "\r\n"]
        var rows = "id,kind,name,extra\n"
        for (i, n) in nasty.enumerated() {
            let quoted = "\"" + n.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            rows += "E\(i),person,\(quoted),\(quoted)\n"
        }
        let fixture = try CaseFixture(["entities.csv": rows])
        let c = try CaseFolderReader().read(folder: fixture.path).case
        for (i, n) in nasty.enumerated() {
            #expect(c.entities.name[i] == n)
            #expect(c.entities.attributes.value("extra", row: Int32(i)) == n)
        }
        let out = fixture.sibling("out")
        try CaseFolderWriter().write(c, to: out)
        let again = try CaseFolderReader().read(folder: out).case
        #expect(c.difference(from: again, includingLayout: true) == nil)
    }

    @Test("a case built in code comes back the same")
    func built() throws {
        var b = CaseBuilder()
        let p = try b.addEntity(id: "P", kind: .person, name: "Ana", country: "ES")
        let a = try b.addEntity(id: "A", kind: .account, country: "ES")
        let w = try b.addEntity(id: "W", kind: .wallet)
        try b.addLink(source: p, target: a, kind: .owns)
        try b.addLink(source: p, target: w, kind: .contacted, time: 1_700_000_000, weight: 3)
        let t = try b.addTransfer(id: "T", from: a, to: w, amount: Money(units: 12_345), time: 1_700_000_100, currency: "EUR", channel: "crypto")
        b.setAttribute(.transfers, "memo", row: t, "first")
        try b.addReport(id: "R", transfer: t, victim: p)
        let c = b.freeze()
        let fixture = try CaseFixture([:])
        let out = fixture.sibling("out")
        try CaseFolderWriter().write(c, to: out)
        let again = try CaseFolderReader().read(folder: out).case
        #expect(c.difference(from: again) == nil)
        #expect(try String(contentsOfFile: out + "/transfers.csv", encoding: .utf8)
                == "id,from,to,amount,currency,time,channel,memo\nT,A,W,1.2345,EUR,2023-11-14T22:15:00Z,crypto,first\n")
    }

    @Test("difference notices a changed value")
    func differenceNotices() throws {
        let x = try CaseFixture(["entities.csv": "id,kind,name\nA,account,x\n"])
        let y = try CaseFixture(["entities.csv": "id,kind,name\nA,account,y\n"])
        let one = try CaseFolderReader().read(folder: x.path).case
        let two = try CaseFolderReader().read(folder: y.path).case
        #expect(one.difference(from: two) == "entity A: name x vs y")
    }
}
