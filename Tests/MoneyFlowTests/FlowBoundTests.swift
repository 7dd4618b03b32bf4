import FraudGraph
import Testing
@testable import MoneyFlow

@Suite("FlowBound")
struct FlowBoundTests {
    static func bound(_ c: Case, from: [String], to: [String], currency: String = "USD") -> FlowBound {
        FlowBound(case: c, ledger: Ledger(c.transfers), from: from.map { c.entity($0) }, to: to.map { c.entity($0) },
                  currency: c.transfers.currencies.code(of: currency)!)
    }

    @Test func moneyCannotLeaveBeforeItArrives() {
        var s = CaseSketch(accounts: ["S", "M", "T"])
        s.pay("out", "M", "T", "10", at: 100)
        s.pay("in", "S", "M", "10", at: 200)
        #expect(Self.bound(s.freeze(), from: ["S"], to: ["T"]).maximum == 0)

        var u = CaseSketch(accounts: ["S", "M", "T"])
        u.pay("in", "S", "M", "10", at: 100)
        u.pay("out", "M", "T", "10", at: 200)
        #expect(Self.bound(u.freeze(), from: ["S"], to: ["T"]).maximum == units("10"))
    }

    @Test func equalTimesFollowFileOrder() {
        var s = CaseSketch(accounts: ["S", "M", "T"])
        s.pay("out", "M", "T", "10", at: 100)
        s.pay("in", "S", "M", "10", at: 100)
        #expect(Self.bound(s.freeze(), from: ["S"], to: ["T"]).maximum == 0)
    }

    @Test func moneyWaitsAndGathers() {
        // 5 + 5 arrive, 8 leaves later, then 4 more go through another mule.
        var s = CaseSketch(accounts: ["S1", "S2", "M", "N", "T"])
        s.pay("a", "S1", "M", "5", at: 1)
        s.pay("b", "S2", "M", "5", at: 2)
        s.pay("c", "M", "T", "8", at: 3)
        s.pay("d", "M", "N", "6", at: 4)
        s.pay("e", "N", "T", "4", at: 5)
        s.pay("f", "N", "T", "9", at: 0)  // too early
        let c = s.freeze()
        let b = Self.bound(c, from: ["S1", "S2"], to: ["T"])
        #expect(b.maximum == units("10"))   // 8 directly, 2 of the remaining 2 via N
        #expect(b.networkTransfers == 5)
        #expect(b.transfers.reduce(Int64(0)) { $0 + ($1.transfer == c.transfer("f") ? $1.amount : 0) } == 0)
    }

    @Test func onlyOneCurrency() {
        var s = CaseSketch(accounts: ["S", "M", "T"])
        s.pay("a", "S", "M", "10", at: 1, currency: "EUR")
        s.pay("b", "M", "T", "10", at: 2)
        #expect(Self.bound(s.freeze(), from: ["S"], to: ["T"]).maximum == 0)
    }

    @Test("poison's attribution counts a transfer once, whatever number of seeds marked it, and only in the bound's currency")
    func poisonAttributionCountsWholeTransfersOnce() {
        var s = CaseSketch(accounts: ["S", "X", "M", "T"])
        s.pay("e", "X", "M", "3", at: 0, currency: "EUR")
        s.pay("s1", "S", "M", "10", at: 1)
        s.pay("s2", "S", "M", "5", at: 2)
        s.pay("usd", "M", "T", "8", at: 3)
        s.pay("eur", "M", "T", "3", at: 4, currency: "EUR")
        let c = s.freeze()
        let ledger = Ledger(c.transfers)
        let usd = c.transfers.currencies.code(of: "USD")!
        let seeds = FlowBound.seeds(from: [c.entity("S")], currency: usd, case: c, ledger: ledger)
        #expect(seeds.count == 2)
        let trace = Tracer(policy: .poison).run(on: c, ledger: ledger, seeds: seeds)
        // Both seeds mark M, so "usd" and "eur" carry both: 8 USD once, and no EUR.
        #expect(FlowBound.attributed(by: trace, case: c, to: [c.entity("T")], currency: usd) == units("8"))
        #expect(Self.bound(c, from: ["S"], to: ["T"]).maximum == units("8"))
    }

    @Test("random cases: no policy attributes more than the bound", arguments: TracePolicy.allCases.filter(\.conservesMoney))
    func boundsEveryPolicy(policy: TracePolicy) {
        var rng = SplitMix(seed: 99)
        var sawPositive = false
        for _ in 0 ..< 150 {
            let (c, _) = RandomCases.make(&rng, accounts: 8, transfers: 60)
            let n = Int32(c.entities.count)
            guard n >= 3 else { continue }
            let sources: [Int32] = [0]
            let targets: [Int32] = [n - 1]
            // Targets that send nothing on, so that nothing is counted twice.
            if (0 ..< c.transfers.count).contains(where: { c.transfers.source[$0] == n - 1 }) { continue }
            let ledger = Ledger(c.transfers)
            let usd = c.transfers.currencies.code(of: "USD")!
            let bound = FlowBound(case: c, ledger: ledger, from: sources, to: targets, currency: usd)
            let seeds = FlowBound.seeds(from: sources, currency: usd, case: c, ledger: ledger)
            let trace = Tracer(policy: policy).run(on: c, ledger: ledger, seeds: seeds)
            let attributed = FlowBound.attributed(by: trace, case: c, to: targets)
            #expect(attributed <= bound.maximum)
            sawPositive = sawPositive || attributed > 0
        }
        #expect(sawPositive)
    }
}
