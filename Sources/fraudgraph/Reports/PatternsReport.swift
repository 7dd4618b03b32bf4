import FraudGraph
import Foundation
import MoneyFlow

/// The renderings of pattern findings.
enum PatternsReport {
    static func json(_ findings: [PatternFinding], _ c: Case, finder: PatternFinder, score: PatternScore?) -> String {
        let t = c.transfers, e = c.entities
        var w = JSONByteWriter()
        w.beginObject()
        w.key("parameters")
        w.beginObject()
        w.key("windowHours"); w.int(Int(finder.window / 3600))
        w.key("passedOnShare"); w.double(finder.passedOnShare)
        w.key("relayShare"); w.double(finder.relayShare)
        w.key("minimumAmount"); w.money(finder.minimumAmount)
        w.key("hubSenders"); w.int(finder.hubSenders)
        w.key("hubRelaySenders"); w.int(finder.hubRelaySenders)
        w.key("maximumFan"); w.int(finder.maximumFan)
        w.key("passThroughShare"); w.double(finder.passThroughShare)
        w.endObject()
        w.key("counts")
        w.beginObject()
        for typology in Typology.allCases {
            w.key(typology.rawValue); w.int(findings.filter { $0.typology == typology }.count)
        }
        w.endObject()
        w.key("findings")
        w.beginArray()
        for f in findings {
            w.beginObject()
            w.key("typology"); w.string(f.typology.rawValue)
            w.key("score"); w.double(f.score)
            w.key("amount"); w.money(f.amount)
            w.key("first"); w.time(f.first)
            w.key("last"); w.time(f.last)
            w.key("accounts"); w.beginArray(); for a in f.accounts { w.string(e.id(a)) }; w.endArray()
            w.key("transfers"); w.beginArray(); for r in f.transfers { w.string(t.id(r)) }; w.endArray()
            w.endObject()
        }
        w.endArray()
        if let score {
            w.key("score")
            w.beginArray()
            for line in score.lines {
                w.beginObject()
                w.key("typology"); w.string(line.name)
                w.key("found"); w.int(line.found)
                w.key("truth"); w.int(line.truth)
                w.key("correct"); w.int(line.correct)
                w.key("precision"); w.double((line.precision * 1000).rounded() / 1000)
                w.key("recall"); w.double((line.recall * 1000).rounded() / 1000)
                w.endObject()
            }
            w.endArray()
        }
        w.endObject()
        return w.text
    }

    static func table(_ findings: [PatternFinding], _ c: Case, limit: Int, score: PatternScore?, seconds: Double) -> String {
        let t = c.transfers, e = c.entities
        var lines: [String] = []
        lines.append("Laundering patterns: \(findings.count) findings in \(String(format: "%.1f", seconds)) s")
        let counts = Typology.allCases.compactMap { ty -> String? in
            let n = findings.filter { $0.typology == ty }.count
            return n > 0 ? "\(ty.rawValue) \(n)" : nil
        }
        lines.append("  " + counts.joined(separator: ", "))
        lines.append("")
        lines.append(pad("Typology", 16) + pad("Score", 7, right: true) + pad("Amount", 18, right: true) + "  " + pad("First", 22) + "Accounts / transfers")
        for f in findings.prefix(limit) {
            let accounts = f.accounts.prefix(6).map { e.id($0) }.joined(separator: " ") + (f.accounts.count > 6 ? " +\(f.accounts.count - 6)" : "")
            lines.append(pad(f.typology.rawValue, 16) + pad(String(format: "%.3f", f.score), 7, right: true)
                + pad(columnMoney(f.amount), 18, right: true) + "  " + pad(Timestamp.iso8601(f.first), 22)
                + "\(accounts) / \(f.transfers.count): " + f.transfers.prefix(4).map { t.id($0) }.joined(separator: " ")
                + (f.transfers.count > 4 ? " ..." : ""))
        }
        if findings.count > limit { lines.append("... \(findings.count - limit) more (--limit, --format json)") }
        if let score {
            lines.append("")
            lines.append("Against truth/laundering.csv, transfer by transfer:")
            lines.append("  " + pad("Typology", 16) + pad("Found", 8, right: true) + pad("Truth", 8, right: true) + pad("Correct", 9, right: true)
                + pad("Precision", 11, right: true) + pad("Recall", 9, right: true))
            for l in score.lines {
                lines.append("  " + pad(l.name, 16) + pad(String(l.found), 8, right: true) + pad(String(l.truth), 8, right: true)
                    + pad(String(l.correct), 9, right: true) + pad(String(format: "%.3f", l.precision), 11, right: true)
                    + pad(String(format: "%.3f", l.recall), 9, right: true))
            }
        }
        return tableText(lines)
    }
}
