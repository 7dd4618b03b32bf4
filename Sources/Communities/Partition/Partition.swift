/// A split of a graph's nodes into communities: node `v` is in community
/// `membership[v]`, a number in `0 ..< count`. Every node is in exactly one community
/// and every community has at least one node.
///
/// Partitions that algorithms return are *canonical*: communities are numbered in the
/// order of their first node (node 0 is in community 0, the first node not in
/// community 0 starts community 1, ...), so two partitions that group the nodes the
/// same way are equal as values.
public struct Partition: Sendable, Equatable, Hashable {
    /// The community of each node.
    public let membership: ContiguousArray<Int32>
    /// The number of communities.
    public let count: Int

    /// A canonical partition from any labels: nodes with the same label share a
    /// community. Labels may be any `Int32` values (negative ones too).
    /// - Complexity: O(n) when labels lie in `0 ..< n`, O(n log n) otherwise.
    public init(labels: some Collection<Int32>) {
        let raw = ContiguousArray(labels)
        let n = raw.count
        var inRange = true
        for l in raw where l < 0 || Int(l) >= n { inRange = false; break }
        var out = ContiguousArray<Int32>(repeating: 0, count: n)
        var next: Int32 = 0
        if inRange {
            var newLabel = ContiguousArray<Int32>(repeating: -1, count: n)
            for v in 0 ..< n {
                let l = Int(raw[v])
                if newLabel[l] < 0 { newLabel[l] = next; next += 1 }
                out[v] = newLabel[l]
            }
        } else {
            // Sort (label, node) pairs, then number groups by their first node.
            let order = (0 ..< n).sorted { raw[$0] != raw[$1] ? raw[$0] < raw[$1] : $0 < $1 }
            var groupOf = ContiguousArray<Int32>(repeating: 0, count: n)
            var groupFirst: [Int] = []
            var i = 0
            while i < n {
                var j = i
                while j < n && raw[order[j]] == raw[order[i]] { groupOf[order[j]] = Int32(groupFirst.count); j += 1 }
                groupFirst.append(order[i])
                i = j
            }
            var newLabel = ContiguousArray<Int32>(repeating: -1, count: groupFirst.count)
            for v in 0 ..< n {
                let g = Int(groupOf[v])
                if newLabel[g] < 0 { newLabel[g] = next; next += 1 }
                out[v] = newLabel[g]
            }
        }
        membership = out
        count = Int(next)
    }

    /// A partition from a membership that is already canonical.
    @usableFromInline
    init(canonical membership: ContiguousArray<Int32>, count: Int) {
        self.membership = membership
        self.count = count
    }

    /// Every node alone.
    public static func singletons(_ n: Int) -> Partition {
        Partition(canonical: ContiguousArray((0 ..< n).lazy.map { Int32($0) }), count: n)
    }

    /// All nodes in one community.
    public static func whole(_ n: Int) -> Partition {
        Partition(canonical: ContiguousArray(repeating: 0, count: n), count: n > 0 ? 1 : 0)
    }

    /// Number of nodes.
    @inlinable public var nodeCount: Int { membership.count }

    /// The community of node `v`.
    @inlinable public subscript(v: Int32) -> Int32 { membership[Int(v)] }

    /// The number of nodes in each community.
    /// - Complexity: O(n).
    public func sizes() -> ContiguousArray<Int> {
        var s = ContiguousArray<Int>(repeating: 0, count: count)
        for c in membership { s[Int(c)] += 1 }
        return s
    }

    /// The nodes of each community, in increasing order, in CSR form: the members of
    /// community `c` are `nodes[offsets[c] ..< offsets[c + 1]]`.
    /// - Complexity: O(n).
    public func members() -> (offsets: ContiguousArray<Int>, nodes: ContiguousArray<Int32>) {
        var offsets = ContiguousArray<Int>(repeating: 0, count: count + 1)
        for c in membership { offsets[Int(c) + 1] += 1 }
        for c in 0 ..< count { offsets[c + 1] += offsets[c] }
        var cursor = offsets
        var nodes = ContiguousArray<Int32>(repeating: 0, count: membership.count)
        for v in 0 ..< membership.count {
            let c = Int(membership[v])
            nodes[cursor[c]] = Int32(v)
            cursor[c] += 1
        }
        return (offsets, nodes)
    }

    /// The members of community `c`, in increasing order.
    /// - Complexity: O(n).
    public func members(of c: Int32) -> [Int32] {
        var out: [Int32] = []
        for v in 0 ..< membership.count where membership[v] == c { out.append(Int32(v)) }
        return out
    }

    #if FRAUDGRAPH_CHECKS
    /// Traps unless the membership is canonical and every community is non-empty.
    public func checkInvariants() {
        var next: Int32 = 0
        for c in membership {
            precondition(c >= 0 && c <= next)
            if c == next { next += 1 }
        }
        precondition(Int(next) == count)
    }
    #endif
}
