import FraudGraph

/// A den's hierarchy as the Hierarchy module reports it: people with their level
/// (0 at the top), role and score.
public struct DenChart: Sendable {
    public struct Member: Sendable, Hashable {
        public var person: Int32
        /// 0 at the top.
        public var level: Int
        /// `boss`, `manager`, `leader`, `worker`, `recruiter`, `broker`, `mule`, `unknown`.
        public var role: String
        /// The rank score, if the method gives one.
        public var score: Double?
        public init(person: Int32, level: Int, role: String, score: Double? = nil) {
            self.person = person; self.level = level; self.role = role; self.score = score
        }
    }

    /// A line of command: who answers to whom, and how sure.
    public struct Tie: Sendable, Hashable {
        public var superior: Int32
        public var subordinate: Int32
        /// How strong the evidence is (any positive scale; the widest line is the strongest).
        public var strength: Double
        /// The evidence in words (`3 manages, 12 calls`), for the tooltip.
        public var evidence: String?
        public init(superior: Int32, subordinate: Int32, strength: Double = 1, evidence: String? = nil) {
            self.superior = superior; self.subordinate = subordinate; self.strength = strength; self.evidence = evidence
        }
    }

    /// The den (entity index).
    public var den: Int32
    public var members: [Member]
    /// The lines to draw; nil: the `manages` ties of the case among the members.
    public var ties: [Tie]?
    /// How levels and roles were found, for the picture's notes.
    public var source: String

    public init(den: Int32, members: [Member], ties: [Tie]? = nil, source: String) {
        self.den = den; self.members = members; self.ties = ties; self.source = source
    }

    /// The people located at or member of `den`, each at the depth of the longest
    /// chain of `manages` ties above them inside the den (0: no superior there), with
    /// the role the case gives them (or `unknown`).
    ///
    /// A stand-in until rank inference (the Hierarchy module) is used.
    /// - Complexity: O(links + people²) at worst, for the chains.
    public static func fromManagesTies(_ c: Case, den: Int32) -> DenChart {
        let l = c.links, t = c.entities
        var people = Set<Int32>()
        for i in 0 ..< l.count where l.target[i] == den && (l.kind[i] == LinkKind.Code.locatedAt || l.kind[i] == LinkKind.Code.memberOf) {
            if t.kind[Int(l.source[i])] == EntityKind.Code.person { people.insert(l.source[i]) }
        }
        var superiors: [Int32: [Int32]] = [:]
        for i in 0 ..< l.count where l.kind[i] == LinkKind.Code.manages {
            let a = l.source[i], b = l.target[i]
            if a != b && people.contains(a) && people.contains(b) { superiors[b, default: []].append(a) }
        }
        // Longest chain above each person; cycles are cut by the visiting mark.
        var level: [Int32: Int] = [:]
        var visiting = Set<Int32>()
        func depth(_ p: Int32) -> Int {
            if let d = level[p] { return d }
            if visiting.contains(p) { return 0 }
            visiting.insert(p)
            var d = 0
            for s in superiors[p] ?? [] { d = max(d, depth(s) + 1) }
            visiting.remove(p)
            level[p] = d
            return d
        }
        let members = people.sorted().map { p in
            DenChart.Member(person: p, level: depth(p), role: t.roleOf(p) ?? "unknown")
        }
        return DenChart(den: den, members: members, source: "levels from the manages ties in the case; roles as the case gives them")
    }
}

/// `hierarchy:DEN`: a den's org chart, top to bottom, one row per level, `manages`
/// ties as lines from superior to subordinate, recruitment dashed; a superior's many
/// subordinates of one role with no one under them drawn as one node.
public struct OrgChartDiagram: Sendable {
    /// More subordinates than this of one role, with none under them, are merged.
    public var collapseFrom: Int
    /// Most people drawn.
    public var maxPeople: Int
    /// A row wider than this merges every superior's leaves of one role.
    public var maxRow: Int

    public init(collapseFrom: Int = 8, maxPeople: Int = 400, maxRow: Int = 16) {
        self.collapseFrom = collapseFrom; self.maxPeople = maxPeople; self.maxRow = maxRow
    }

