import FraudGraph
import GraphvizExport
import Interchange
import MoneyFlow

/// Section 3: where the reported money went: totals, the trace of the main reports,
/// what can be frozen (by country and bank), the cash withdrawals, and the
/// laundering patterns found.
struct MoneyFlowSection {
    let a: CaseAnalysis

    /// Most reported payments drawn together in one trace picture.
    static let paymentsTogether = 30

    func blocks(_ out: inout BriefOutputs) -> [Block] {
        let c = a.c, t = c.transfers, trace = a.trace, settings = a.settings
        var blocks: [Block] = [.pageBreak, .heading(level: 1, text: "Money flow", anchor: "money")]
        guard !trace.seeds.isEmpty else {
            blocks.append(.paragraph([.text("The case has no victim reports, so no payment was traced.")]))
            return blocks + patternBlocks(&out)
        }
        blocks.append(.paragraph([
            .text("Each reported payment was followed from the victim's account, transfer by transfer in time order, until the money was still held in an account, withdrawn as cash, or could no longer be told apart. "),
            .text("Where an account held both victims' money and other money, the "), .strong(settings.policy.rawValue),
            .text(" rule decided which left first: \(PolicyWords.rule(settings.policy))."),
        ]))

        // MARK: - Totals per currency
        let totals = a.policyTotals[0].totals.sorted { ($0.value.reported, $1.key) > ($1.value.reported, $0.key) }
        blocks.append(.table(BriefTable(caption: "Where the reported money is, under \(settings.policy.rawValue)",
                                        header: ["Currency", "Payments", "Reported", "Still held", "Gone as cash", "Not followed", "Held share"],
                                        numeric: [1, 2, 3, 4, 5, 6],
                                        rows: totals.map { currency, o in
                                            [BriefText.cell(currency), BriefText.cell(o.seeds.formatted()),
                                             [.money(Money(units: o.reported), currency: currency)], [.money(Money(units: o.held), currency: currency)],
                                             [.money(Money(units: o.exited), currency: currency)], [.money(Money(units: o.cut + o.rounding), currency: currency)],
                                             BriefText.cell(BriefText.percent(o.held, of: o.reported))]
                                        })))

        // MARK: - The main reports, each traced
        let reportsOf = c.reports.reportsByTransfer()
        let biggest = trace.seeds.indices.sorted { (t.amount[Int(trace.seeds[$0])], -$0) > (t.amount[Int(trace.seeds[$1])], -$1) }
        blocks.append(.heading(level: 2, text: "The largest reported payments", anchor: "traces"))
        for s in biggest.prefix(settings.reportsShown) {
            let seed = trace.seeds[s]
            let reports = reportsOf[seed] ?? []
            let reportNames = reports.map { c.reports.id($0) }.joined(separator: ", ")
            let victims = reports.compactMap { r -> String? in
                let v = c.reports.victim[Int(r)]
                return v >= 0 ? BriefText.entity(c, v) : nil
            }
            let currency = t.currencyOf(seed)
            let o = trace.totals[s]
            blocks.append(.heading(level: 3, text: "Report \(reportNames.isEmpty ? t.id(seed) : reportNames)", anchor: "trace-\(s)"))
            blocks.append(.facts([
                ("Victim", [.text(victims.isEmpty ? "not named" : victims.joined(separator: "; "))]),
                ("Payment", [.code(t.id(seed)), .text(" of "), .money(t.money(seed), currency: currency),
                             .text(" on \(BriefText.day(t.time[Int(seed)])) from "), .text(BriefText.entity(c, t.source[Int(seed)])),
                             .text(" to "), .text(BriefText.entity(c, t.target[Int(seed)]))]),
                ("Where it is", [.text("held "), .money(Money(units: o.held), currency: currency), .text(", gone as cash "),
                                 .money(Money(units: o.exited), currency: currency), .text(", not followed "),
                                 .money(Money(units: o.cut + o.rounding), currency: currency)]),
            ]))
            let diagram = TraceDiagram().build(c, trace: MoneyTrace(trace, in: c, seeds: [s]))
            blocks.append(.figure(out.figures.figure(diagram, name: "trace-\(t.id(seed))".filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" },
                                                     caption: "Where the money of payment \(t.id(seed)) went, hop by hop; line width follows the amount.")))
        }
        if trace.seeds.count > 1 {
            // Together: every payment in a small case, the largest ones in a big case.
            let together = min(trace.seeds.count, MoneyFlowSection.paymentsTogether)
            let all = TraceDiagram().build(c, trace: MoneyTrace(trace, in: c, seeds: together == trace.seeds.count ? nil : Set(biggest.prefix(together))))
            let caption = together == trace.seeds.count
                ? "All \(trace.seeds.count.formatted()) reported payments together: the largest flows."
                : "The \(together) largest of the \(trace.seeds.count.formatted()) reported payments together: the largest flows."
            blocks.append(.figure(out.figures.figure(all, name: "trace-all", caption: caption)))
        }

        blocks += freezeBlocks(&out)
        blocks += cashOutBlocks(&out)
        blocks += patternBlocks(&out)
        return blocks
    }

