import FraudGraph
import Testing
@testable import MoneyFlow

@Suite("Tracer")
struct TracerTests {
    // MARK: - The spec's worked example

    /// 7 clean in, 3 stolen in, then 2 and 5 out.
    static func workedExample() -> Case {
        var s = CaseSketch(accounts: ["X", "V", "M", "A", "B"])
        s.pay("T1", "X", "M", "7", at: 100)
        s.pay("T2", "V", "M", "3", at: 200)   // the victim's payment
        s.pay("T3", "M", "A", "2", at: 300)
        s.pay("T4", "M", "B", "5", at: 400)
        return s.freeze()
    }

    static func trace(_ c: Case, _ policy: TracePolicy, seeds: [String], maxHops: Int? = nil) -> Trace {
        Tracer(policy: policy, maxHops: maxHops).run(on: c, ledger: Ledger(c.transfers), seeds: seeds.map { c.transfer($0) })
    }

    @Test("worked example: what leaves in the 2 and the 5, what stays",
          arguments: [
              (TracePolicy.fifo, "0", "0", "3"),
              (.lifo, "2", "1", "0"),
              (.libr, "0", "0", "3"),
              (.dirtyFirst, "2", "1", "0"),
              (.haircut, "0.6", "1.5", "0.9"),
          ])
    func workedExample(policy: TracePolicy, first: String, second: String, left: String) {
        let c = Self.workedExample()
        let trace = Self.trace(c, policy, seeds: ["T2"])
        #expect(trace.carried(by: c.transfer("T3"))[0, default: 0] == units(first))
        #expect(trace.carried(by: c.transfer("T4"))[0, default: 0] == units(second))
        #expect(trace.held(by: c.entity("M"))[0, default: 0] == units(left))
        #expect(trace.totals[0].amount == units("3"))
        #expect(trace.totals[0].held == units("3"))
        #expect(trace.totals[0].addsUp)
        #expect(trace.totals[0].rounding == 0)
    }

    /// The tainted pieces the 2 and the 5 took from M: none when only clean money
    /// leaves (fifo, libr), one each when stolen money leaves (lifo, dirty-first,
    /// haircut's shares of the one holding).
    @Test("worked example: the tainted pieces taken",
          arguments: [(TracePolicy.fifo, 0), (.lifo, 2), (.libr, 0), (.dirtyFirst, 2), (.haircut, 2), (.poison, 2)])
    func workedExamplePieces(policy: TracePolicy, pieces: Int) {
        let c = Self.workedExample()
        #expect(Self.trace(c, policy, seeds: ["T2"]).piecesMoved == pieces)
    }

    @Test func workedExamplePoison() {
        let c = Self.workedExample()
        let trace = Self.trace(c, .poison, seeds: ["T2"])
        #expect(trace.carried(by: c.transfer("T3")) == [0: units("2")])
        #expect(trace.carried(by: c.transfer("T4")) == [0: units("5")])
        #expect(Set(trace.holdingAccounts) == [c.entity("A"), c.entity("B"), c.entity("M")])
        #expect(trace.held(by: c.entity("M")) == [0: units("3")])  // the whole balance
    }

    @Test func seedTransferCarriesItsWholeAmountAtHopZero() {
        let c = Self.workedExample()
        let trace = Self.trace(c, .lifo, seeds: ["T2"])
        #expect(trace.transfers.map { c.transfers.id($0) } == ["T2", "T3", "T4"])
        #expect(trace.transferHops == [0, 1, 1])
        #expect(trace.carried(by: c.transfer("T2")) == [0: units("3")])
    }

    /// 3 stolen in first, then 7 clean, then 2 out: the front is stolen, the back clean.
    @Test("stolen money first, clean after, 2 out: fifo and dirty-first take stolen, lifo and libr clean",
          arguments: [
              (TracePolicy.fifo, "2"),
              (.lifo, "0"),
              (.libr, "0"),        // clean first, though it came later
              (.dirtyFirst, "2"),
              (.haircut, "0.6"),   // 2 · 3 / 10
              (.poison, "2"),
          ])
    func stolenFirstThenClean(policy: TracePolicy, carried: String) {
        var s = CaseSketch(accounts: ["V", "X", "M", "N"])
        s.pay("S", "V", "M", "3", at: 10)
        s.pay("C", "X", "M", "7", at: 20)
        s.pay("T", "M", "N", "2", at: 30)
        let c = s.freeze()
        let trace = Self.trace(c, policy, seeds: ["S"])
        #expect(trace.carried(by: c.transfer("T"))[0, default: 0] == units(carried))
        if policy.conservesMoney {
            #expect(trace.held(by: c.entity("M"))[0, default: 0] == units("3") - units(carried))
            #expect(trace.totals[0].addsUp)
        }
    }