    /// - Complexity: O(links + people log people).
    public func build(_ c: Case, chart: DenChart) -> Diagram {
        let t = c.entities
        var members = chart.members.filter { $0.person >= 0 && Int($0.person) < t.count }
        members.sort { ($0.level, -($0.score ?? 0), $0.person) < ($1.level, -($1.score ?? 0), $1.person) }
        let total = members.count
        if members.count > maxPeople { members = Array(members.prefix(maxPeople)) }
        let byPerson = Dictionary(members.map { ($0.person, $0) }, uniquingKeysWith: { a, _ in a })

        // MARK: - Ties among the people drawn
        var manages: [DenChart.Tie] = [], recruited: [(Int32, Int32)] = []
        var seen = Set<[Int32]>()
        let l = c.links
        for i in 0 ..< l.count {
            let a = l.source[i], b = l.target[i]
            guard a != b, byPerson[a] != nil, byPerson[b] != nil else { continue }
            if chart.ties == nil, l.kind[i] == LinkKind.Code.manages, seen.insert([a, b, 0]).inserted {
                manages.append(DenChart.Tie(superior: a, subordinate: b))
            }
            if l.kind[i] == LinkKind.Code.recruited, seen.insert([a, b, 1]).inserted { recruited.append((a, b)) }
        }
        if let ties = chart.ties {
            for t in ties where t.superior != t.subordinate && byPerson[t.superior] != nil && byPerson[t.subordinate] != nil {
                if seen.insert([t.superior, t.subordinate, 0]).inserted { manages.append(t) }
            }
        }
        var subordinates: [Int32: [Int32]] = [:]
        var hasSuperior = Set<Int32>()
        for t in manages where byPerson[t.superior]!.level < byPerson[t.subordinate]!.level {
            subordinates[t.superior, default: []].append(t.subordinate)
            hasSuperior.insert(t.subordinate)
        }

        // MARK: - Merge crowds of leaf subordinates
        var mergedInto: [Int32: Int] = [:]    // person -> crowd number
        var crowds: [(boss: Int32, role: String, level: Int, people: [Int32])] = []
        func mergeCrowds(from threshold: Int, atLevels wide: Set<Int>?) {
            for m in members {
                guard let subs = subordinates[m.person] else { continue }
                var byRole: [String: [Int32]] = [:]
                for s in subs where subordinates[s] == nil && mergedInto[s] == nil && (wide?.contains(byPerson[s]!.level) ?? true) {
                    byRole[byPerson[s]!.role, default: []].append(s)
                }
                for role in byRole.keys.sorted() where byRole[role]!.count > threshold {
                    let people = byRole[role]!
                    for p in people { mergedInto[p] = crowds.count }
                    crowds.append((m.person, role, byPerson[people[0]]!.level, people))
                }
            }
        }
        mergeCrowds(from: collapseFrom, atLevels: nil)
        // A level still wider than `maxRow`: every superior's leaves of one role become
        // one node, and the leaves with no superior drawn, one node per role.
        func rowWidths() -> [Int: Int] {
            var width: [Int: Int] = [:]
            for m in members where mergedInto[m.person] == nil { width[m.level, default: 0] += 1 }
            for c in crowds { width[c.level, default: 0] += 1 }
            return width
        }
        let wide = Set(rowWidths().filter { $0.value > maxRow }.map(\.key))
        if !wide.isEmpty {
            mergeCrowds(from: 1, atLevels: wide)
            var orphans: [String: [Int32]] = [:]
            for m in members where wide.contains(m.level) && mergedInto[m.person] == nil && subordinates[m.person] == nil && !hasSuperior.contains(m.person) {
                orphans["\(m.level)\u{0}\(m.role)", default: []].append(m.person)
            }
            for key in orphans.keys.sorted() where orphans[key]!.count > 1 {
                let people = orphans[key]!
                for p in people { mergedInto[p] = crowds.count }
                crowds.append((-1, byPerson[people[0]]!.role, byPerson[people[0]]!.level, people))
            }
        }

        let denName = t.displayName(chart.den)
        let levels = Set(members.map(\.level)).sorted()
        var d = Diagram(title: "Den \(DOTText.shortened(denName, to: 40)): who answers to whom",
                        direction: .topToBottom, engine: .dot)
        var nodeOf: [Int32: Int] = [:]
        var levelNodes: [Int: [Int]] = [:]
        for m in members where mergedInto[m.person] == nil {
            var extra = [m.role]
            if let s = m.score { extra.append("rank score " + DOTToken.format(s)) }
            var node = Diagram.entityNode(c, m.person, extra: extra)
            node.details = EntityText.details(c, m.person, withRole: false) + extra
            node.fill = OrgChartDiagram.roleColor(m.role)
            let idx = d.add(node)
            nodeOf[m.person] = idx
            levelNodes[m.level, default: []].append(idx)
        }
        var crowdNode: [Int] = []
        for crowd in crowds {
            let names = crowd.people.prefix(3).map { DOTText.shortened(t.displayName($0), to: 16) }.joined(separator: ", ")
            let node = Diagram.Node(look: .summary(.person), title: "\(crowd.people.count) \(crowd.role)s",
                                    details: [names + (crowd.people.count > 3 ? ", …" : "")],
                                    tooltip: "\(crowd.people.count) \(crowd.role)s" + (crowd.boss >= 0 ? " under \(t.displayName(crowd.boss))" : "") + ":\n" +
                                        crowd.people.map { t.displayName($0) }.joined(separator: "\n"),
                                    fill: OrgChartDiagram.roleColor(crowd.role))
            let idx = d.add(node)
            crowdNode.append(idx)
            levelNodes[crowd.level, default: []].append(idx)
        }
        func node(_ p: Int32) -> Int { nodeOf[p] ?? crowdNode[mergedInto[p]!] }
        var drawnPairs = Set<[Int]>()
        for t in manages {
            let a = t.superior, b = t.subordinate
            let x = node(a), y = node(b)
            guard x != y, drawnPairs.insert([x, y]).inserted else { continue }
            let count = mergedInto[b] != nil ? crowds[mergedInto[b]!].people.count : 1
            let upward = byPerson[a]!.level >= byPerson[b]!.level
            d.add(Diagram.Edge(from: x, to: y, look: .link(.manages), count: count > 1 ? count : 1,
                               text: t.evidence, constraint: !upward))
        }
        for (a, b) in recruited {
            let x = node(a), y = node(b)
            guard x != y, drawnPairs.insert([x, y, -1]).inserted else { continue }
            d.add(Diagram.Edge(from: x, to: y, look: .link(.recruited), constraint: false))
        }
        // One row per level, in order: people with no superior hang from the level above.
        d.ranks = levels.compactMap { levelNodes[$0] }
        for (i, level) in levels.enumerated() where i > 0 {
            guard let anchor = levelNodes[levels[i - 1]]?.first else { continue }
            for m in members where m.level == level && !hasSuperior.contains(m.person) && mergedInto[m.person] == nil {
                d.add(Diagram.Edge(from: anchor, to: nodeOf[m.person]!, look: .layoutOnly))
            }
            for (k, crowd) in crowds.enumerated() where crowd.boss < 0 && crowd.level == level {
                d.add(Diagram.Edge(from: anchor, to: crowdNode[k], look: .layoutOnly))
            }
        }
        for role in Set(members.map(\.role)).sorted() {
            d.extraLegend.append(.init(swatch: OrgChartDiagram.roleColor(role), text: role))
        }
        d.notes.append("\(EntityText.count(total, "person", "people")) on \(EntityText.count(levels.count, "level")); " + chart.source)
        if total > members.count { d.notes.append("the top \(members.count) of \(total) people are drawn") }
        if !crowds.isEmpty {
            d.notes.append(wide.isEmpty
                ? "more than \(collapseFrom) subordinates of one role with no one under them are drawn as one dashed node"
                : "subordinates of one role with no one under them are drawn as one dashed node per superior (rows of more than \(maxRow))")
        }
        return d
    }

    /// Fill colour of a role, darker higher up.
    public static func roleColor(_ role: String) -> DOTColor {
        switch role {
        case "boss": DOTColor(0xE74C3C)
        case "manager": DOTColor(0xF1948A)
        case "broker": DOTColor(0xF5CBA7)
        case "leader": DOTColor(0xF9E79F)
        case "recruiter": DOTColor(0xD2B4DE)
        case "worker": DOTColor(0xAED6F1)
        case "mule": DOTColor(0xA9DFBF)
        default: DOTColor(0xE5E7E9)
        }
    }
}
