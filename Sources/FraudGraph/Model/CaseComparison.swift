extension Case {
    /// The first way in which `other` holds different facts from this case, or nil
    /// when they hold the same: the same entities (id, kind, name, country, role,
    /// attributes, outside or not), links, transfers and reports, row by row, compared
    /// by value (kind names, not codes). With `includingLayout`, headers and the
    /// exact written text must match too.
    ///
    /// Round-trip tests use it: read, write, read again, and expect nil.
    /// - Complexity: O(size of both cases).
    public func difference(from other: Case, includingLayout: Bool = false) -> String? {
        let a = entities, b = other.entities
        if a.count != b.count { return "entities: \(a.count) vs \(b.count)" }
        for e in 0 ..< Int32(a.count) {
            let i = Int(e)
            if a.id(e) != b.id(e) { return "entity \(e): id \(a.id(e)) vs \(b.id(e))" }
            if a.kinds[a.kind[i]] != b.kinds[b.kind[i]] { return "entity \(a.id(e)): kind \(a.kinds[a.kind[i]]) vs \(b.kinds[b.kind[i]])" }
            if a.name[i] != b.name[i] { return "entity \(a.id(e)): name \(a.name[i]) vs \(b.name[i])" }
            if a.countryOf(e) != b.countryOf(e) { return "entity \(a.id(e)): country" }
            if a.roleOf(e) != b.roleOf(e) { return "entity \(a.id(e)): role" }
            if a.isOutside[i] != b.isOutside[i] { return "entity \(a.id(e)): outside \(a.isOutside[i]) vs \(b.isOutside[i])" }
        }
        if let d = Case.attributeDifference("entities", a.attributes, b.attributes, rows: a.count) { return d }

        let l = links, m = other.links
        if l.count != m.count { return "links: \(l.count) vs \(m.count)" }
        for i in 0 ..< l.count {
            if a.id(l.source[i]) != b.id(m.source[i]) || a.id(l.target[i]) != b.id(m.target[i]) { return "link \(i + 1): ends" }
            if l.kinds[l.kind[i]] != m.kinds[m.kind[i]] { return "link \(i + 1): kind" }
            if l.time[i] != m.time[i] { return "link \(i + 1): time" }
            if l.weight[i] != m.weight[i] { return "link \(i + 1): weight \(l.weight[i]) vs \(m.weight[i])" }
        }
        if let d = Case.attributeDifference("links", l.attributes, m.attributes, rows: l.count) { return d }

        let t = transfers, u = other.transfers
        if t.count != u.count { return "transfers: \(t.count) vs \(u.count)" }
        for k in 0 ..< Int32(t.count) {
            let i = Int(k)
            if t.id(k) != u.id(k) { return "transfer \(k): id \(t.id(k)) vs \(u.id(k))" }
            if a.id(t.source[i]) != b.id(u.source[i]) || a.id(t.target[i]) != b.id(u.target[i]) { return "transfer \(t.id(k)): ends" }
            if t.amount[i] != u.amount[i] { return "transfer \(t.id(k)): amount \(t.money(k)) vs \(u.money(k))" }
            if t.time[i] != u.time[i] { return "transfer \(t.id(k)): time" }
            if t.currencyOf(k) != u.currencyOf(k) { return "transfer \(t.id(k)): currency" }
            if t.channelOf(k) != u.channelOf(k) { return "transfer \(t.id(k)): channel" }
        }
        if let d = Case.attributeDifference("transfers", t.attributes, u.attributes, rows: t.count) { return d }

        let r = reports, s = other.reports
        if r.count != s.count { return "reports: \(r.count) vs \(s.count)" }
        for k in 0 ..< Int32(r.count) {
            let i = Int(k)
            if r.id(k) != s.id(k) { return "report \(k): id" }
            if t.id(r.transfer[i]) != u.id(s.transfer[i]) { return "report \(r.id(k)): transfer" }
            if (r.victim[i] < 0) != (s.victim[i] < 0) || (r.victim[i] >= 0 && a.id(r.victim[i]) != b.id(s.victim[i])) {
                return "report \(r.id(k)): victim"
            }
            if r.reportedAt[i] != s.reportedAt[i] { return "report \(r.id(k)): reported_at" }
        }
        if let d = Case.attributeDifference("reports", r.attributes, s.attributes, rows: r.count) { return d }

        if includingLayout {
            for (name, x, y) in [("entities", a.layout, b.layout), ("links", l.layout, m.layout),
                                 ("transfers", t.layout, u.layout), ("reports", r.layout, s.layout)] where x != y {
                return "\(name): header or written text differs"
            }
            for k in 0 ..< t.count where t.textForm[k] != u.textForm[k] {
                return "transfer \(t.id(Int32(k))): written form differs"
            }
        }
        return nil
    }

    private static func attributeDifference(_ table: String, _ x: AttributeColumns, _ y: AttributeColumns, rows: Int) -> String? {
        // Columns are matched by name (any case); a column that holds no value is the
        // same as no column at all.
        for k in 0 ..< x.count {
            let other = y.column(named: x.names[k]).map { y.columns[$0] } ?? SparseStringColumn()
            if x.columns[k] != other { return "\(table): attribute \(x.names[k]) differs" }
        }
        for k in 0 ..< y.count where x.column(named: y.names[k]) == nil && y.columns[k].count > 0 {
            return "\(table): attribute \(y.names[k]) only in the second case"
        }
        return nil
    }
}
