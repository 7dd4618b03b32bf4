import FraudGraph

/// A small deterministic generator (SplitMix64) for property tests.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

/// Random small cases that exercise every rule: few accounts (so money goes round),
/// equal times, two currencies, cash withdrawals, overdrafts, odd amounts for the
/// haircut's rounding, and a few seeds.
enum RandomCases {
    static func make(_ rng: inout SplitMix, accounts: Int = 5, transfers: Int = 30,
                     otherCurrencies: [String] = ["EUR"]) -> (Case, [Int32]) {
        var b = CaseBuilder()
        let n = 2 + rng.below(accounts)
        for i in 0 ..< n { _ = try! b.addEntity(id: "A\(i)", kind: .account) }
        let m = 1 + rng.below(transfers)
        var time: Int64 = 1000
        var rows: [Int32] = []
        for i in 0 ..< m {
            if rng.below(3) == 0 { time += Int64(rng.below(50)) - 10 }  // ties, and rows out of time order
            let from = Int32(rng.below(n)), to = Int32(rng.below(n))
            let units: Int64 = switch rng.below(4) {
            case 0: Int64(1 + rng.below(9))
            case 1: Int64(1 + rng.below(100)) * 10_000
            default: Int64(1 + rng.below(5_000_000))
            }
            let currency = rng.below(6) == 0 ? otherCurrencies[rng.below(otherCurrencies.count)] : "USD"
            let channel = rng.below(8) == 0 ? "cash_out" : "bank"
            rows.append(try! b.addTransfer(id: "T\(i)", from: from, to: to, amount: Money(units: units), time: time,
                                           currency: currency, channel: channel))
        }
        var seeds: [Int32] = []
        for _ in 0 ..< 1 + rng.below(4) { seeds.append(rows[rng.below(rows.count)]) }
        return (b.freeze(), seeds)
    }
}

extension RandomCases {
    /// Many victims' payments (each a seed) into a ring of mules that pass money round,
    /// withdraw some as cash and pass the rest on to two hubs: hub 0 only receives (in
    /// two currencies), hub 1 sends now and then. The hubs end up with holdings of
    /// hundreds of (seed, hops) kinds, arriving in many deposits between their sends.
    static func hubs(_ rng: inout SplitMix, victims: Int = 300, mules: Int = 12, transfers: Int = 2_500) -> (Case, [Int32]) {
        var b = CaseBuilder()
        let victim = (0 ..< victims).map { try! b.addEntity(id: "V\($0)", kind: .account) }
        let mule = (0 ..< mules).map { try! b.addEntity(id: "M\($0)", kind: .account) }
        let hub = (0 ..< 2).map { try! b.addEntity(id: "H\($0)", kind: .account) }
        var time: Int64 = 1000
        var seeds: [Int32] = []
        var row = 0
        let cash = try! b.addEntity(id: "ATM", kind: .account)
        func send(_ from: Int32, _ to: Int32, _ units: Int64, _ currency: String = "USD", channel: String = "bank") -> Int32 {
            row += 1
            time += Int64(rng.below(3))
            return try! b.addTransfer(id: "T\(row)", from: from, to: to, amount: Money(units: units), time: time,
                                      currency: currency, channel: channel)
        }
        for _ in 0 ..< transfers {
            switch rng.below(10) {
            case 0:
                let currency = rng.below(5) == 0 ? "EUR" : "USD"
                seeds.append(send(victim[rng.below(victims)], mule[rng.below(mules)], Int64(1 + rng.below(9_000_000)), currency))
            case 1, 2, 3:
                _ = send(mule[rng.below(mules)], mule[rng.below(mules)], Int64(1 + rng.below(3_000_000)))
            case 4:
                if rng.below(4) == 0 { _ = send(mule[rng.below(mules)], cash, Int64(1 + rng.below(2_000_000)), channel: "cash_out") }
            case 5, 6, 7:
                let currency = rng.below(8) == 0 ? "EUR" : "USD"
                _ = send(mule[rng.below(mules)], hub[rng.below(2)], Int64(1 + rng.below(4_000_000)), currency)
            default:
                if rng.below(20) == 0 { _ = send(hub[1], mule[rng.below(mules)], Int64(1 + rng.below(20_000_000))) }
            }
        }
        return (b.freeze(), seeds)
    }
}