    // MARK: - What can be frozen

    private func freezeBlocks(_ out: inout BriefOutputs) -> [Block] {
        let c = a.c, list = a.freeze, rows = a.settings.tableRows
        var blocks: [Block] = [.heading(level: 2, text: "What can be frozen", anchor: "freeze")]
        guard !list.entries.isEmpty else {
            return blocks + [.paragraph([.text("No account still holds victims' money under \(a.settings.policy.rawValue).")])]
        }
        blocks.append(.paragraph([.text("Victims' money still held at the end of the data, by country and bank, biggest first. A freeze request per country is in "),
                                  .code("tables/freeze-CC.csv"), .text("; section 5 groups them by country.")]))
        blocks.append(.table(BriefTable(caption: "Freeze list by country and bank",
                                        header: ["Country", "Bank", "Accounts", "Amount"], numeric: [2, 3],
                                        rows: list.groups.prefix(rows).map { g in
                                            [BriefText.cell(BriefText.country(g.country)), BriefText.cell(g.bank ?? "(unknown)"),
                                             BriefText.cell(g.accounts.formatted()), [.money(Money(units: g.amount), currency: g.currency)]]
                                        }, omitted: max(0, list.groups.count - rows))))
        // The accounts holding most: a row per account and currency (sums across
        // currencies mean nothing); under poison every entry of an account is its whole
        // balance, counted once.
        struct Holder: Hashable { let account: Int32, currency: String }
        let whole = !list.policy.conservesMoney
        var byHolder: [Holder: (amount: Int64, seeds: Int, entry: FreezeList.Entry)] = [:]
        for e in list.entries {
            let key = Holder(account: e.account, currency: whole ? "" : e.currency)
            let old = byHolder[key]
            byHolder[key] = (list.policy.combined(old?.amount ?? 0, e.amount), (old?.seeds ?? 0) + 1, old?.entry ?? e)
        }
        let top = byHolder.sorted { ($0.value.amount, -$0.key.account, $1.key.currency) > ($1.value.amount, -$1.key.account, $0.key.currency) }
        let shown = top.prefix(rows).map(\.key.account)
        let holders = MoneyFlowSection.holders(of: Set(shown), in: c)
        blocks.append(.table(BriefTable(caption: "Accounts holding most victims' money",
                                        header: ["Account", "Held by", "Country", "Bank", "Payments", "Amount", "Ring"], numeric: [4, 5, 6],
                                        rows: top.prefix(rows).map { holder, v in
                                            let account = holder.account
                                            return [[.code(c.entities.id(account))],
                                             BriefText.cell(holders[account].map { $0.map { BriefText.entity(c, $0) + (c.entities.kind[Int($0)] == EntityKind.Code.organization ? " (organisation)" : "") }.joined(separator: "; ") } ?? "not recorded"),
                                             BriefText.cell(BriefText.country(v.entry.country)),
                                             BriefText.cell(v.entry.bank ?? "(unknown)"), BriefText.cell(v.seeds.formatted()),
                                             [.money(Money(units: v.amount), currency: v.entry.currency)],
                                             BriefText.cell(a.ringOf[Int(account)] > 0 ? String(a.ringOf[Int(account)]) : "–")]
                                        }, omitted: max(0, top.count - rows))))
        if shown.contains(where: { holders[$0]?.contains { c.entities.kind[Int($0)] == EntityKind.Code.organization } == true }) {
            blocks.append(.note([.text("Money held in an organisation's account (an exchange, a payment firm, a shop) is pooled with its customers' money: the request goes to the organisation, to find which customer accounts took the victims' money.")]))
        }
        let header = ["account", "name", "country", "bank", "external", "currency", "amount", "seed_transfer", "ring"]
        func row(_ e: FreezeList.Entry) -> [String] {
            [c.entities.id(e.account), c.entities.name[Int(e.account)], e.country ?? "", e.bank ?? "", e.external ? "true" : "false",
             e.currency, Money(units: e.amount).description, c.transfers.id(e.seedTransfer), a.ringOf[Int(e.account)] > 0 ? String(a.ringOf[Int(e.account)]) : ""]
        }
        out.table("freeze.csv", header: header, rows: list.entries.map(row))
        var names = UniqueFileNames(reserved: ["freeze.csv"])
        for country in list.countries {
            let name = BriefText.country(country).filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
            out.table(names.claim("freeze-\(name.isEmpty ? "unknown" : name).csv"), header: header, rows: list.entries(in: country).map(row))
        }
        return blocks
    }

