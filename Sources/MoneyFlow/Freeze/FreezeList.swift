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

    /// Countries with money to freeze, in order of the money there (largest first;
    /// nil, unknown, last).
    public var countries: [String?] {
        var seen: [String?] = []
        for g in groups where !seen.contains(where: { $0 == g.country }) { seen.append(g.country) }
        return seen.filter { $0 != nil } + seen.filter { $0 == nil }
    }

    /// The entries of `country` (nil: accounts whose country is unknown), biggest first.
    public func entries(in country: String?) -> [Entry] { entries.filter { $0.country == country } }

    /// The freeze list of `trace` (a trace of `c`).
    /// - Complexity: O(h log h) for h holdings.
    public init(trace: Trace, case c: Case) {
        policy = trace.policy
        let directory = AccountDirectory(c)
        var list: [Entry] = []
        for i in 0 ..< trace.holdingAccounts.count {
            let account = trace.holdingAccounts[i]
            for (seed, amount) in trace.holdingShares.shares(i) {
                let seedRow = trace.seeds[seed]
                list.append(Entry(account: account, seed: seed, seedTransfer: seedRow, amount: amount,
                                  currency: c.transfers.currencyOf(seedRow), country: directory.country(account),
                                  bank: directory.bank(account), external: directory.isExternal(account)))
            }
        }
        list.sort { ($1.amount, $0.account, $0.seed) < ($0.amount, $1.account, $1.seed) }
        entries = list

        struct Key: Hashable { let country: String?, bank: String?, currency: String }
        var members: [Key: [Int]] = [:]
        for (i, e) in list.enumerated() { members[Key(country: e.country, bank: e.bank, currency: e.currency), default: []].append(i) }
        var out: [Group] = []
        for (key, positions) in members {
            var seen = Set<Int32>()
            var amount: Int64 = 0
            for p in positions where seen.insert(list[p].account).inserted || trace.policy.conservesMoney {
                amount += list[p].amount
            }
            let accounts = seen.count
            out.append(Group(country: key.country, bank: key.bank, currency: key.currency, amount: amount,
                             accounts: accounts, entries: positions))
        }
        out.sort { a, b in
            if a.amount != b.amount { return a.amount > b.amount }
            return (a.country ?? "\u{10FFFF}", a.bank ?? "\u{10FFFF}", a.currency) < (b.country ?? "\u{10FFFF}", b.bank ?? "\u{10FFFF}", b.currency)
        }
        groups = out
    }
}
