import FraudGraph

/// Money that crossed a border: transfers whose sending and receiving accounts are
/// in different countries, summed per (from country, to country, currency). What a
/// partner police force asks first: how much left our country, and for where.
public struct CrossBorderFlows: Sendable {
    public struct Flow: Sendable, Equatable {
        public var from: String
        public var to: String
        public var currency: String
        public var amount: Money
        public var transfers: Int
    }

    /// Flows, largest amount first (ties by countries), all currencies.
    public let flows: [Flow]

    /// Sums, for each transfer row and amount given (`amounts[i]` of `transfers[i]`,
    /// e.g. the victims' money a trace says it carried), the cross-border ones.
    /// Accounts with no country are left out.
    /// - Complexity: O(transfers given).
    public init(_ c: Case, transfers: some Collection<Int32>, amounts: (Int) -> Int64) {
        let t = c.transfers, e = c.entities
        let countries = e.countries.count, currencies = t.currencies.count
        var sums: [Int: (Int64, Int)] = [:]
        for (k, row) in transfers.enumerated() {
            let i = Int(row)
            let a = Int(e.country[Int(t.source[i])]), b = Int(e.country[Int(t.target[i])])
            guard a != 0, b != 0, a != b else { continue }
            let amount = amounts(k)
            guard amount > 0 else { continue }
            let key = (a * countries + b) * currencies + Int(t.currency[i])
            let old = sums[key] ?? (0, 0)
            sums[key] = (old.0 + amount, old.1 + 1)
        }
        flows = sums.map { key, value in
            let currency = key % currencies, pair = key / currencies
            return Flow(from: e.countries[UInt16(pair / countries)], to: e.countries[UInt16(pair % countries)],
                        currency: t.currencies[UInt16(currency)], amount: Money(units: value.0), transfers: value.1)
        }.sorted { ($0.amount, $1.from, $1.to, $1.currency) > ($1.amount, $0.from, $0.to, $0.currency) }
    }
}
