import FraudGraph
import Foundation
import Interchange
import MoneyFlow

/// The renderings of a `FreezeList`: a table, the grouped CSV, JSON, and one CSV per
/// country for a request to that country's police.
enum FreezeReport {
    static let groupColumns = ["country", "bank", "currency", "accounts", "amount"]
    static let entryColumns = ["account", "name", "country", "bank", "external", "currency", "amount",
                               "seed_transfer", "seed_time", "reports", "victims"]

    static func table(_ list: FreezeList, _ c: Case, limit: Int) -> String {
        var lines: [String] = []
        lines.append("Freeze list under \(list.policy.rawValue): tainted money still held, by country and bank, biggest first")
        if list.policy == .poison { lines.append("(poison is an upper bound: whole balances of every touched account, each counted once)") }
        lines.append("")
        lines.append(pad("Country", 9) + pad("Bank", 32) + pad("Cur", 5) + pad("Accounts", 9, right: true) + pad("Amount", 20, right: true))
        for g in list.groups.prefix(limit) {
            lines.append(pad(g.country ?? "unknown", 9) + pad(g.bank ?? "(unknown)", 32) + pad(g.currency, 5)
                + pad(String(g.accounts), 9, right: true) + pad(columnMoney(g.amount), 20, right: true))
        }
        if list.groups.count > limit { lines.append("... \(list.groups.count - limit) more groups (--limit)") }
        lines.append("")
        var byCountry: [String: [String: Int64]] = [:]
        for g in list.groups { byCountry[g.country ?? "unknown", default: [:]][g.currency, default: 0] += g.amount }
        lines.append("By country:")
        for country in list.countries {
            let key = country ?? "unknown"
            let sums = byCountry[key, default: [:]].sorted { $0.key < $1.key }.map { "\(exactMoney($0.value)) \($0.key)" }
            lines.append("  " + pad(key, 9) + sums.joined(separator: ", ") + "  (\(list.entryPositions(in: country).count) holdings)")
        }
        return tableText(lines)
    }

    static func groupsCSV(_ list: FreezeList) -> String {
        var rows = [csvLine(groupColumns)]
        for g in list.groups {
            rows.append(csvLine([g.country ?? "", g.bank ?? "", g.currency, String(g.accounts), Money(units: g.amount).description]))
        }
        return rows.joined(separator: "\n")
    }

    static func json(_ list: FreezeList, _ c: Case) -> String {
        var w = JSONByteWriter()
        w.beginObject()
        w.key("policy"); w.string(list.policy.rawValue)
        w.key("groups")
        w.beginArray()
        for g in list.groups {
            w.beginObject()
            w.key("country"); w.string(g.country)
            w.key("bank"); w.string(g.bank)
            w.key("currency"); w.string(g.currency)
            w.key("accounts"); w.int(g.accounts)
            w.key("amount"); w.money(g.amount)
            w.key("holdings")
            w.beginArray()
            for i in g.entries {
                let e = list.entries[i]
                w.beginObject()
                w.key("account"); w.string(c.entities.id(e.account))
                w.key("external"); w.bool(e.external)
                w.key("seed"); w.string(c.transfers.id(e.seedTransfer))
                w.key("amount"); w.money(e.amount)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.text
    }

    /// The columns a freeze request gives each seed transfer (id, time, reports,
    /// victims), made once for all the country files.
    struct SeedColumns {
        private var fields: [Int32: [String]] = [:]
        private let reportsOf: [Int32: [Int32]]
        private let c: Case

        init(_ c: Case) {
            self.c = c
            reportsOf = c.reports.reportsByTransfer()
        }

        mutating func fields(of seedTransfer: Int32) -> [String] {
            if let known = fields[seedTransfer] { return known }
            let reports = reportsOf[seedTransfer] ?? []
            var victims: [String] = []
            for r in reports where c.reports.victim[Int(r)] >= 0 {
                let v = c.entities.id(c.reports.victim[Int(r)])
                if !victims.contains(v) { victims.append(v) }
            }
            let made = [c.transfers.id(seedTransfer), Timestamp.iso8601(c.transfers.time[Int(seedTransfer)]),
                        reports.map { c.reports.id($0) }.joined(separator: ";"), victims.joined(separator: ";")].map(CSVWriter.spreadsheetSafe)
            fields[seedTransfer] = made
            return made
        }
    }

    /// One row per (account, seed) of `country`, written to `path`: what a freeze
    /// request carries. An account's columns are made once per file, a seed's once
    /// for all files (`seeds`), however many rows repeat them.
    static func writeCountryCSV(_ list: FreezeList, country: String?, _ c: Case, seeds: inout SeedColumns, to path: String) throws {
        let out = try CSVWriter(path: path)
        try out.row(entryColumns)
        var accountFields: [Int32: [String]] = [:]
        for p in list.entryPositions(in: country) {
            let e = list.entries[p]
            let account = accountFields[e.account] ?? {
                let made = [c.entities.id(e.account), c.entities.name[Int(e.account)], e.country ?? "", e.bank ?? "",
                            e.external ? "true" : "false"].map(CSVWriter.spreadsheetSafe)
                accountFields[e.account] = made
                return made
            }()
            for f in account { out.field(f) }
            out.field(CSVWriter.spreadsheetSafe(e.currency))
            out.rawField { Money(units: e.amount).append(to: &$0, fractionDigits: 4) }
            for f in seeds.fields(of: e.seedTransfer) { out.field(f) }
            try out.endRow()
        }
        try out.finish()
    }

    /// The file name of a country's request: `freeze-KH.csv`, `freeze-unknown.csv`.
    /// Country codes from the data are reduced to letters, digits, `-` and `_`.
    static func countryFileName(_ country: String?) -> String {
        guard let country else { return "freeze-unknown.csv" }
        let safe = String(country.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" }.map(Character.init))
        return "freeze-\(safe.isEmpty ? "unnamed" : safe).csv"
    }

    /// A CSV line (RFC 4180): fields with `,`, `"`, CR or LF are quoted. Fields that
    /// a spreadsheet would run as a formula get a leading `'` (`CSVWriter.spreadsheetSafe`).
    static func csvLine(_ fields: [String]) -> String {
        fields.map { CSVWriter.quotedField(CSVWriter.spreadsheetSafe($0)) }.joined(separator: ",")
    }
}
