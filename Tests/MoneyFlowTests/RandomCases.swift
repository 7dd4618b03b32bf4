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
    static func make(_ rng: inout SplitMix, accounts: Int = 5, transfers: Int = 30) -> (Case, [Int32]) {
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
            let currency = rng.below(6) == 0 ? "EUR" : "USD"
            let channel = rng.below(8) == 0 ? "cash_out" : "bank"
            rows.append(try! b.addTransfer(id: "T\(i)", from: from, to: to, amount: Money(units: units), time: time,
                                           currency: currency, channel: channel))
        }
        var seeds: [Int32] = []
        for _ in 0 ..< 1 + rng.below(4) { seeds.append(rows[rng.below(rows.count)]) }
        return (b.freeze(), seeds)
    }
}
