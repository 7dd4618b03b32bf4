import FraudGraph
import MoneyFlow

/// The renderings of a `Trace`: the JSON of `shared/spec/cli.md` and a table.
enum TraceReport {
    // MARK: - JSON

    /// `{"policy", "maxHops", "seeds", "transfers", "holdings", "exits"}` as in cli.md;
    /// seeds also carry `currency`, `rounding` (haircut dust, see tracing notes) and
    /// `reports`. One line break at the end; bytes, since a trace of every report in a
    /// large case is hundreds of MB (no copy through a `String`).
    static func json(_ trace: Trace, _ c: Case) -> [UInt8] {
        let t = c.transfers, e = c.entities
        let directory = AccountDirectory(c)
        let seedIDs = trace.seeds.map { t.id($0) }
        let reportsBySeed = reportIDsBySeed(trace, c)
        var w = JSONByteWriter()
        func tainted(_ shares: TaintShares, _ i: Int) {
            w.key("tainted")
            w.beginObject()
            for p in shares.range(i) {
                w.key(seedIDs[Int(shares.seed[p])])
                w.money(shares.amount[p])
            }
            w.endObject()
        }
        w.beginObject()
        w.key("policy"); w.string(trace.policy.rawValue)
        w.key("maxHops"); if let h = trace.maxHops { w.int(h) } else { w.null() }
        w.key("seeds")
        w.beginArray()
        for (s, row) in trace.seeds.enumerated() {
            let totals = trace.totals[s]
            w.beginObject()
            w.key("transfer"); w.string(seedIDs[s])
            w.key("amount"); w.money(totals.amount)
            w.key("held"); w.money(totals.held)
            w.key("exited"); w.money(totals.exited)
            w.key("cut"); w.money(totals.cut)
            w.key("rounding"); w.money(totals.rounding)
            w.key("currency"); w.string(t.currencyOf(row))
            w.key("reports")
            w.beginArray()
            for r in reportsBySeed[s] { w.string(r) }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.key("transfers")
        w.beginArray()
        for i in 0 ..< trace.transfers.count {
            let row = trace.transfers[i]
            w.beginObject()
            w.key("id"); w.string(t.id(row))
            w.key("from"); w.string(e.id(t.source[Int(row)]))
            w.key("to"); w.string(e.id(t.target[Int(row)]))
            w.key("time"); w.time(t.time[Int(row)])
            w.key("amount"); w.money(t.amount[Int(row)])
            w.key("hops"); w.int(Int(trace.transferHops[i]))
            tainted(trace.transferShares, i)
            w.endObject()
        }
        w.endArray()
        w.key("holdings")
        w.beginArray()
        for i in 0 ..< trace.holdingAccounts.count {
            let a = trace.holdingAccounts[i]
            w.beginObject()
            w.key("account"); w.string(e.id(a))
            w.key("country"); w.string(directory.country(a))
            w.key("bank"); w.string(directory.bank(a))
            w.key("external"); w.bool(directory.isExternal(a))
            tainted(trace.holdingShares, i)
            w.endObject()
        }
        w.endArray()
        w.key("exits")
        w.beginArray()
        for i in 0 ..< trace.exits.count {
            w.beginObject()
            w.key("transfer"); w.string(t.id(trace.exits[i]))
            w.key("account"); w.string(e.id(trace.exitAccounts[i]))
            tainted(trace.exitShares, i)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.finishedLine()
    }

    /// Report ids naming each seed transfer.
    static func reportIDsBySeed(_ trace: Trace, _ c: Case) -> [[String]] {
        var seedOf: [Int32: Int] = [:]
        for (s, row) in trace.seeds.enumerated() { seedOf[row] = s }
        var out = [[String]](repeating: [], count: trace.seeds.count)
        for r in 0 ..< c.reports.count {
            if let s = seedOf[c.reports.transfer[r]] { out[s].append(c.reports.id(Int32(r))) }
        }
        return out
    }

    // MARK: - Table

    static func table(_ trace: Trace, _ c: Case, limit: Int) -> String {
        let t = c.transfers, e = c.entities
        let directory = AccountDirectory(c)
        let reports = reportIDsBySeed(trace, c)
        var lines: [String] = []
        let hops = trace.maxHops.map { "max hops \($0)" } ?? "no hop limit"
        lines.append("Trace of \(trace.seeds.count) seed transfer\(trace.seeds.count == 1 ? "" : "s") under \(trace.policy.rawValue), \(hops)")
        if trace.policy == .poison {
            lines.append("(poison is an upper bound: which transfers and accounts are touched; its figures do not add up)")
        }
        lines.append("")
        lines.append(pad("Seed", 18) + pad("Report", 14) + pad("Cur", 5) + pad("Amount", 18, right: true) + pad("Held", 18, right: true)
            + pad("Exited", 18, right: true) + pad("Cut", 18, right: true))
        var order = Array(trace.seeds.indices)
        order.sort { (trace.totals[$1].amount, $0) < (trace.totals[$0].amount, $1) }
        for s in order.prefix(limit) {
            let x = trace.totals[s]
            lines.append(pad(t.id(trace.seeds[s]), 18) + pad(reports[s].first ?? "-", 14) + pad(t.currencyOf(trace.seeds[s]), 5)
                + pad(columnMoney(x.amount), 18, right: true) + pad(columnMoney(x.held), 18, right: true)
                + pad(columnMoney(x.exited), 18, right: true) + pad(columnMoney(x.cut), 18, right: true))
        }
        if order.count > limit { lines.append("  ... \(order.count - limit) more (--limit)") }
        var dust: [String: Int64] = [:]
        for (s, x) in trace.totals.enumerated() where x.rounding > 0 { dust[t.currencyOf(trace.seeds[s]), default: 0] += x.rounding }
        let rounding = dust.values.reduce(0, +)
        if rounding > 0 { lines.append("Haircut rounding: \(perCurrency(dust)) of dust removed from nearly wholly tainted senders") }
        if trace.policy.conservesMoney {
            let ok = trace.totals.allSatisfy { $0.addsUp }
            lines.append(ok ? "Every seed adds up: held + exited + cut\(rounding > 0 ? " + rounding" : "") = amount."
                            : "WARNING: a seed does not add up")
        }

        lines.append("")
        let deepest = trace.transferHops.max() ?? 0
        lines.append("Tainted transfers: \(trace.transfers.count), up to \(deepest) hop\(deepest == 1 ? "" : "s") from a seed")

        lines.append("")
        lines.append("Holdings: \(trace.holdingAccounts.count) account\(trace.holdingAccounts.count == 1 ? "" : "s") hold tainted money, biggest first")
        // One row per account and currency (sums across currencies mean nothing); under
        // poison every seed's share is the account's whole balance, shown once.
        let whole = !trace.policy.conservesMoney
        var rows: [(holding: Int, currency: String, amount: Int64, seeds: Int)] = []
        for i in 0 ..< trace.holdingAccounts.count {
            var perCurrency: [String: (amount: Int64, seeds: Int)] = [:]
            for k in trace.holdingShares.range(i) {
                let currency = whole ? "" : t.currencyOf(trace.seeds[Int(trace.holdingShares.seed[k])])
                let old = perCurrency[currency] ?? (0, 0)
                let amount = trace.holdingShares.amount[k]
                perCurrency[currency] = (trace.policy.combined(old.amount, amount), old.seeds + 1)
            }
            for (currency, x) in perCurrency { rows.append((i, currency, x.amount, x.seeds)) }
        }
        rows.sort { ($1.amount, $0.holding, $0.currency) < ($0.amount, $1.holding, $1.currency) }
        if !rows.isEmpty {
            lines.append("  " + pad("Account", 20) + pad("Country", 8) + pad("Bank", 32) + pad("Cur", 5) + pad("Held", 18, right: true) + "  Seeds")
        }
        for r in rows.prefix(limit) {
            let a = trace.holdingAccounts[r.holding]
            lines.append("  " + pad(e.id(a), 20) + pad(directory.country(a) ?? "-", 8) + pad(directory.bank(a) ?? (directory.isExternal(a) ? "(outside)" : "-"), 32)
                + pad(whole ? "all" : r.currency, 5) + pad(columnMoney(r.amount), 18, right: true) + "  \(r.seeds)")
        }
        if rows.count > limit { lines.append("  ... \(rows.count - limit) more (--limit)") }
        if whole && !rows.isEmpty { lines.append("  (poison: an account's whole balance, its currencies together, once however many seeds touched it)") }

        lines.append("")
        lines.append("Exits: \(trace.exits.count) cash withdrawal\(trace.exits.count == 1 ? "" : "s") carried tainted money out")
        for i in Array(0 ..< trace.exits.count).prefix(limit) {
            let row = trace.exits[i]
            let amount = trace.tainted(trace.exitShares, row: i)
            lines.append("  " + pad(t.id(row), 20) + pad(e.id(trace.exitAccounts[i]), 20) + pad(Timestamp.iso8601(t.time[Int(row)]), 22)
                + pad(t.currencyOf(row), 5) + pad(columnMoney(amount), 18, right: true))
        }
        if trace.exits.count > limit { lines.append("  ... \(trace.exits.count - limit) more (--limit)") }
        return tableText(lines)
    }

    // MARK: - Provenance (--at)

    static func provenanceJSON(_ p: AccountProvenance, _ trace: Trace, _ c: Case) -> String {
        let t = c.transfers, e = c.entities
        let directory = AccountDirectory(c)
        var w = JSONByteWriter()
        w.beginObject()
        w.key("policy"); w.string(trace.policy.rawValue)
        w.key("maxHops"); if let h = trace.maxHops { w.int(h) } else { w.null() }
        w.key("account"); w.string(e.id(p.account))
        w.key("country"); w.string(directory.country(p.account))
        w.key("bank"); w.string(directory.bank(p.account))
        w.key("external"); w.bool(directory.isExternal(p.account))
        w.key("held")
        w.beginArray()
        for s in p.sources {
            let seedRow = trace.seeds[s.seed]
            w.beginObject()
            w.key("transfer"); w.string(t.id(seedRow))
            w.key("amount"); w.money(s.amount)
            w.key("currency"); w.string(t.currencyOf(seedRow))
            w.key("reports"); w.beginArray(); for r in s.reports { w.string(c.reports.id(r)) }; w.endArray()
            w.key("victims")
            w.beginArray()
            for v in s.victims {
                w.beginObject()
                w.key("id"); w.string(e.id(v))
                w.key("name"); w.string(e.displayName(v))
                w.endObject()
            }
            w.endArray()
            w.key("chain"); w.beginArray(); for row in s.chain { w.string(t.id(row)) }; w.endArray()
            w.key("transfers")
            w.beginArray()
            for (row, k) in zip(s.transfers, s.positions) {
                let i = Int(row)
                w.beginObject()
                w.key("id"); w.string(t.id(row))
                w.key("from"); w.string(e.id(t.source[i]))
                w.key("to"); w.string(e.id(t.target[i]))
                w.key("time"); w.time(t.time[i])
                w.key("amount"); w.money(t.amount[i])
                w.key("hops"); w.int(Int(trace.transferHops[k]))
                w.key("tainted"); w.money(trace.transferShares.amount(ofSeed: s.seed, row: k))
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.text
    }

    /// `8,542.1346 USD, 3,115.7754 EUR`: sums per currency, by currency code (sums
    /// across currencies mean nothing).
    static func perCurrency(_ sums: [String: Int64]) -> String {
        sums.sorted { $0.key < $1.key }.map { "\(exactMoney($0.value)) \($0.key)" }.joined(separator: ", ")
    }

    static func provenanceTable(_ p: AccountProvenance, _ trace: Trace, _ c: Case, limit: Int) -> String {
        let t = c.transfers, e = c.entities
        let directory = AccountDirectory(c)
        var lines: [String] = []
        let place = [directory.country(p.account), directory.bank(p.account)].compactMap { $0 }.joined(separator: ", ")
        lines.append("Account \(e.id(p.account))\(place.isEmpty ? "" : " (\(place))")\(directory.isExternal(p.account) ? ", outside account" : "") under \(trace.policy.rawValue)")
        if p.sources.isEmpty {
            lines.append("holds no tainted money from the seeds traced")
            return tableText(lines)
        }
        let from = "from \(p.sources.count) seed transfer\(p.sources.count == 1 ? "" : "s")"
        if trace.policy.conservesMoney {
            var total: [String: Int64] = [:]
            for s in p.sources { total[t.currencyOf(trace.seeds[s.seed]), default: 0] += s.amount }
            lines.append("holds \(perCurrency(total)) of victims' money \(from)")
        } else {
            // Poison: every seed's share is the whole balance; it is not added up.
            let whole = p.sources.reduce(Int64(0)) { trace.policy.combined($0, $1.amount) }
            lines.append("its whole balance, \(exactMoney(whole)), counts as victims' money under poison, touched \(from)")
        }
        let sorted = p.sources.sorted { ($1.amount, $0.seed) < ($0.amount, $1.seed) }
        for s in sorted.prefix(limit) {
            let seedRow = trace.seeds[s.seed]
            lines.append("")
            let reports = s.reports.map { c.reports.id($0) }.joined(separator: ", ")
            let victims = s.victims.map { e.displayName($0) == e.id($0) ? e.id($0) : "\(e.displayName($0)) (\(e.id($0)))" }.joined(separator: ", ")
            lines.append("  \(exactMoney(s.amount)) \(t.currencyOf(seedRow)) from \(t.id(seedRow))"
                + (reports.isEmpty ? "" : ", reported in \(reports)") + (victims.isEmpty ? "" : " by \(victims)"))
            lines.append("    chain: " + s.chain.map { row in
                "\(t.id(row)) [\(e.id(t.source[Int(row)])) -> \(e.id(t.target[Int(row)])), \(Timestamp.iso8601(t.time[Int(row)]))]"
            }.joined(separator: " -> "))
            if s.transfers.count > s.chain.count {
                lines.append("    (\(s.transfers.count) transfers in all carried this money on paths into the account)")
            }
        }
        if sorted.count > limit { lines.append("  ... \(sorted.count - limit) more (--limit)") }
        return tableText(lines)
    }
}
