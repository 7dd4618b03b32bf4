import FraudGraph

/// The connected components of an undirected graph: two nodes share a component
/// when a path joins them. Numbered by their smallest node (canonical `Partition`).
public struct ConnectedComponents: Sendable, Hashable {
    public init() {}

    /// - Complexity: O(n + m α(n)), by union–find with path halving and union by size.
    public func run(on graph: WeightedGraph) -> Partition {
        let n = graph.nodeCount
        var parent = ContiguousArray<Int32>((0 ..< n).lazy.map { Int32($0) })
        var size = ContiguousArray<Int32>(repeating: 1, count: n)
        graph.withUnsafeBuffers { o, t, _ in
            parent.withUnsafeMutableBufferPointer { p in
                size.withUnsafeMutableBufferPointer { s in
                    @inline(__always) func find(_ x: Int) -> Int {
                        var x = x
                        while Int(p[x]) != x {
                            p[x] = p[Int(p[x])]
                            x = Int(p[x])
                        }
                        return x
                    }
                    for u in 0 ..< n {
                        for k in o[u] ..< o[u + 1] {
                            let v = Int(t[k])
                            if v <= u { continue }  // each edge once
                            var a = find(u), b = find(v)
                            if a == b { continue }
                            if s[a] < s[b] { swap(&a, &b) }
                            p[b] = Int32(a)
                            s[a] += s[b]
                        }
                    }
                    for u in 0 ..< n { p[u] = Int32(find(u)) }
                }
            }
        }
        return Partition(labels: parent)
    }
}
