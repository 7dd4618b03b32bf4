import FraudGraph
import Testing
@testable import MoneyFlow

@Suite("FreezeList")
struct FreezeListTests {
    @Test func groupsByCountryAndBankBiggestFirst() {
        var s = CaseSketch(accounts: ["V", "M1", "M2", "M3", "M4", "X"],
                           countries: ["V": "ES", "M1": "KH", "M2": "KH", "M3": "KH", "M4": "TH"],
                           banks: ["V": "Santander", "M1": "ABA", "M2": "ABA", "M3": "Wing", "M4": "Kasikorn"])
        s.pay("S1", "V", "M1", "100", at: 1)
        s.pay("S2", "V", "M2", "50", at: 2)
        s.pay("S3", "V", "M3", "400", at: 3)
        s.pay("S4", "V", "M4", "10", at: 4)
        s.pay("S5", "V", "X", "7", at: 5)
        s.pay("S6", "V", "M1", "3", at: 6, currency: "EUR")
        let c = s.freeze()
        let trace = Tracer(policy: .fifo).run(on: c, ledger: Ledger(c.transfers), seeds: ["S1", "S2", "S3", "S4", "S5", "S6"].map { c.transfer($0) })
        let list = FreezeList(trace: trace, case: c)
        #expect(list.groups.map(\.amount) == [units("400"), units("150"), units("10"), units("7"), units("3")])
        #expect(list.groups.map(\.country) == ["KH", "KH", "TH", nil, "KH"])
        #expect(list.groups.map(\.bank) == ["Wing", "ABA", "Kasikorn", nil, "ABA"])
        #expect(list.groups.map(\.currency) == ["USD", "USD", "USD", "USD", "EUR"])
        #expect(list.groups[1].accounts == 2)
        #expect(list.countries == ["KH", "TH", nil])
        #expect(list.entries(in: "KH").map(\.amount) == [units("400"), units("100"), units("50"), units("3")])
        #expect(list.entries(in: nil).map(\.external) == [false])
        // Every unit held is on the list once.
        #expect(list.entries.reduce(Int64(0)) { $0 + $1.amount } == trace.totals.reduce(Int64(0)) { $0 + $1.held })
    }

    @Test("a country's request lists its entries biggest first across its banks and currencies")
    func countryEntriesInterleaveGroups() {
        var s = CaseSketch(accounts: ["V", "A1", "A2", "W1", "W2", "T"],
                           countries: ["A1": "KH", "A2": "KH", "W1": "KH", "W2": "KH", "T": "TH"],
                           banks: ["A1": "ABA", "A2": "ABA", "W1": "Wing", "W2": "Wing", "T": "Kasikorn"])
        s.pay("S1", "V", "A1", "100", at: 1)
        s.pay("S2", "V", "W1", "400", at: 2)
        s.pay("S3", "V", "A2", "50", at: 3)
        s.pay("S4", "V", "W2", "20", at: 4)
        s.pay("S5", "V", "T", "70", at: 5)
        s.pay("S6", "V", "A1", "60", at: 6, currency: "EUR")
        let c = s.freeze()
        let trace = Tracer(policy: .fifo).run(on: c, ledger: Ledger(c.transfers), seeds: (1 ... 6).map { c.transfer("S\($0)") })
        let list = FreezeList(trace: trace, case: c)
        #expect(list.entries(in: "KH").map { c.transfers.id($0.seedTransfer) } == ["S2", "S1", "S6", "S3", "S4"])
        #expect(list.entries(in: "TH").map { c.transfers.id($0.seedTransfer) } == ["S5"])
        #expect(list.entryPositions(in: "KH") + list.entryPositions(in: "TH") == [0, 1, 3, 4, 5] + [2])
        #expect(list.entries(in: "VN").isEmpty)
    }

    @Test("poison: an account two seeds touched is one whole balance in its group, not two")
    func poisonCountsEachAccountOnce() {
        var s = CaseSketch(accounts: ["V1", "V2", "X", "M", "N"], countries: ["M": "KH", "N": "KH"], banks: ["M": "ABA", "N": "ABA"])
        s.pay("C", "X", "M", "5", at: 1)
        s.pay("S1", "V1", "M", "4", at: 2)
        s.pay("S2", "V2", "M", "6", at: 3)
        s.pay("T", "M", "N", "3", at: 4)
        let c = s.freeze()
        let trace = Tracer(policy: .poison).run(on: c, ledger: Ledger(c.transfers), seeds: [c.transfer("S1"), c.transfer("S2")])
        let list = FreezeList(trace: trace, case: c)
        // M keeps 12 and N got 3: both touched by both seeds, four entries.
        #expect(list.entries.map(\.amount).sorted() == [units("3"), units("3"), units("12"), units("12")])
        #expect(list.groups.count == 1)
        #expect(list.groups[0].amount == units("15"))
        #expect(list.groups[0].accounts == 2)
    }
}

@Suite("AccountProvenance")
struct AccountProvenanceTests {
    @Test func whoseMoneyAndTheChainThatBroughtIt() {
        var b = CaseBuilder()
        let victim = try! b.addEntity(id: "P1", kind: .person, name: "Ana")
        var s = CaseSketch(accounts: [])
        s.builder = b
        for a in ["VA", "M1", "M2", "M3", "N"] { _ = try! s.builder.addEntity(id: a, kind: .account) }
        let seed = s.pay("S", "VA", "M1", "100", at: 1)
        s.pay("A", "M1", "M2", "60", at: 2)
        s.pay("B", "M1", "M3", "40", at: 3)
        s.pay("C", "M3", "M2", "40", at: 4)
        s.pay("D", "M2", "N", "1", at: 0)    // before the money came: not on the chain
        _ = try! s.builder.addReport(id: "R1", transfer: seed, victim: victim)
        let c = s.freeze()
        let trace = Tracer(policy: .fifo).run(on: c, ledger: Ledger(c.transfers), seeds: Tracer.reportedTransfers(in: c))
        let p = AccountProvenance(account: c.entity("M2"), trace: trace, case: c)
        #expect(p.sources.count == 1)
        let source = p.sources[0]
        #expect(source.amount == units("100"))  // 60 + 40; the 1 left before any of it came
        #expect(source.reports == [0])
        #expect(source.victims == [victim])
        #expect(source.chain.map { c.transfers.id($0) } == ["S", "A"])
        #expect(source.transfers.map { c.transfers.id($0) } == ["S", "A", "B", "C"])
        #expect(AccountProvenance(account: c.entity("N"), trace: trace, case: c).sources.isEmpty)
    }

    @Test("a cash withdrawal to the same account brings it no tainted money, so it is not on the path")
    func cashWithdrawalIsNotOnThePath() {
        var s = CaseSketch(accounts: ["V", "M", "N"])
        s.pay("S", "V", "M", "10", at: 1)
        s.pay("W", "M", "N", "4", at: 2, channel: "cash_out")  // exits; N gets clean money
        s.pay("A", "M", "N", "6", at: 3)
        let c = s.freeze()
        let trace = Tracer(policy: .fifo).run(on: c, ledger: Ledger(c.transfers), seeds: [c.transfer("S")])
        #expect(trace.transfers.map { c.transfers.id($0) } == ["S", "W", "A"])  // W listed as the exit it is
        let source = AccountProvenance(account: c.entity("N"), trace: trace, case: c).sources[0]
        #expect(source.amount == units("6"))
        #expect(source.transfers.map { c.transfers.id($0) } == ["S", "A"])
        #expect(source.chain.map { c.transfers.id($0) } == ["S", "A"])
        #expect(source.positions.map { trace.transfers[$0] } == source.transfers)
    }
}