    // MARK: - Cash withdrawals

    private func cashOutBlocks(_ out: inout BriefOutputs) -> [Block] {
        let c = a.c, trace = a.trace, t = c.transfers
        var blocks: [Block] = [.heading(level: 2, text: "Cash withdrawals", anchor: "cash")]
        var byAccount: [Int32: (amount: [String: Int64], count: Int, last: Int64)] = [:]
        for (i, x) in trace.exits.enumerated() {
            let account = trace.exitAccounts[i]
            var v = byAccount[account] ?? ([:], 0, 0)
            v.amount[t.currencyOf(x), default: 0] += trace.tainted(trace.exitShares, row: i)
            v.count += 1
            v.last = max(v.last, t.time[Int(x)])
            byAccount[account] = v
        }
        guard !byAccount.isEmpty else {
            return blocks + [.paragraph([.text("None of the reported money was withdrawn as cash.")])]
        }
        let sorted = byAccount.sorted { ($0.value.amount.values.reduce(0, +), -$0.key) > ($1.value.amount.values.reduce(0, +), -$1.key) }
        blocks.append(.paragraph([.text("Victims' money withdrawn as cash is gone from the banking system: \(BriefText.count(trace.exits.count, "withdrawal")) from \(BriefText.count(byAccount.count, "account")). Where and when, so that cameras, cash desks and couriers can be checked:")]))
        blocks.append(.table(BriefTable(caption: "Accounts that withdrew victims' money as cash",
                                        header: ["Account", "Country", "Withdrawals", "Victims' money", "Last withdrawal"], numeric: [2, 3],
                                        rows: sorted.prefix(a.settings.tableRows).map { account, v in
                                            [[.code(c.entities.id(account))], BriefText.cell(BriefText.country(c.entities.countryOf(account))),
                                             BriefText.cell(v.count.formatted()), BriefText.money(v.amount), BriefText.cell(BriefText.day(v.last))]
                                        }, omitted: max(0, sorted.count - a.settings.tableRows))))
        out.table("cash-outs.csv", header: ["transfer", "account", "country", "time", "currency", "tainted"],
                  rows: trace.exits.enumerated().map { i, x in
                      [t.id(x), c.entities.id(trace.exitAccounts[i]), c.entities.countryOf(trace.exitAccounts[i]) ?? "",
                       Timestamp.iso8601(t.time[Int(x)]), t.currencyOf(x), Money(units: trace.tainted(trace.exitShares, row: i)).description]
                  })
        return blocks
    }

