import FraudGraph
import Foundation
import Interchange
import Synthetic
import Testing

@Suite("CaseGenerator")
struct CaseGeneratorTests {
    static let tiny = CaseGenerator(preset: .tiny, seed: 7).generate()

    func temporaryFolder(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("fg-gen-\(name)-\(UUID().uuidString)").path
    }

    func files(_ folder: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in ["entities.csv", "links.csv", "transfers.csv", "reports.csv", "truth/rings.csv", "truth/roles.csv", "truth/laundering.csv", "GENERATED.txt"] {
            out[name] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
        }
        return out
    }

    @Test("the same seed gives the same bytes; another seed another case")
    func deterministic() throws {
        let a = temporaryFolder("a"), b = temporaryFolder("b"), c = temporaryFolder("c")
        defer { for f in [a, b, c] { try? FileManager.default.removeItem(atPath: f) } }
        try CaseGenerator(preset: .tiny, seed: 7).generate().write(to: a)
        try CaseGenerator(preset: .tiny, seed: 7).generate().write(to: b)
        try CaseGenerator(preset: .tiny, seed: 8).generate().write(to: c)
        #expect(try files(a) == files(b))
        #expect(try files(a)["transfers.csv"] != files(c)["transfers.csv"])
    }

    @Test("written and read back, the case and its truth are unchanged")
    func roundTrip() throws {
        let folder = temporaryFolder("rt")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let g = CaseGeneratorTests.tiny
        try g.write(to: folder)
        let read = try CaseFolderReader().read(folder: folder)
        #expect(g.case.difference(from: read.case) == nil)
        let truth = try GroundTruth.load(folder: folder, for: read.case)
        #expect(truth.ringOfEntity == g.truth.ringOfEntity)
        #expect(truth.roles == g.truth.roles)
        #expect(truth.laundering == g.truth.laundering)
    }

    @Test("truth is consistent with the case")
    func truthIsConsistent() throws {
        let g = CaseGeneratorTests.tiny
        let c = g.case, t = g.truth
        #expect(t.ringCount == 2)
        #expect(t.ringOfEntity.count == c.entities.count)
        for (r, members) in t.ringMembers.enumerated() {
            let kinds = Set(members.map { c.entities.kindOf($0) })
            // Each ring has one den, people, phones, accounts, a wallet, an IP.
            #expect(members.filter { c.entities.kindOf($0) == .den }.count == 1, "ring \(r + 1)")
            #expect(kinds.isSuperset(of: [.person, .account, .wallet, .phone, .ip, .device, .organization]))
        }
        // One boss per den; every ranked person is in the den's ring.
        let dens = Set(t.roles.map(\.den))
        #expect(dens.count == 2)
        for den in dens {
            let people = t.roles.filter { $0.den == den }
            #expect(people.filter { $0.role == "boss" }.count == 1)
            for p in people { #expect(t.ringOfEntity[Int(p.person)] == t.ringOfEntity[Int(den)]) }
            #expect(Set(people.map(\.role)).isSuperset(of: ["boss", "manager", "leader", "worker", "broker", "recruiter", "mule"]))
        }
        // Laundering transfers leave the ring's own accounts, and money leaves an
        // account only after some arrived (time-respecting chains).
        #expect(!t.laundering.isEmpty)
        var firstArrival = [Int64](repeating: .max, count: c.entities.count)
        for i in 0 ..< c.transfers.count { firstArrival[Int(c.transfers.target[i])] = min(firstArrival[Int(c.transfers.target[i])], c.transfers.time[i]) }
        for l in t.laundering {
            let from = c.transfers.source[Int(l.transfer)]
            #expect(t.ringOfEntity[Int(from)] == l.ring)
            #expect(firstArrival[Int(from)] < c.transfers.time[Int(l.transfer)])
            #expect(GroundTruth.typologies.contains(l.typology))
            if l.typology == "cash_out" { #expect(c.transfers.isCashOut(l.transfer)) }
        }
        // Victims report payments into collector accounts of a ring.
        #expect(c.reports.count > 0)
        for r in 0 ..< c.reports.count {
            let transfer = c.reports.transfer[r]
            #expect(t.ringOfEntity[Int(c.transfers.target[Int(transfer)])] > 0)
            #expect(c.entities.roleOf(c.reports.victim[r]) == "victim")
            #expect(c.reports.reportedAt[r] > c.transfers.time[Int(transfer)])
        }
    }

    @Test("the background hides the rings: most entities are in no ring, shops are hubs")
    func background() {
        let c = CaseGeneratorTests.tiny.case, t = CaseGeneratorTests.tiny.truth
        let inRings = t.ringOfEntity.filter { $0 > 0 }.count
        #expect(inRings * 3 < c.entities.count)
        var received = [Int](repeating: 0, count: c.entities.count)
        for i in 0 ..< c.transfers.count { received[Int(c.transfers.target[i])] += 1 }
        #expect(received.max()! > 50)
        #expect(c.transfers.totalByCurrency().keys.sorted() == ["EUR", "GBP", "USD", "USDT"])
    }
}
