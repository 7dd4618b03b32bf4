import FraudGraph

/// The small phrases every section writes the same way: amounts per currency, counts
/// with their noun, dates, an entity by name and id.
enum BriefText {
    /// `1,250.50 USD, 300.00 EUR`, biggest first; "none" when empty.
    static func money(_ byCurrency: [String: Int64]) -> [Inline] {
        let items = byCurrency.filter { $0.value != 0 }.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        if items.isEmpty { return [.text("none")] }
        var out: [Inline] = []
        for (i, item) in items.enumerated() {
            if i > 0 { out.append(.text(", ")) }
            out.append(.money(Money(units: item.value), currency: item.key))
        }
        return out
    }

    /// "1 ring", "12 rings".
    static func count(_ n: Int, _ noun: String, plural: String? = nil) -> String {
        "\(n.formatted()) \(n == 1 ? noun : plural ?? noun + "s")"
    }

    /// `2024-03-01`.
    static func day(_ t: Int64) -> String { String(Timestamp.iso8601(t).prefix(10)) }

    /// The entity's name and id: `Ana Ruiz (P0000017)`, or the id alone.
    static func entity(_ c: Case, _ e: Int32) -> String {
        let name = c.entities.name[Int(e)]
        let id = c.entities.id(e)
        return name.isEmpty || name == id ? id : "\(name) (\(id))"
    }

    /// The share `part / whole` as a whole percentage, "–" for an empty whole.
    static func percent(_ part: Int64, of whole: Int64) -> String {
        guard whole > 0 else { return "–" }
        return "\((part * 100 + whole / 2) / whole)%"
    }

    /// Country code, or "unknown".
    static func country(_ code: String?) -> String { code.flatMap { $0.isEmpty ? nil : $0 } ?? "unknown" }

    /// A cell of one inline text.
    static func cell(_ text: String) -> [Inline] { [.text(text)] }
}
