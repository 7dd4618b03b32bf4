import FraudGraph
import MoneyFlow

/// Section 5: per country, what a partner police force needs: the accounts to freeze
/// there, the people and dens located there, and the victims' money that crossed its
/// border.
struct CooperationSection {
    let a: CaseAnalysis

    struct CountryRow {
        var freezeAccounts = Set<Int32>()
        var freeze: [String: Int64] = [:]
        var people = 0
        var victims = 0
        var dens: [Int32] = []
        var moneyIn: [String: Int64] = [:]
        var moneyOut: [String: Int64] = [:]
        var weight: Int64 { freeze.values.reduce(0, +) + moneyIn.values.reduce(0, +) + moneyOut.values.reduce(0, +) }
    }

    func blocks(_ out: inout BriefOutputs) -> [Block] {
        let c = a.c, e = c.entities, trace = a.trace
        var blocks: [Block] = [.pageBreak, .heading(level: 1, text: "International cooperation", anchor: "cooperation")]

        // MARK: - Per country
        var rows: [String: CountryRow] = [:]
        // From the groups, which count an account's whole balance once under poison.
        for g in a.freeze.groups {
            let key = BriefText.country(g.country)
            for p in g.entries { rows[key, default: CountryRow()].freezeAccounts.insert(a.freeze.entries[p].account) }
            rows[key, default: CountryRow()].freeze[g.currency, default: 0] += g.amount
        }
        var isVictim = [Bool](repeating: false, count: e.count)
        for r in 0 ..< c.reports.count where c.reports.victim[r] >= 0 { isVictim[Int(c.reports.victim[r])] = true }
        let roster = a.hierarchy.roster
        let threat = RingsSection.threatNumbers(a)
        for p in 0 ..< e.count {
            let kind = e.kind[p]
            if kind == EntityKind.Code.den {
                rows[BriefText.country(e.countryOf(Int32(p))), default: CountryRow()].dens.append(Int32(p))
            } else if kind == EntityKind.Code.person {
                if isVictim[p] {
                    rows[BriefText.country(e.countryOf(Int32(p))), default: CountryRow()].victims += 1
                } else if (a.ringOf[p] > 0 && threat.contains(a.ringOf[p])) || (p < roster.denOf.count && roster.denOf[p] >= 0) {
                    rows[BriefText.country(e.countryOf(Int32(p))), default: CountryRow()].people += 1
                }
            }
        }
        let flows = CrossBorderFlows(c, transfers: trace.transfers, amounts: { trace.tainted(trace.transferShares, row: $0) })
        for f in flows.flows {
            rows[f.from, default: CountryRow()].moneyOut[f.currency, default: 0] += f.amount.units
            rows[f.to, default: CountryRow()].moneyIn[f.currency, default: 0] += f.amount.units
        }
        let countries = rows.filter { $0.value.weight > 0 || $0.value.people > 0 || !$0.value.dens.isEmpty }
            .sorted { ($0.value.freeze.values.reduce(0, +), $0.value.people, $1.key) > ($1.value.freeze.values.reduce(0, +), $1.value.people, $0.key) }
        blocks.append(.paragraph([
            .text("What each country's police can act on: accounts in their country that still hold victims' money, suspects (people in a ring or placed in a den, by the country recorded for them; victims are counted apart) and dens located there, and victims' money that crossed their border, under the \(a.settings.policy.rawValue) rule."),
        ]))
        blocks.append(.table(BriefTable(caption: "Per country", header: ["Country", "Accounts to freeze", "Amount to freeze", "Suspects", "Dens", "Victims", "Victims' money in", "Victims' money out"],
                                        numeric: [1, 2, 3, 5, 6, 7],
                                        rows: countries.prefix(max(a.settings.tableRows, 40)).map { key, r in
                                            [[.strong(key)], BriefText.cell(r.freezeAccounts.count.formatted()), BriefText.money(r.freeze),
                                             BriefText.cell(r.people.formatted()),
                                             BriefText.cell(r.dens.isEmpty ? "–" : r.dens.prefix(4).map { e.id($0) }.joined(separator: ", ") + (r.dens.count > 4 ? ", …" : "")),
                                             BriefText.cell(r.victims.formatted()), BriefText.money(r.moneyIn), BriefText.money(r.moneyOut)]
                                        }, omitted: max(0, countries.count - max(a.settings.tableRows, 40)))))
        out.table("cooperation.csv", header: ["country", "freeze_accounts", "freeze_amount", "suspects", "dens", "victims", "money_in", "money_out"],
                  rows: countries.map { key, r in
                      func text(_ m: [String: Int64]) -> String { m.sorted { $0.key < $1.key }.map { "\(Money(units: $0.value)) \($0.key)" }.joined(separator: ";") }
                      return [key, String(r.freezeAccounts.count), text(r.freeze), String(r.people), r.dens.map { e.id($0) }.joined(separator: ";"),
                              String(r.victims), text(r.moneyIn), text(r.moneyOut)]
                  })

        // MARK: - The border crossings
        blocks.append(.heading(level: 2, text: "Victims' money across borders", anchor: "borders"))
        if flows.flows.isEmpty {
            blocks.append(.paragraph([.text("No traced victims' money crossed a border between accounts whose country is known.")]))
        } else {
            blocks.append(.table(BriefTable(caption: "Victims' money that crossed a border, by route", header: ["From", "To", "Transfers", "Amount"], numeric: [2, 3],
                                            rows: flows.flows.prefix(a.settings.tableRows).map { f in
                                                [BriefText.cell(f.from), BriefText.cell(f.to), BriefText.cell(f.transfers.formatted()), [.money(f.amount, currency: f.currency)]]
                                            }, omitted: max(0, flows.flows.count - a.settings.tableRows))))
            out.table("cross-border.csv", header: ["from", "to", "currency", "transfers", "amount"],
                      rows: flows.flows.map { [$0.from, $0.to, $0.currency, String($0.transfers), $0.amount.description] })
        }
        return blocks
    }
}
