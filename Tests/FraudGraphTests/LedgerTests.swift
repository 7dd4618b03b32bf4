import FraudGraph
import Testing

@Suite("Ledger")
struct LedgerTests {
    @Test("time order, ties in file order")
    func worked() {
        let order = Ledger.timeOrder([50, 10, 50, 10, 30])
        #expect(Array(order) == [1, 3, 4, 0, 2])
        #expect(Array(Ledger.timeOrder([])) == [])
        #expect(Array(Ledger.timeOrder([5, 5, 5])) == [0, 1, 2])
    }

    @Test("radix sort equals a stable comparison sort on random times", arguments: [10, 1000, 50_000])
    func random(n: Int) {
        var x: UInt64 = UInt64(n)
        let span: [Int64] = [1, 100, 1 << 40]
        for s in span {
            let times = ContiguousArray((0 ..< n).map { _ -> Int64 in
                x = x &* 6364136223846793005 &+ 1442695040888963407
                return Int64(x >> 24) % s - s / 2
            })
            let expected = (0 ..< n).sorted { (times[$0], $0) < (times[$1], $1) }.map { Int32($0) }
            #expect(Array(Ledger.timeOrder(times)) == expected)
        }
    }

    @Test("per-account lists in replay order")
    func accountLists() throws {
        var b = CaseBuilder()
        let a = try b.addEntity(id: "A", kind: .account)
        let c = try b.addEntity(id: "C", kind: .account)
        try b.addTransfer(id: "T1", from: a, to: c, amount: Money(whole: 1), time: 30)
        try b.addTransfer(id: "T2", from: c, to: a, amount: Money(whole: 2), time: 10)
        try b.addTransfer(id: "T3", from: a, to: c, amount: Money(whole: 3), time: 10)
        let k = b.freeze()
        #expect(!k.transfersInTimeOrder)
        let ledger = Ledger(k.transfers)
        #expect(Array(ledger.order) == [1, 2, 0])
        let lists = AccountTransfers(k, ledger: ledger)
        #expect(Array(lists.outgoing[lists.sentRange(a)]) == [2, 0])
        #expect(Array(lists.incoming[lists.receivedRange(a)]) == [1])
        #expect(Array(lists.incoming[lists.receivedRange(c)]) == [2, 0])
    }
}
