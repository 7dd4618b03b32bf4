import FraudGraph
import Foundation
import Testing

@Suite struct CommandGraphTests {
    /// Persons with one account each, by id.
    struct Builder {
        var b = CaseBuilder()
        var index: [String: Int32] = [:]
        var transfers = 0

        mutating func person(_ id: String) throws {
            index[id] = try b.addEntity(id: id, kind: .person)
            index["A_" + id] = try b.addEntity(id: "A_" + id, kind: .account)
            try b.addLink(source: index[id]!, target: index["A_" + id]!, kind: .owns)
        }
        mutating func link(_ s: String, _ t: String, _ kind: LinkKind, _ w: Double = 1) throws {
            try b.addLink(source: index[s]!, target: index[t]!, kind: kind, weight: w)
        }
        mutating func pay(_ s: String, _ t: String, _ amount: Int64, at time: Int64) throws {
            transfers += 1
            try b.addTransfer(id: "T\(transfers)", from: index["A_" + s]!, to: index["A_" + t]!, amount: Money(whole: amount), time: time)
        }
    }

    func arc(_ g: CommandGraph, _ c: Case, _ s: String, _ t: String) -> Int? {
        g.graph.position(of: c.entities.index(of: t)!, from: c.entities.index(of: s)!)
    }

    @Test func linksWeighAsDocumented() throws {
        var b = Builder()
        for p in ["A", "B", "C"] { try b.person(p) }
        try b.link("A", "B", .manages)
        try b.link("A", "B", .contacted, 7)
        try b.link("B", "A", .contacted, 1)
        try b.link("C", "B", .recruited)
        let c = b.b.freeze()
        let g = CommandGraph(c)
        let ab = try #require(arc(g, c, "A", "B"))
        // manages 4 x log2(2) + contacted 0.5 x log2(1 + 7).
        #expect(abs(g.graph.outWeights[ab] - 5.5) < 1e-6)
        #expect(g.manages[ab] == 1 && g.calls[ab] == 7)
        let ba = try #require(arc(g, c, "B", "A"))
        #expect(abs(g.graph.outWeights[ba] - 0.5) < 1e-6)
        let cb = try #require(arc(g, c, "C", "B"))
        #expect(abs(g.graph.outWeights[cb] - 1.5) < 1e-6 && g.recruited[cb] == 1)
        #expect(g.arcCount == 3)
    }

    @Test func phonesStandForTheirOwners() throws {
        var b = Builder()
        for p in ["A", "B"] { try b.person(p) }
        let pa = try b.b.addEntity(id: "PA", kind: .phone), pb = try b.b.addEntity(id: "PB", kind: .phone)
        try b.b.addLink(source: b.index["A"]!, target: pa, kind: .owns)
        try b.b.addLink(source: b.index["B"]!, target: pb, kind: .uses)
        try b.b.addLink(source: pa, target: pb, kind: .contacted, weight: 3)
        let c = b.b.freeze()
        let g = CommandGraph(c)
        let ab = try #require(arc(g, c, "A", "B"))
        #expect(g.calls[ab] == 3)
    }

    @Test func paymentsAreReadAsSweepsOrSalaries() throws {
        var b = Builder()
        for p in ["Mule", "Leader", "Boss", "W1", "W2", "W3", "X"] { try b.person(p) }
        let outside = try b.b.addEntity(id: "VICTIM_BANK", kind: .account)
        try b.b.addTransfer(id: "IN", from: outside, to: b.index["A_Mule"]!, amount: Money(whole: 1000), time: 10)
        try b.pay("Mule", "Leader", 900, at: 20)          // empties the mule's account: a sweep
        try b.pay("Leader", "Boss", 850, at: 30)          // and the leader's: a sweep
        try b.pay("Boss", "W1", 50, at: 40)               // payroll: the boss pays three, each only by him
        try b.pay("Boss", "W2", 50, at: 41)
        try b.pay("Boss", "W3", 50, at: 42)
        try b.pay("Boss", "Leader", 100, at: 43)          // a small share of the boss's balance: salary
        try b.pay("X", "Boss", 10, at: 50)                // X's balance is unknown; fan-in 2 >= fan-out 1: sweep
        let c = b.b.freeze()
        let g = CommandGraph(c)
        #expect(g.sweepPaymentCount == 3 && g.salaryPaymentCount == 4)
        #expect(g.sweeps[try #require(arc(g, c, "Leader", "Mule"))] == 1)
        #expect(g.sweeps[try #require(arc(g, c, "Boss", "Leader"))] == 1)
        #expect(g.salaries[try #require(arc(g, c, "Boss", "Leader"))] == 1)
        for w in ["W1", "W2", "W3"] { #expect(g.salaries[try #require(arc(g, c, "Boss", w))] == 1) }
        #expect(g.sweeps[try #require(arc(g, c, "Boss", "X"))] == 1)
        // A lower sweep share reads the boss's small payment to the leader as a sweep too.
        var w = CommandWeights()
        try w.apply("sweep-share=0.01")
        let eager = CommandGraph(c, weights: w)
        #expect(eager.sweepPaymentCount == 4)
    }

    @Test func paymentsBetweenOnesOwnAccountsSayNothing() throws {
        var b = Builder()
        try b.person("A")
        let second = try b.b.addEntity(id: "A2", kind: .account)
        try b.b.addLink(source: b.index["A"]!, target: second, kind: .owns)
        try b.b.addTransfer(id: "T", from: b.index["A_A"]!, to: second, amount: Money(whole: 5), time: 1)
        let g = CommandGraph(b.b.freeze())
        #expect(g.arcCount == 0 && g.sweepPaymentCount == 0 && g.salaryPaymentCount == 0)
    }

    @Test func weightSettings() throws {
        var w = CommandWeights()
        try w.apply("manages=6")
        try w.apply(" contacted = 0 ")
        #expect(w.manages == 6 && w.contacted == 0)
        #expect(throws: CommandWeights.SettingError.unknownKind("bribes")) { try w.apply("bribes=2") }
        #expect(throws: CommandWeights.SettingError.badValue("-1")) { try w.apply("salary=-1") }
        #expect(throws: CommandWeights.SettingError.notAnAssignment("salary")) { try w.apply("salary") }
        #expect(throws: CommandWeights.SettingError.badValue("2")) { try w.apply("sweep-share=2") }
        // A zero weight drops the evidence: no arc from calls alone.
        var b = Builder()
        for p in ["A", "B"] { try b.person(p) }
        try b.link("A", "B", .contacted, 5)
        #expect(CommandGraph(b.b.freeze(), weights: w).arcCount == 0)
    }
}
