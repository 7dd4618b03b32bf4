import FraudGraph
import Testing

@Suite("RingGraph")
struct RingGraphTests {
    /// The weight between two entities in the projection (0 when no edge).
    static func weight(_ g: WeightedGraph, _ a: Int32, _ b: Int32) -> Double {
        for k in g.neighborRange(of: a) where g.targets[k] == b { return Double(g.weights[k]) }
        return 0
    }

    @Test("worked example: kinds weigh as documented, repeat transfers count log₂(1 + n), victims cut off, a hub damped")
    func worked() throws {
        var b = CaseBuilder()
        let p1 = try b.addEntity(id: "P1", kind: .person), p2 = try b.addEntity(id: "P2", kind: .person)
        let a1 = try b.addEntity(id: "A1", kind: .account), a2 = try b.addEntity(id: "A2", kind: .account)
        let phone = try b.addEntity(id: "PH1", kind: .phone)
        let victim = try b.addEntity(id: "V1", kind: .person), va = try b.addEntity(id: "VA", kind: .account)
        let shop = try b.addEntity(id: "SHOP", kind: .account)
        var customers: [Int32] = []
        for i in 1 ... 5 { customers.append(try b.addEntity(id: "C\(i)", kind: .account)) }
        try b.addLink(source: p1, target: a1, kind: .owns)
        try b.addLink(source: p2, target: a2, kind: .owns)
        try b.addLink(source: p1, target: phone, kind: .uses)
        try b.addLink(source: p2, target: phone, kind: .uses)
        try b.addLink(source: p1, target: p2, kind: .manages)
        try b.addLink(source: p1, target: p2, kind: .contacted, weight: 3)  // log₂(1 + 3) = 2
        try b.addLink(source: victim, target: va, kind: .owns)
        try b.addLink(source: victim, target: p2, kind: "contacted", weight: 7)
        var t = 0
        func pay(_ from: Int32, _ to: Int32) throws -> Int32 {
            t += 1
            return try b.addTransfer(id: "T\(t)", from: from, to: to, amount: Money(whole: 100), time: 1_704_067_200 + Int64(t))
        }
        for _ in 0 ..< 3 { _ = try pay(a1, a2) }  // three transfers: log₂ 4 = 2
        let scam = try pay(va, a1)
        _ = try pay(a1, shop)
        for c in customers { _ = try pay(c, shop) }
        try b.addReport(id: "R1", transfer: scam)
        let c = b.freeze()

        var weights = RingWeights()
        weights.hubDegree = 4
        let projection = RingGraph(c, weights: weights)
        let g = projection.graph
        #expect(g.nodeCount == c.entities.count)
        #expect(RingGraphTests.weight(g, p1, p2) == 5)  // manages 3 + contacted 2
        #expect(RingGraphTests.weight(g, p1, a1) == 3)
        #expect(RingGraphTests.weight(g, p1, phone) == 2)
        #expect(RingGraphTests.weight(g, a1, a2) == 2)
        // The victim's account sent a reported payment: the victim side is V1 and VA.
        #expect(projection.victimSide[Int(victim)] && projection.victimSide[Int(va)])
        #expect(!projection.victimSide[Int(a1)] && !projection.victimSide[Int(p2)])
        #expect(RingGraphTests.weight(g, va, a1) == 0)
        #expect(RingGraphTests.weight(g, victim, p2) == 0)
        #expect(RingGraphTests.weight(g, victim, va) == 3)  // inside the victim side
        // The shop has 6 distinct neighbours > 4: each tie scaled by 4/6.
        #expect(projection.hubs == [shop])
        #expect(abs(RingGraphTests.weight(g, shop, customers[0]) - 4.0 / 6) < 1e-6)
        #expect(abs(RingGraphTests.weight(g, a1, shop) - 4.0 / 6) < 1e-6)
        #expect(projection.degree[Int(shop)] == 6)
    }

    @Test("overrides: a weight of 0 leaves ties out; victimTies 1 keeps the victim's ties")
    func overrides() throws {
        var b = CaseBuilder()
        let p = try b.addEntity(id: "P", kind: .person, role: "Victim"), a = try b.addEntity(id: "A", kind: .account)
        let q = try b.addEntity(id: "Q", kind: .person)
        try b.addLink(source: p, target: a, kind: .owns)
        try b.addLink(source: q, target: p, kind: .contacted, weight: 1)
        let c = b.freeze()
        // The role column alone puts P (and what P owns) on the victim side.
        let plain = RingGraph(c)
        #expect(plain.victimSide[Int(p)] && plain.victimSide[Int(a)] && !plain.victimSide[Int(q)])
        #expect(RingGraphTests.weight(plain.graph, q, p) == 0)
        var w = RingWeights()
        w.victimTies = 1
        w.owns = 0
        let kept = RingGraph(c, weights: w)
        #expect(RingGraphTests.weight(kept.graph, q, p) == 1)
        #expect(RingGraphTests.weight(kept.graph, p, a) == 0)
    }
}
