import FraudGraph

/// The freeze list of a trace: the tainted money still held at the end, account by
/// account and seed by seed, grouped by country and bank (and currency, since sums
/// across currencies mean nothing), the biggest group first. Each country's entries
/// are what a request to that country's police would carry.
///
/// Under poison a holding is the account's whole balance, the same for every seed
/// that marked it (an upper bound, not an allocation): a group counts each account's
/// balance once, however many seeds touched it.
public struct FreezeList: Sendable {
    /// One account's holding of one seed's money.
    public struct Entry: Sendable, Equatable {
        /// The account (entity index).
        public let account: Int32
        /// Seed number in the trace.
        public let seed: Int
        /// The seed transfer (row).
        public let seedTransfer: Int32
        /// In units of `currency`.
        public let amount: Int64
        /// The seed transfer's currency.
        public let currency: String
        /// The account's country and bank, where the case gives them.
        public let country: String?
        public let bank: String?
        /// Whether the account is outside the case (named only by transfers).
        public let external: Bool
    }

    /// The money held at one bank in one country, in one currency.
    public struct Group: Sendable, Equatable {
        /// nil: unknown.
        public let country: String?
        /// nil: unknown.
        public let bank: String?
        public let currency: String
        /// In units of `currency`.
        public let amount: Int64
        /// Distinct accounts.
        public let accounts: Int
        /// Positions in `entries`, biggest first.
        public let entries: [Int]
    }

    /// The policy of the trace.
    public let policy: TracePolicy
    /// Entries, biggest first (ties: account index, then seed).
    public let entries: [Entry]
    /// Groups, biggest first (ties: country, bank, currency).
    public let groups: [Group]
    /// Positions in `entries` of each country's entries (nil: unknown), ascending.
    private let positionsByCountry: [String?: [Int]]

    /// Countries with money to freeze, in order of the money there (largest first;
    /// nil, unknown, last).
    public var countries: [String?] {
        var seen: [String?] = []
        for g in groups where !seen.contains(where: { $0 == g.country }) { seen.append(g.country) }
        return seen.filter { $0 != nil } + seen.filter { $0 == nil }
    }

    /// Positions in `entries` of the entries of `country` (nil: accounts whose country
    /// is unknown), biggest first.
    public func entryPositions(in country: String?) -> [Int] { positionsByCountry[country] ?? [] }

    /// The entries of `country` (nil: accounts whose country is unknown), biggest first.
    public func entries(in country: String?) -> [Entry] { entryPositions(in: country).map { entries[$0] } }

    /// The freeze list of `trace` (a trace of `c`).
    /// - Complexity: O(h log h) for h holdings; an account's country, bank and group
    ///   are looked up once per currency it holds, not once per seed.
    public init(trace: Trace, case c: Case) {
        policy = trace.policy
        let directory = AccountDirectory(c)
        let seedCurrency = trace.seeds.map { c.transfers.currencyOf($0) }
        struct Key: Hashable { let country: String?, bank: String?, currency: String }
        var groupOfKey: [Key: Int] = [:]
        var keys: [Key] = []
        var list: [Entry] = []
        var groupOfEntry: [Int] = []
        list.reserveCapacity(trace.holdingShares.seed.count)
        groupOfEntry.reserveCapacity(trace.holdingShares.seed.count)
        for i in 0 ..< trace.holdingAccounts.count {
            let account = trace.holdingAccounts[i]
            let country = directory.country(account), bank = directory.bank(account), external = directory.isExternal(account)
            var currency: String?, group = -1
            for p in trace.holdingShares.range(i) {
                let seed = Int(trace.holdingShares.seed[p])
                if seedCurrency[seed] != currency {
                    currency = seedCurrency[seed]
                    let key = Key(country: country, bank: bank, currency: seedCurrency[seed])
                    if let g = groupOfKey[key] {
                        group = g
                    } else {
                        group = keys.count
                        groupOfKey[key] = group
                        keys.append(key)
                    }
                }
                let seedRow = trace.seeds[seed]
                list.append(Entry(account: account, seed: seed, seedTransfer: seedRow, amount: trace.holdingShares.amount[p],
                                  currency: seedCurrency[seed], country: country, bank: bank, external: external))
                groupOfEntry.append(group)
            }
        }
        var order = Array(list.indices)
        order.sort { i, j in (list[j].amount, list[i].account, list[i].seed) < (list[i].amount, list[j].account, list[j].seed) }
        entries = order.map { list[$0] }

        // Each group's positions, in entries order (biggest first).
        var members = [[Int]](repeating: [], count: keys.count)
        for (position, i) in order.enumerated() { members[groupOfEntry[i]].append(position) }
        var out: [Group] = []
        var byCountry: [String?: [Int]] = [:]
        for (g, key) in keys.enumerated() {
            var seen = Set<Int32>()
            var amount: Int64 = 0
            for p in members[g] where seen.insert(entries[p].account).inserted || trace.policy.conservesMoney {
                amount += entries[p].amount
            }
            out.append(Group(country: key.country, bank: key.bank, currency: key.currency, amount: amount,
                             accounts: seen.count, entries: members[g]))
            byCountry[key.country, default: []].append(contentsOf: members[g])
        }
        for country in byCountry.keys { byCountry[country]!.sort() }
        positionsByCountry = byCountry
        out.sort { a, b in
            if a.amount != b.amount { return a.amount > b.amount }
            return (a.country ?? "\u{10FFFF}", a.bank ?? "\u{10FFFF}", a.currency) < (b.country ?? "\u{10FFFF}", b.bank ?? "\u{10FFFF}", b.currency)
        }
        groups = out
    }
}