    /// 5 clean, then 4 of S1 and 6 of S2, then 5 out.
    @Test("clean first, then two seeds, 5 out: each policy's pieces",
          arguments: [
              (TracePolicy.fifo, [String]()),                 // the 5 clean at the front
              (.lifo, ["", "5"]),                             // the back: S2
              (.libr, [String]()),                            // clean first
              (.dirtyFirst, ["4", "1"]),                      // tainted first, front to back
              (.haircut, ["1.3333", "2"]),                    // 5 · 4 / 15 rounded down, 5 · 6 / 15
          ])
    func cleanThenTwoSeeds(policy: TracePolicy, carried: [String]) {
        var s = CaseSketch(accounts: ["X", "V1", "V2", "M", "N"])
        s.pay("C", "X", "M", "5", at: 10)
        s.pay("S1", "V1", "M", "4", at: 20)
        s.pay("S2", "V2", "M", "6", at: 30)
        s.pay("T", "M", "N", "5", at: 40)
        let c = s.freeze()
        let trace = Self.trace(c, policy, seeds: ["S1", "S2"])
        var expected: [Int: Int64] = [:]
        for (seed, amount) in carried.enumerated() where !amount.isEmpty { expected[seed] = units(amount) }
        #expect(trace.carried(by: c.transfer("T")) == expected)
        #expect(trace.totals.allSatisfy { $0.addsUp })
    }

    @Test("lifo: the receiver appends the pieces in the order taken")
    func lifoReceiverKeepsTheOrderTaken() {
        var s = CaseSketch(accounts: ["V1", "V2", "M", "N", "Y"])
        s.pay("S1", "V1", "M", "4", at: 10)
        s.pay("S2", "V2", "M", "5", at: 20)
        s.pay("T", "M", "N", "6", at: 30)  // from the back: 5 of S2, then 1 of S1
        s.pay("U", "N", "Y", "1", at: 40)  // N's back is the 1 of S1, taken last
        let c = s.freeze()
        let trace = Self.trace(c, .lifo, seeds: ["S1", "S2"])
        #expect(trace.carried(by: c.transfer("T")) == [0: units("1"), 1: units("5")])
        #expect(trace.carried(by: c.transfer("U")) == [0: units("1")])
        #expect(trace.held(by: c.entity("N")) == [1: units("5")])
    }

    @Test("an account overdrawn by the data stands at 0, not below, when stolen money arrives",
          arguments: [TracePolicy.fifo, .lifo, .libr, .dirtyFirst, .haircut, .poison])
    func overdraftDoesNotSwallowLaterMoney(policy: TracePolicy) {
        var s = CaseSketch(accounts: ["X", "V", "M", "N", "Y"])
        s.pay("C", "X", "M", "10", at: 10)
        s.pay("A", "M", "Y", "15", at: 20)  // 5 more than M held: M stands at 0
        s.pay("S", "V", "M", "4", at: 30)   // M holds 4, all stolen
        s.pay("T", "M", "N", "2", at: 40)   // balance 4, not -1: 2 of the 4 leave
        let c = s.freeze()
        let trace = Self.trace(c, policy, seeds: ["S"])
        #expect(trace.carried(by: c.transfer("T")) == [0: units("2")])
        if policy.conservesMoney {
            #expect(trace.held(by: c.entity("M")) == [0: units("2")])
            #expect(trace.totals[0].addsUp)
        }
    }

    @Test("a cash withdrawal counts only the tainted money it takes as exited",
          arguments: [(TracePolicy.fifo, "2"), (.lifo, "8"), (.libr, "2"), (.dirtyFirst, "8")])
    func cashOutOfMixedMoney(policy: TracePolicy, exited: String) {
        var s = CaseSketch(accounts: ["X", "V", "M", "ATM"])
        s.pay("C", "X", "M", "6", at: 10)
        s.pay("S", "V", "M", "10", at: 20)
        s.pay("W", "M", "ATM", "8", at: 30, channel: "cash_out")
        let c = s.freeze()
        let trace = Self.trace(c, policy, seeds: ["S"])
        #expect(trace.totals[0].exited == units(exited))
        #expect(trace.totals[0].held == units("10") - units(exited))
        #expect(trace.transfers.map { c.transfers.id($0) } == ["S", "W"])
        #expect(trace.totals[0].addsUp)
    }

