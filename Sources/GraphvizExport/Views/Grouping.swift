import FraudGraph

/// Groups of entities to draw together: one group number per entity (-1: in no
/// group), as the Communities module's rings give them, with the words to say what
/// they are.
public struct Grouping: Sendable {
    /// Group number of each entity, or -1.
    public var membership: [Int32]
    /// What a group is called in the picture: "ring", "group", "community".
    public var word: String
    /// How the groups were found, for the picture's notes.
    public var source: String
    /// Group numbers in the order pictures rank them (largest threat first); nil:
    /// by victims' reported money received, then by size.
    public var order: [Int32]?

    public init(membership: [Int32], word: String = "ring", source: String, order: [Int32]? = nil) {
        self.membership = membership; self.word = word; self.source = source; self.order = order
    }

    /// Connected components of the ownership, use, location, membership, command and
    /// recruitment ties (not calls, not transfers: victims would join every ring),
    /// numbered from 1 by size, largest first; entities alone get -1.
    ///
    /// A stand-in for pictures drawn without ring detection (the tool draws the
    /// Communities module's rings: `Grouping(rings:entityCount:)` in CaseBrief).
    /// - Complexity: O(entities + links), near-linear union-find.
    public static func tieComponents(_ c: Case) -> Grouping {
        let n = c.entities.count
        var parent = ContiguousArray<Int32>((0 ..< n).lazy.map { Int32($0) })
        func find(_ x: Int32) -> Int32 {
            var x = x
            while parent[Int(x)] != x {
                parent[Int(x)] = parent[Int(parent[Int(x)])]
                x = parent[Int(x)]
            }
            return x
        }
        let l = c.links
        for i in 0 ..< l.count where l.kind[i] != LinkKind.Code.contacted {
            let a = find(l.source[i]), b = find(l.target[i])
            if a != b { if a < b { parent[Int(b)] = a } else { parent[Int(a)] = b } }
        }
        var size = [Int](repeating: 0, count: n)
        var root = [Int32](repeating: 0, count: n)
        for e in 0 ..< n { let r = find(Int32(e)); root[e] = r; size[Int(r)] += 1 }
        // Number components by size (largest first), ties by smallest member.
        let roots = (0 ..< n).filter { root[$0] == Int32($0) && size[$0] > 1 }
            .sorted { (size[$0], -$0) > (size[$1], -$1) }
        var number = [Int32](repeating: -1, count: n)
        for (i, r) in roots.enumerated() { number[r] = Int32(i + 1) }
        let membership = (0 ..< n).map { number[Int(root[$0])] }
        return Grouping(membership: membership, word: "group",
                        source: "groups are entities joined by ownership, use, location, membership, command or recruitment ties")
    }
}
