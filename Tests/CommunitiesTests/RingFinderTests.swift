import Communities
import FraudGraph
import Synthetic
import Testing

@Suite("RingFinder")
struct RingFinderTests {
    /// Two dens of five people each (a boss managing four, everyone located at the
    /// den, owning an account and a phone, the accounts passing money around), victims
    /// paying each ring, and a shop where everybody and forty bystanders buy.
    static func twoRings() throws -> (Case, ring: [[String]]) {
        var b = CaseBuilder()
        var t = 0, r = 0
        var rings: [[String]] = []
        func pay(_ from: Int32, _ to: Int32, _ whole: Int64, currency: String = "USD") throws -> Int32 {
            t += 1
            return try b.addTransfer(id: "T\(t)", from: from, to: to, amount: Money(whole: whole), time: 1_704_067_200 + Int64(t), currency: currency)
        }
        let shop = try b.addEntity(id: "SHOP", kind: .account, country: "ES")
        for (name, country, victims) in [("A", "KH", [3000, 4500, 1000]), ("B", "MM", [500])] {
            var members: [String] = []
            let den = try b.addEntity(id: "D\(name)", kind: .den, name: "Den \(name)", country: country)
            members.append("D\(name)")
            var accounts: [Int32] = []
            var people: [Int32] = []
            for i in 1 ... 5 {
                let p = try b.addEntity(id: "\(name)P\(i)", kind: .person, country: country)
                let a = try b.addEntity(id: "\(name)A\(i)", kind: .account, country: country)
                let ph = try b.addEntity(id: "\(name)PH\(i)", kind: .phone, country: country)
                try b.addLink(source: p, target: a, kind: .owns)
                try b.addLink(source: p, target: ph, kind: .owns)
                try b.addLink(source: p, target: den, kind: .locatedAt)
                if let boss = people.first { try b.addLink(source: boss, target: p, kind: .manages) }
                people.append(p); accounts.append(a)
                members += ["\(name)P\(i)", "\(name)A\(i)", "\(name)PH\(i)"]
            }
            for i in 1 ..< 5 { _ = try pay(accounts[i], accounts[0], 100); _ = try pay(accounts[i], accounts[0], 120) }
            for a in accounts { _ = try pay(a, shop, 20) }
            for (k, amount) in victims.enumerated() {
                let v = try b.addEntity(id: "\(name)V\(k)", kind: .person, country: "ES")
                let va = try b.addEntity(id: "\(name)VA\(k)", kind: .account, country: "ES")
                try b.addLink(source: v, target: va, kind: .owns)
                try b.addLink(source: people[1], target: v, kind: .contacted, weight: 4)
                let paid = try pay(va, accounts[1 + k % 4], Int64(amount), currency: k == 2 ? "EUR" : "USD")
                r += 1
                try b.addReport(id: "R\(r)", transfer: paid, victim: v)
            }
            rings.append(members)
        }
        for i in 0 ..< 40 {
            let p = try b.addEntity(id: "XP\(i)", kind: .person, country: "ES")
            let a = try b.addEntity(id: "XA\(i)", kind: .account, country: "ES")
            try b.addLink(source: p, target: a, kind: .owns)
            _ = try pay(a, shop, 30)
        }
        return (b.freeze(), rings)
    }

    @Test("two hand-made rings among bystanders: exact members, victim money, threat order, dens, central boss")
    func handMade() throws {
        let (c, truth) = try RingFinderTests.twoRings()
        var finder = RingFinder(minSize: 5)
        finder.weights.hubDegree = 20
        let report = finder.run(on: c)
        #expect(report.hubs == [c.entities.index(of: "SHOP")!])
        #expect(report.rings.count == 2)
        let ids = report.rings.map { $0.members.map { c.entities.id($0) }.sorted() }
        #expect(ids == truth.map { $0.sorted() })
        let a = report.rings[0], b = report.rings[1]
        #expect(a.number == 1 && b.number == 2)
        #expect(a.victimMoney == Money(whole: 8500))  // 3000 + 4500 USD + 1000 EUR, added as written
        #expect(a.victimMoneyByCurrency == ["USD": Money(whole: 7500), "EUR": Money(whole: 1000)])
        #expect(a.reportCount == 3 && a.victimCount == 3)
        #expect(b.victimMoney == Money(whole: 500))
        #expect(a.byKind == ["den": 1, "person": 5, "account": 5, "phone": 5])
        #expect(a.dens.map { c.entities.id($0) } == ["DA"] && a.countries == ["KH"])
        #expect(c.entities.id(a.central[0].entity) == "AP1")  // the boss
        #expect(a.conductance > 0 && a.conductance < 0.1)
        #expect(a.cohesion > 0.9)
    }

    @Test("the same seed gives the same rings")
    func deterministic() throws {
        let (c, _) = try RingFinderTests.twoRings()
        let a = RingFinder().run(on: c), b = RingFinder().run(on: c)
        #expect(a.rings == b.rings && a.partition == b.partition)
    }

    /// For each planted ring, the F1 of the found ring that matches it best.
    static func bestF1(_ report: RingReport, _ truth: GroundTruth) -> [Double] {
        let found = report.partition
        return truth.ringMembers.map { members in
            var overlap: [Int32: Int] = [:]
            for e in members { overlap[found[e], default: 0] += 1 }
            let sizes = found.sizes()
            return overlap.map { community, inter in
                let precision = Double(inter) / Double(sizes[Int(community)]), recall = Double(inter) / Double(members.count)
                return 2 * precision * recall / (precision + recall)
            }.max() ?? 0
        }
    }

    @Test("generated cases, default settings: each planted ring's best match has F1 ≥ 0.9 on average", arguments: [Preset.tiny, .small])
    func plantedRings(preset: Preset) {
        for seed: UInt64 in preset == .tiny ? [7, 8, 9] : [7] {
            let generated = CaseGenerator(preset: preset, seed: seed).generate()
            let report = RingFinder().run(on: generated.case)
            let f1 = RingFinderTests.bestF1(report, generated.truth)
            let mean = f1.reduce(0, +) / Double(f1.count)
            #expect(mean >= 0.9, "\(preset) seed \(seed): F1 \(f1)")
            // The rings that received victims' money come first, one per planted ring.
            let top = report.rings.prefix(generated.truth.ringCount)
            #expect(top.allSatisfy { $0.victimMoney > .zero && !$0.dens.isEmpty })
        }
    }
}
