import FraudGraph

/// The words a picture shows for an entity: its name, then its id and country, then
/// its role. Text comes from the case and is escaped when the DOT is written.
public enum EntityText {
    /// The name, or the id when the entity has no name.
    public static func title(_ c: Case, _ e: Int32) -> String { c.entities.displayName(e) }

    /// `id · country`, and the role (unless `withRole` is false) or "outside account"
    /// on a second line.
    public static func details(_ c: Case, _ e: Int32, withRole: Bool = true) -> [String] {
        let t = c.entities
        var first: [String] = []
        if !t.name.isEmpty(Int(e)) { first.append(t.id(e)) }
        if let country = t.countryOf(e) { first.append(country) }
        var lines: [String] = []
        if !first.isEmpty { lines.append(first.joined(separator: " · ")) }
        // What the case says of an account's bank or an organisation's trade.
        for attribute in ["bank", "sector"] {
            if let value = t.attributes.value(attribute, row: e), !value.isEmpty { lines.append(value) }
        }
        if withRole, let role = t.roleOf(e) { lines.append(role) }
        if t.holdsMoney(e) && t.isExternal(e) { lines.append("outside account") }
        return lines
    }

    /// Everything known, for a tooltip: kind, name, id, country, role.
    public static func tooltip(_ c: Case, _ e: Int32) -> String {
        let t = c.entities
        var parts = ["\(t.kindOf(e).name) \(t.displayName(e))", "id: \(t.id(e))"]
        if let country = t.countryOf(e) { parts.append("country: \(country)") }
        if let role = t.roleOf(e) { parts.append("role: \(role)") }
        for (name, value) in t.attributes.values(row: e) where !value.isEmpty { parts.append("\(name): \(value)") }
        return parts.joined(separator: "\n")
    }

    /// An amount with its currency, for people: `12,500.00 USD`.
    public static func amount(_ money: Money, _ currency: String) -> String {
        money.readable + " " + currency
    }

    /// `1 person`, `3 people`, `2 accounts`: a count of entities of a kind.
    public static func count(_ n: Int, kind: String) -> String {
        switch kind {
        case "person": count(n, "person", "people")
        case "ip": count(n, "IP", "IPs")
        case "": count(n, "entity", "entities")
        default: count(n, kind)
        }
    }

    /// `1 transfer`, `3 transfers`, `10,489,008 transfers`.
    public static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        grouped(n) + " " + (n == 1 ? singular : plural ?? singular + "s")
    }

    /// `10,489,008`.
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = n < 0 ? "-" : ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return out
    }
}
