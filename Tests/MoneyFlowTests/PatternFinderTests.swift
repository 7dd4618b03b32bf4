import FraudGraph
import Synthetic
import Testing
@testable import MoneyFlow

@Suite("PatternFinder")
struct PatternFinderTests {
    static let hour: Int64 = 3600

    static func find(_ c: Case) -> [PatternFinding] { PatternFinder().run(on: c, ledger: Ledger(c.transfers)) }

    static func shapes(_ findings: [PatternFinding]) -> [Typology] {
        findings.map(\.typology).filter { $0 != .passThrough }
    }

    static func ids(_ f: PatternFinding, _ c: Case) -> Set<String> { Set(f.transfers.map { c.transfers.id($0) }) }

    @Test func fanOut() {
        var s = CaseSketch(accounts: ["V", "S", "A", "B", "C"])
        s.pay("v", "V", "S", "1000", at: 0)
        s.pay("a", "S", "A", "330", at: 1 * Self.hour)
        s.pay("b", "S", "B", "330", at: 2 * Self.hour)
        s.pay("c", "S", "C", "330", at: 3 * Self.hour)
        let c = s.freeze()
        let found = Self.find(c)
        #expect(Self.shapes(found) == [.fanOut])
        #expect(Self.ids(found.first { $0.typology == .fanOut }!, c) == ["a", "b", "c"])
        #expect(found.allSatisfy { $0.score > 0.9 })
    }

    @Test func fanInAndCashOut() {
        var s = CaseSketch(accounts: ["V1", "V2", "V3", "A", "B", "C", "X", "ATM"])
        for (k, (v, a)) in [("V1", "A"), ("V2", "B"), ("V3", "C")].enumerated() {
            s.pay("p\(k)", v, a, "500", at: Int64(k) * 600)
            s.pay("f\(k)", a, "X", "495", at: 2 * Self.hour + Int64(k) * 600)
        }
        s.pay("w", "X", "ATM", "1400", at: 8 * Self.hour, channel: "cash_out")
        let c = s.freeze()
        let found = Self.find(c)
        #expect(Set(Self.shapes(found)) == [.fanIn, .cashOut])
        #expect(Self.ids(found.first { $0.typology == .fanIn }!, c) == ["f0", "f1", "f2"])
        #expect(Self.ids(found.first { $0.typology == .cashOut }!, c) == ["w"])
    }

    @Test func scatterGatherAndGatherScatter() {
        var s = CaseSketch(accounts: ["V", "S", "M1", "M2", "M3", "D", "ATM"])
        s.pay("v", "V", "S", "900", at: 0)
        for (k, m) in ["M1", "M2", "M3"].enumerated() {
            s.pay("s\(k)", "S", m, "298", at: Self.hour + Int64(k) * 600)
            s.pay("g\(k)", m, "D", "295", at: 3 * Self.hour + Int64(k) * 600)
        }
        s.pay("w", "D", "ATM", "880", at: 6 * Self.hour, channel: "cash_out")
        let c = s.freeze()
        #expect(Self.shapes(Self.find(c)).sorted { $0.rawValue < $1.rawValue } == [.cashOut, .scatterGather])

        // An account that only ever receives, from several accounts passing money on,
        // is where the money left the traced system (an exchange): not part of a shape.
        var x = CaseSketch(accounts: ["V", "S", "M1", "M2", "M3", "EX"])
        x.pay("v", "V", "S", "900", at: 0)
        for (k, m) in ["M1", "M2", "M3"].enumerated() {
            x.pay("s\(k)", "S", m, "298", at: Self.hour + Int64(k) * 600)
            x.pay("g\(k)", m, "EX", "295", at: 3 * Self.hour + Int64(k) * 600)
        }
        #expect(Self.shapes(Self.find(x.freeze())) == [.fanOut])

        var u = CaseSketch(accounts: ["V1", "V2", "A", "B", "H", "X", "Y", "Z"])
        u.pay("p1", "V1", "A", "600", at: 0)
        u.pay("p2", "V2", "B", "600", at: 300)
        u.pay("a", "A", "H", "595", at: Self.hour)
        u.pay("b", "B", "H", "595", at: Self.hour + 300)
        for (k, x) in ["X", "Y", "Z"].enumerated() { u.pay("o\(k)", "H", x, "390", at: 3 * Self.hour + Int64(k) * 600) }
        let d = u.freeze()
        #expect(Self.shapes(Self.find(d)) == [.gatherScatter])
    }