    // MARK: - Laundering patterns

    private func patternBlocks(_ out: inout BriefOutputs) -> [Block] {
        let c = a.c, found = a.patterns
        var blocks: [Block] = [.heading(level: 2, text: "Laundering patterns", anchor: "patterns")]
        guard !found.isEmpty else { return blocks + [.paragraph([.text("No laundering pattern was found.")])] }
        blocks.append(.paragraph([.text("Shapes of transfers that launderers use to break the trail, found in the whole ledger (reported or not): money passed on within hours through fans, chains, cycles and layers. Each finding is scored 0 to 1: the share passed on, times how fast; the strongest are those that moved the most money the fastest.")]))
        var byTypology: [Typology: (count: Int, accounts: Set<Int32>, transfers: Int)] = [:]
        for f in found {
            var v = byTypology[f.typology] ?? (0, [], 0)
            v.count += 1; v.accounts.formUnion(f.accounts); v.transfers += f.transfers.count
            byTypology[f.typology] = v
        }
        blocks.append(.table(BriefTable(caption: "Patterns found, by kind", header: ["Pattern", "Found", "Accounts", "Transfers"], numeric: [1, 2, 3],
                                        rows: Typology.allCases.compactMap { ty in
                                            byTypology[ty].map { v in
                                                [BriefText.cell(ty.rawValue.replacingOccurrences(of: "_", with: " ")), BriefText.cell(v.count.formatted()),
                                                 BriefText.cell(v.accounts.count.formatted()), BriefText.cell(v.transfers.formatted())]
                                            }
                                        })))
        // Strongest: the most money passed on, the fastest (amount × score).
        func strength(_ i: Int) -> Double { Double(found[i].amount) * found[i].score }
        let strongest = found.indices.sorted { (strength($0), -$0) > (strength($1), -$1) }
        blocks.append(.table(BriefTable(caption: "The strongest findings", header: ["Pattern", "Accounts", "Transfers", "Amount moved", "From", "To", "Score"],
                                        numeric: [2, 3, 6],
                                        rows: strongest.prefix(a.settings.tableRows).map { i in
                                            let f = found[i]
                                            let currency = f.transfers.first.map { c.transfers.currencyOf($0) } ?? ""
                                            let ids = f.accounts.prefix(3).map { c.entities.id($0) }.joined(separator: ", ") + (f.accounts.count > 3 ? ", … (\(f.accounts.count))" : "")
                                            return [BriefText.cell(f.typology.rawValue.replacingOccurrences(of: "_", with: " ")), [.code(ids)],
                                                    BriefText.cell(f.transfers.count.formatted()), [.money(Money(units: f.amount), currency: currency)],
                                                    BriefText.cell(BriefText.day(f.first)), BriefText.cell(BriefText.day(f.last)),
                                                    BriefText.cell(String(format: "%.2f", f.score))]
                                        }, omitted: max(0, found.count - a.settings.tableRows))))
        out.table("patterns.csv", header: ["pattern", "accounts", "transfers", "amount", "first", "last", "score"],
                  rows: strongest.map { i in
                      let f = found[i]
                      return [f.typology.rawValue, f.accounts.map { c.entities.id($0) }.joined(separator: ";"),
                              f.transfers.map { c.transfers.id($0) }.joined(separator: ";"), Money(units: f.amount).description,
                              Timestamp.iso8601(f.first), Timestamp.iso8601(f.last), String(format: "%.4f", f.score)]
                  })
        return blocks
    }

    /// The owners (`owns` links) of `accounts`.
    /// - Complexity: O(links).
    static func holders(of accounts: Set<Int32>, in c: Case) -> [Int32: [Int32]] {
        var out: [Int32: [Int32]] = [:]
        let l = c.links
        for i in 0 ..< l.count where l.kind[i] == LinkKind.Code.owns && accounts.contains(l.target[i]) {
            if out[l.target[i], default: []].contains(l.source[i]) == false { out[l.target[i], default: []].append(l.source[i]) }
        }
        return out
    }
}
