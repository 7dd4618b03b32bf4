/// Names in a Neo4j import header: labels, relationship types and property keys.
///
/// `neo4j-admin database import` reads each header field as `NAME:TYPE`, labels as a
/// `;`-separated list, and Cypher needs backticks around names that are not plain
/// identifiers. FraudGraph's kinds and attribute names are free text, so they are
/// made plain: letters, digits and `_` are kept, anything else becomes `_`.
enum Neo4jNames {
    /// A property key from an attribute name: `bank`, `note_2`, `attr_1st`.
    static func propertyKey(_ name: String) -> String {
        var out = ""
        for c in name.unicodeScalars {
            out.unicodeScalars.append(c.properties.isAlphabetic || ("0" ... "9").contains(c) || c == "_" ? c : "_")
        }
        if out.isEmpty || out.unicodeScalars.first.map({ ("0" ... "9").contains($0) }) == true { out = "attr_" + out }
        return out
    }

    /// A node label from an entity kind: `person` -> `Person`, `cash_point` -> `CashPoint`.
    static func label(forKind kind: String) -> String {
        switch kind {
        case "ip": return "IP"
        default: break
        }
        var out = ""
        var upper = true
        for c in kind.unicodeScalars {
            if c.properties.isAlphabetic || ("0" ... "9").contains(c) {
                out += upper ? String(c).uppercased() : String(c)
                upper = false
            } else {
                upper = true
            }
        }
        if out.isEmpty || out.unicodeScalars.first.map({ ("0" ... "9").contains($0) }) == true { out = "Kind" + out }
        return out
    }

    /// A relationship type from a link kind: `located_at` -> `LOCATED_AT`.
    static func relationshipType(forKind kind: String) -> String {
        var out = ""
        for c in kind.unicodeScalars {
            out += c.properties.isAlphabetic || ("0" ... "9").contains(c) ? String(c).uppercased() : "_"
        }
        if out.isEmpty || out.unicodeScalars.first.map({ ("0" ... "9").contains($0) }) == true { out = "LINK_" + out }
        return out
    }

    /// Unique property keys for `names`, none of them in `reserved`.
    static func uniqueKeys(_ names: [String], reserved: Set<String>) -> [String] {
        var taken = reserved
        return names.map { name in
            var key = propertyKey(name)
            if taken.contains(key) { key = "attr_" + key }
            var candidate = key
            var k = 2
            while taken.contains(candidate) { candidate = key + "_\(k)"; k += 1 }
            taken.insert(candidate)
            return candidate
        }
    }
}