    @Test func cycleAndLayeringChain() {
        var s = CaseSketch(accounts: ["V", "S", "M1", "M2"])
        s.pay("v", "V", "S", "1000", at: 0)
        s.pay("a", "S", "M1", "990", at: Self.hour)
        s.pay("b", "M1", "M2", "985", at: 2 * Self.hour)
        s.pay("c", "M2", "S", "980", at: 3 * Self.hour)
        let c = s.freeze()
        #expect(Self.shapes(Self.find(c)) == [.cycle])

        var u = CaseSketch(accounts: ["V", "S", "M1", "M2", "M3", "M4"])
        let chain = ["S", "M1", "M2", "M3", "M4"]
        // The same chain twice, a week apart.
        for week in 0 ..< 2 {
            let start = Int64(week) * 7 * 24 * Self.hour
            u.pay("v\(week)", "V", "S", "1000", at: start)
            for k in 0 ..< 4 { u.pay("h\(week)\(k)", chain[k], chain[k + 1], "\(990 - k * 5)", at: start + Int64(k + 1) * Self.hour) }
        }
        let d = u.freeze()
        let found = Self.find(d)
        #expect(Self.shapes(found) == [.layeringChain, .layeringChain])
        #expect(found.filter { $0.typology == .layeringChain }.map { Self.ids($0, d) }.contains(["h00", "h01", "h02", "h03"]))
        // The intermediaries forward all they get within hours, twice: pass-through accounts.
        let mules = Set(found.filter { $0.typology == .passThrough }.flatMap(\.accounts).map { d.entities.id($0) })
        #expect(mules.isSuperset(of: ["M1", "M2", "M3"]))
    }

    @Test("salaries spent slowly, and money forwarded after the window, are not laundering")
    func ordinaryMoneyIsNotFound() {
        var s = CaseSketch(accounts: ["E", "P", "Shop1", "Shop2", "Shop3", "Q", "R"])
        s.pay("salary", "E", "P", "3000", at: 0)
        for k in 0 ..< 6 { s.pay("buy\(k)", "P", "Shop\(k % 3 + 1)", "60", at: Int64(k) * 20 * Self.hour) }
        s.pay("in", "E", "Q", "1000", at: 0)
        s.pay("late", "Q", "R", "990", at: 10 * 24 * Self.hour)
        #expect(Self.find(s.freeze()).isEmpty)
    }

    @Test func deterministic() {
        let c = CaseGenerator(preset: .tiny, seed: 7).generate().case
        #expect(Self.find(c) == Self.find(c))
    }

    @Test("planted laundering in generated cases is found: precision and recall floors", arguments: [7, 11] as [UInt64])
    func plantedTruth(seed: UInt64) {
        let generated = CaseGenerator(preset: .tiny, seed: seed).generate()
        let truth = generated.truth.laundering
        #expect(truth.count > 20)
        let findings = Self.find(generated.case)
        let score = PatternScore(findings: findings, truthTransfers: truth.map(\.transfer), truthTypologies: truth.map(\.typology))
        let any = score["any"]!
        #expect(any.precision >= 0.9, "precision \(any.precision)")
        #expect(any.recall >= 0.9, "recall \(any.recall)")
        let cash = score["cash_out"]!
        #expect(cash.truth == 0 || cash.recall >= 0.9)
    }
}

@Suite("PatternScore")
struct PatternScoreTests {
    @Test func countsTransferByTransfer() {
        let findings = [
            PatternFinding(typology: .fanOut, accounts: [0], transfers: [1, 2, 3], amount: 0, score: 1, first: 0, last: 0),
            PatternFinding(typology: .layeringChain, accounts: [0], transfers: [4, 5], amount: 0, score: 1, first: 0, last: 0),
            PatternFinding(typology: .passThrough, accounts: [0], transfers: [1, 9], amount: 0, score: 1, first: 0, last: 0),
        ]
        let score = PatternScore(findings: findings, truthTransfers: [1, 2, 4, 7], truthTypologies: ["fan_out", "fan_out", "random", "cycle"])
        #expect(score["fan_out"] == PatternScore.Line(name: "fan_out", found: 3, truth: 2, correct: 2))
        #expect(score["layering_chain"] == PatternScore.Line(name: "layering_chain", found: 2, truth: 1, correct: 1))
        #expect(score["cycle"]!.recall == 0)
        #expect(score["pass_through"] == PatternScore.Line(name: "pass_through", found: 2, truth: 4, correct: 1))
        #expect(score["any"] == PatternScore.Line(name: "any", found: 5, truth: 4, correct: 3))
    }
}