    // MARK: - Several seeds, currencies, ties

    @Test func twoSeedsKeepTheirOwnLabels() {
        var s = CaseSketch(accounts: ["V1", "V2", "M", "N"])
        s.pay("S1", "V1", "M", "4", at: 10)
        s.pay("S2", "V2", "M", "6", at: 20)
        s.pay("T", "M", "N", "5", at: 30)
        let c = s.freeze()
        let fifo = Self.trace(c, .fifo, seeds: ["S1", "S2"])
        #expect(fifo.carried(by: c.transfer("T")) == [0: units("4"), 1: units("1")])
        #expect(fifo.held(by: c.entity("M")) == [1: units("5")])
        let lifo = Self.trace(c, .lifo, seeds: ["S1", "S2"])
        #expect(lifo.carried(by: c.transfer("T")) == [1: units("5")])
        let haircut = Self.trace(c, .haircut, seeds: ["S1", "S2"])
        #expect(haircut.carried(by: c.transfer("T")) == [0: units("2"), 1: units("3")])
        for trace in [fifo, lifo, haircut] { #expect(trace.totals.allSatisfy { $0.addsUp }) }
    }

    @Test func aSeedTakingAnotherSeedsMoneyCutsIt() {
        var s = CaseSketch(accounts: ["V", "M", "N"])
        s.pay("S1", "V", "M", "4", at: 10)
        s.pay("S2", "M", "N", "3", at: 20)  // reported too: the mule's payment
        let c = s.freeze()
        let trace = Self.trace(c, .fifo, seeds: ["S1", "S2"])
        #expect(trace.totals[0].cut == units("3"))
        #expect(trace.totals[0].held == units("1"))
        #expect(trace.carried(by: c.transfer("S2")) == [1: units("3")])
        #expect(trace.held(by: c.entity("N")) == [1: units("3")])
        #expect(trace.totals.allSatisfy { $0.addsUp })
    }

    @Test func moneyMovesOnlyInItsOwnCurrency() {
        var s = CaseSketch(accounts: ["X", "V", "M", "N"])
        s.pay("E1", "X", "M", "10", at: 10, currency: "EUR")
        s.pay("S", "V", "M", "3", at: 20)                    // USD, stolen
        s.pay("E2", "M", "N", "10", at: 30, currency: "EUR")  // EUR out: none of the USD
        s.pay("U1", "M", "N", "2", at: 40)                   // USD out: stolen
        let c = s.freeze()
        for policy in [TracePolicy.fifo, .lifo, .libr, .dirtyFirst, .haircut] {
            let trace = Self.trace(c, policy, seeds: ["S"])
            #expect(trace.carried(by: c.transfer("E2")).isEmpty, "\(policy)")
            #expect(trace.carried(by: c.transfer("U1")) == [0: units("2")], "\(policy)")
        }
        // poison marks the account, all currencies: the EUR transfer is touched.
        #expect(Self.trace(c, .poison, seeds: ["S"]).carried(by: c.transfer("E2")) == [0: units("10")])
    }

    @Test func equalTimesKeepFileOrder() {
        // Same timestamp: the stolen money arrives (row 2) before it leaves (row 3)
        // only because of row order; the clean deposit comes in row 1.
        var s = CaseSketch(accounts: ["X", "V", "M", "N"])
        s.pay("C", "X", "M", "5", at: 50)
        s.pay("S", "V", "M", "3", at: 50)
        s.pay("T", "M", "N", "4", at: 50)
        let c = s.freeze()
        #expect(Self.trace(c, .fifo, seeds: ["S"]).carried(by: c.transfer("T")).isEmpty)
        #expect(Self.trace(c, .lifo, seeds: ["S"]).carried(by: c.transfer("T")) == [0: units("3")])

        // Rows out of time order: the ledger sorts by time, ties by row.
        var u = CaseSketch(accounts: ["X", "V", "M", "N"])
        u.pay("T", "M", "N", "6", at: 60)
        u.pay("S", "V", "M", "3", at: 50)
        u.pay("C", "X", "M", "5", at: 50)
        let d = u.freeze()
        #expect(Self.trace(d, .fifo, seeds: ["S"]).carried(by: d.transfer("T")) == [0: units("3")])
        #expect(Self.trace(d, .lifo, seeds: ["S"]).carried(by: d.transfer("T")) == [0: units("1")])
    }

    // MARK: - Hops, exits, overdrafts

    @Test func maxHopsCutsThePieceThatWouldGoFurther() {
        var s = CaseSketch(accounts: ["V", "M1", "M2", "M3"])
        s.pay("S", "V", "M1", "10", at: 10)
        s.pay("A", "M1", "M2", "10", at: 20)  // hops 1
        s.pay("B", "M2", "M3", "10", at: 30)  // hops 2
        let c = s.freeze()
        let full = Self.trace(c, .fifo, seeds: ["S"])
        #expect(full.transferHops == [0, 1, 2])
        #expect(full.held(by: c.entity("M3")) == [0: units("10")])

        let one = Self.trace(c, .fifo, seeds: ["S"], maxHops: 1)
        #expect(one.transfers.map { c.transfers.id($0) } == ["S", "A"])
        #expect(one.held(by: c.entity("M2")).isEmpty)
        #expect(one.held(by: c.entity("M3")).isEmpty)
        #expect(one.totals[0].cut == units("10"))
        #expect(one.totals[0].addsUp)

        let zero = Self.trace(c, .haircut, seeds: ["S"], maxHops: 0)
        #expect(zero.transfers.map { c.transfers.id($0) } == ["S"])
        #expect(zero.totals[0].cut == units("10"))
    }

    @Test func cashOutExitsAndIsFollowedNoFurther() {
        var s = CaseSketch(accounts: ["V", "M", "ATM", "N"])
        s.pay("S", "V", "M", "10", at: 10)
        s.pay("W", "M", "ATM", "4", at: 20, channel: "cash_out")
        s.pay("F", "ATM", "N", "4", at: 30)
        let c = s.freeze()
        for policy in [TracePolicy.fifo, .lifo, .libr, .dirtyFirst, .haircut, .poison] {
            let trace = Self.trace(c, policy, seeds: ["S"])
            #expect(trace.exits.map { c.transfers.id($0) } == ["W"], "\(policy)")
            #expect(trace.exitAccounts == [c.entity("M")])
            #expect(trace.carried(by: c.transfer("F")).isEmpty, "\(policy)")
            #expect(trace.totals[0].exited == units("4"), "\(policy)")
            if policy.conservesMoney {
                #expect(trace.totals[0].held == units("6"))
                #expect(trace.totals[0].addsUp)
            }
        }
    }

    @Test func overdrawnAccountsSendCleanMoneyAndStopAtZero() {
        var s = CaseSketch(accounts: ["V", "M", "N", "X"])
        s.pay("S", "V", "M", "3", at: 10)
        s.pay("A", "M", "N", "5", at: 20)  // 2 more than the data shows M held
        s.pay("B", "X", "M", "1", at: 30)  // M was at 0, now 1 clean
        s.pay("C", "M", "N", "1", at: 40)
        let c = s.freeze()
        for policy in [TracePolicy.fifo, .lifo, .libr, .dirtyFirst, .haircut] {
            let trace = Self.trace(c, policy, seeds: ["S"])
            #expect(trace.carried(by: c.transfer("A")) == [0: units("3")], "\(policy)")
            #expect(trace.carried(by: c.transfer("C")).isEmpty, "\(policy)")
            #expect(trace.held(by: c.entity("N")) == [0: units("3")], "\(policy)")
        }
    }

    @Test func haircutDustStaysWithTheSenderOrIsReported() {
        // 1 unit of each of three seeds; sending 2 of the 3 units takes floor(2/3) = 0
        // of each. The sender keeps 1 unit of money: two of the three units of dust
        // cannot stay and are reported as rounding, the largest remainders first
        // (all equal: the earliest seeds).
        var s = CaseSketch(accounts: ["V1", "V2", "V3", "M", "N"])
        s.pay("S1", "V1", "M", units: 1, at: 1)
        s.pay("S2", "V2", "M", units: 1, at: 2)
        s.pay("S3", "V3", "M", units: 1, at: 3)
        s.pay("T", "M", "N", units: 2, at: 4)
        let c = s.freeze()
        let trace = Self.trace(c, .haircut, seeds: ["S1", "S2", "S3"])
        #expect(trace.carried(by: c.transfer("T")).isEmpty)
        #expect(trace.totals.map(\.rounding) == [1, 1, 0])
        #expect(trace.held(by: c.entity("M")) == [2: 1])
        #expect(trace.totals.allSatisfy { $0.addsUp })

        // With clean money beside it, the dust stays.
        var u = CaseSketch(accounts: ["X", "V1", "V2", "M", "N"])
        u.pay("C", "X", "M", units: 10, at: 0)
        u.pay("S1", "V1", "M", units: 1, at: 1)
        u.pay("S2", "V2", "M", units: 1, at: 2)
        u.pay("T", "M", "N", units: 6, at: 4)  // 6/12 of 1 unit: 0 each
        let d = u.freeze()
        let kept = Self.trace(d, .haircut, seeds: ["S1", "S2"])
        #expect(kept.totals.map(\.rounding) == [0, 0])
        #expect(kept.held(by: d.entity("M")) == [0: 1, 1: 1])
    }

    @Test("haircut: money that arrived since the holdings were last merged counts before a small payment is waved through")
    func haircutSmallPaymentSeesArrivals() {
        var s = CaseSketch(accounts: ["X", "V1", "V2", "H", "Y"])
        s.pay("C", "X", "H", units: 600_000, at: 1)
        s.pay("S1", "V1", "H", units: 500_000, at: 2)
        s.pay("T1", "H", "Y", units: 10, at: 3)  // floor(500,000 · 10 / 1,100,000) = 4
        s.pay("S2", "V2", "H", units: 2_000_000, at: 4)
        // H holds 499,996 of S1 (merged) and 2,000,000 of S2 (just arrived) in a balance
        // of 3,099,990: 2 units take floor(2 · 2,000,000 / 3,099,990) = 1 of S2, none of S1.
        s.pay("T2", "H", "Y", units: 2, at: 5)
        let c = s.freeze()
        let trace = Self.trace(c, .haircut, seeds: ["S1", "S2"])
        #expect(trace.carried(by: c.transfer("T1")) == [0: 4])
        #expect(trace.carried(by: c.transfer("T2")) == [1: 1])
        #expect(trace.held(by: c.entity("H")) == [0: 499_996, 1: 1_999_999])
    }

    @Test func haircutUses128BitProducts() {
        // 900 billion units each way: the product overflows 64 bits.
        var s = CaseSketch(accounts: ["X", "V", "M", "N"])
        s.pay("C", "X", "M", units: 600_000_000_000_000, at: 1)
        s.pay("S", "V", "M", units: 300_000_000_000_000, at: 2)
        s.pay("T", "M", "N", units: 450_000_000_000_000, at: 3)
        let c = s.freeze()
        let trace = Self.trace(c, .haircut, seeds: ["S"])
        #expect(trace.carried(by: c.transfer("T")) == [0: 150_000_000_000_000])
    }

    @Test func duplicateSeedsCountOnce() {
        let c = Self.workedExample()
        let trace = Tracer(policy: .fifo).run(on: c, ledger: Ledger(c.transfers), seeds: [c.transfer("T2"), c.transfer("T2")])
        #expect(trace.seeds.count == 1)
        #expect(trace.totals == [Trace.SeedTotals(amount: units("3"), held: units("3"))])
        #expect(trace.carried(by: c.transfer("T2")) == [0: units("3")])
    }

    // MARK: - Against the naive tracer

    @Test("random small cases: the tracer agrees with the naive tracer", arguments: TracePolicy.allCases)
    func agreesWithNaive(policy: TracePolicy) {
        var rng = SplitMix(seed: 20_240_301 &+ UInt64(policy.hashValue & 0))
        for round in 0 ..< 300 {
            let (c, seeds) = RandomCases.make(&rng)
            let hops: Int? = rng.next() % 3 == 0 ? Int(rng.next() % 4) : nil
            let fast = Tracer(policy: policy, maxHops: hops).run(on: c, ledger: Ledger(c.transfers), seeds: seeds)
            let naive = NaiveTracer(policy: policy, maxHops: hops).run(c, seeds: seeds)
            let shape = fast.naiveShape
            #expect(shape == naive, "round \(round), \(policy), maxHops \(String(describing: hops))")
            #expect(fast.isInOrder(Ledger(c.transfers)), "round \(round), \(policy)")
            var eager = Tracer(policy: policy, maxHops: hops)
            eager.sizes = ReplaySizes(splitFrom: 0, cores: 2, smallestPart: 0, arrivalsSettledFrom: 1, radixSortFrom: 1)
            let eagerTrace = eager.run(on: c, ledger: Ledger(c.transfers), seeds: seeds)
            #expect(eagerTrace.isInOrder(Ledger(c.transfers)), "round \(round), \(policy), small sizes")
            let eagerShape = eagerTrace.naiveShape
            #expect(eagerShape == naive, "round \(round), \(policy), small sizes")
            if shape != naive || eagerShape != naive { break }
        }
    }

    @Test("hubs with hundreds of holdings or marks: haircut and poison agree with the naive tracer, whatever the order money arrived in",
          arguments: [TracePolicy.haircut, .poison])
    func hubsAgreeWithNaive(policy: TracePolicy) {
        var rng = SplitMix(seed: 4_242)
        for (round, hops) in [nil, 3].enumerated() {
            let (c, seeds) = RandomCases.hubs(&rng, victims: 200, transfers: 1_600)
            let fast = Tracer(policy: policy, maxHops: hops).run(on: c, ledger: Ledger(c.transfers), seeds: seeds)
            let naive = NaiveTracer(policy: policy, maxHops: hops).run(c, seeds: seeds)
            #expect(fast.naiveShape == naive, "round \(round)")
            // Every merge and radix sort path, on this small case.
            var eager = Tracer(policy: policy, maxHops: hops)
            eager.sizes = ReplaySizes(splitFrom: 0, cores: 2, smallestPart: 0, arrivalsSettledFrom: 2, radixSortFrom: 2)
            #expect(eager.run(on: c, ledger: Ledger(c.transfers), seeds: seeds).naiveShape == naive, "round \(round), small sizes")
            #expect(fast.totals.contains { $0.exited > 0 })
            if policy == .haircut {
                #expect(fast.totals.allSatisfy { $0.addsUp })
                #expect(fast.totals.contains { $0.rounding > 0 })
                if hops != nil { #expect(fast.totals.contains { $0.cut > 0 }) }
            }
            // The hubs really are big: hundreds of seeds held in each.
            for hub in ["H0", "H1"] {
                #expect(fast.held(by: c.entities.index(of: hub)!).count > 100, "round \(round), \(hub)")
            }
        }
    }

    @Test("replayed in two parts by currency, on two threads: the same trace as one replay",
          arguments: TracePolicy.allCases.filter { $0 != .poison })  // poison is always one replay
    func currencyPartsGiveTheSameTrace(policy: TracePolicy) {
        var rng = SplitMix(seed: 99)
        var split = 0
        for round in 0 ..< 60 {
            // Up to four currencies: a part may hold several.
            let (c, seeds) = RandomCases.make(&rng, accounts: 8, transfers: 80, otherCurrencies: ["EUR", "GBP", "USDT"])
            let hops: Int? = round % 3 == 0 ? 2 : nil
            var one = Tracer(policy: policy, maxHops: hops), two = one
            one.sizes.splitFrom = .max
            two.sizes = ReplaySizes(splitFrom: 0, cores: 2, smallestPart: 0)
            let a = one.run(on: c, ledger: Ledger(c.transfers), seeds: seeds)
            let b = two.run(on: c, ledger: Ledger(c.transfers), seeds: seeds)
            #expect(a.transfers == b.transfers && a.transferHops == b.transferHops && a.transferShares == b.transferShares, "round \(round)")
            #expect(a.exits == b.exits && a.exitAccounts == b.exitAccounts && a.exitShares == b.exitShares, "round \(round)")
            #expect(a.holdingAccounts == b.holdingAccounts && a.holdingShares == b.holdingShares, "round \(round)")
            #expect(a.totals == b.totals && a.piecesMoved == b.piecesMoved, "round \(round)")
            if CurrencySplit(c.transfers, sizes: two.sizes) != nil { split += 1 }
        }
        #expect(split > 40)  // every case with two currencies or more
    }

    @Test("random cases: held + exited + cut (+ rounding) = amount", arguments: TracePolicy.allCases.filter(\.conservesMoney))
    func conservation(policy: TracePolicy) {
        var rng = SplitMix(seed: 77)
        var sawCut = false, sawExit = false, sawHeld = false, sawRounding = false
        for _ in 0 ..< 200 {
            let (c, seeds) = RandomCases.make(&rng, accounts: 12, transfers: 120)
            let hops: Int? = rng.next() % 2 == 0 ? Int(rng.next() % 5) : nil
            let trace = Tracer(policy: policy, maxHops: hops).run(on: c, ledger: Ledger(c.transfers), seeds: seeds)
            #expect(trace.totals.allSatisfy { $0.addsUp })
            sawCut = sawCut || trace.totals.contains { $0.cut > 0 }
            sawExit = sawExit || trace.totals.contains { $0.exited > 0 }
            sawHeld = sawHeld || trace.totals.contains { $0.held > 0 }
            sawRounding = sawRounding || trace.totals.contains { $0.rounding > 0 }
            if policy != .haircut { #expect(trace.totals.allSatisfy { $0.rounding == 0 }) }
            // A transfer never carries more taint than its amount.
            for i in 0 ..< trace.transfers.count {
                #expect(trace.transferShares.total(i) <= c.transfers.amount[Int(trace.transfers[i])])
            }
        }
        // The random cases reach every way money can end.
        #expect(sawCut && sawExit && sawHeld)
        if policy == .haircut { #expect(sawRounding) }
    }

    @Test func deterministic() {
        var rng = SplitMix(seed: 5)
        let (c, seeds) = RandomCases.make(&rng, accounts: 20, transfers: 400)
        for policy in TracePolicy.allCases {
            let a = Tracer(policy: policy).run(on: c, ledger: Ledger(c.transfers), seeds: seeds)
            let b = Tracer(policy: policy).run(on: c, ledger: Ledger(c.transfers), seeds: seeds)
            #expect(a.transfers == b.transfers && a.transferShares == b.transferShares && a.holdingShares == b.holdingShares)
        }
    }
}

@Suite("Currency split")
struct CurrencySplitTests {
    /// A case with `counts[currency]` transfers of each currency.
    static func transfers(_ counts: [(String, Int)]) -> TransferTable {
        var s = CaseSketch(accounts: ["A", "B"])
        var n = 0
        for (currency, count) in counts {
            for _ in 0 ..< count {
                s.pay("T\(n)", "A", "B", "1", at: Int64(n), currency: currency)
                n += 1
            }
        }
        return s.freeze().transfers
    }

    /// The currencies a part's flags name.
    static func names(_ flags: ContiguousArray<Bool>, _ t: TransferTable) -> Set<String> {
        Set(flags.indices.filter { flags[$0] }.map { t.currencies[UInt16($0)] })
    }

    @Test("the biggest currency alone, the others together: 50 USD against 30 EUR + 20 GBP")
    func biggestFirstEachToTheLighterPart() throws {
        let t = Self.transfers([("EUR", 30), ("USD", 50), ("GBP", 20)])
        let split = try #require(CurrencySplit(t, sizes: ReplaySizes(splitFrom: 0, cores: 2, smallestPart: 0.1)))
        #expect(Self.names(split.first, t) == ["USD"])
        #expect(Self.names(split.second, t) == ["EUR", "GBP"])
    }

    @Test("one replay when the smaller part is under smallestPart, the case small, one core or one currency")
    func oneReplayWhenASplitIsNotWorthIt() {
        let lopsided = Self.transfers([("USD", 95), ("EUR", 5)])
        #expect(CurrencySplit(lopsided, sizes: ReplaySizes(splitFrom: 0, cores: 2, smallestPart: 0.1)) == nil)
        #expect(CurrencySplit(lopsided, sizes: ReplaySizes(splitFrom: 0, cores: 2, smallestPart: 0.05)) != nil)
        let even = Self.transfers([("USD", 50), ("EUR", 50)])
        #expect(CurrencySplit(even, sizes: ReplaySizes(splitFrom: 101, cores: 2, smallestPart: 0.1)) == nil)
        #expect(CurrencySplit(even, sizes: ReplaySizes(splitFrom: 100, cores: 2, smallestPart: 0.1)) != nil)
        #expect(CurrencySplit(even, sizes: ReplaySizes(splitFrom: 0, cores: 1, smallestPart: 0.1)) == nil)
        #expect(CurrencySplit(Self.transfers([("USD", 100)]), sizes: ReplaySizes(splitFrom: 0, cores: 2, smallestPart: 0)) == nil)
    }
}
