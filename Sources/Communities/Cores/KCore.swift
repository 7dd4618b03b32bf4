import FraudGraph

/// k-cores (Seidman 1983): the k-core is the largest subgraph in which every node has
/// at least k neighbours; a node's core number is the largest k whose core holds it.
/// Dense cores are where organised groups sit; thin chains of one-off contacts peel
/// away first.
public struct KCore: Sendable, Hashable {
    public init() {}

    /// The core number of every node, counting distinct neighbours (not weights;
    /// self-loops ignored). Batagelj & Zaveršnik's bucket algorithm.
    /// - Complexity: O(n + m).
    public func coreNumbers(of graph: WeightedGraph) -> ContiguousArray<Int32> {
        let n = graph.nodeCount
        var degree = ContiguousArray<Int32>(repeating: 0, count: n)
        var maxDegree = 0
        for u in 0 ..< n {
            var d = 0
            for k in graph.neighborRange(of: Int32(u)) where Int(graph.targets[k]) != u { d += 1 }
            degree[u] = Int32(d)
            maxDegree = max(maxDegree, d)
        }
        // Nodes sorted by degree (bin sort), with each node's position.
        var binStart = ContiguousArray<Int>(repeating: 0, count: maxDegree + 2)
        for u in 0 ..< n { binStart[Int(degree[u]) + 1] += 1 }
        for d in 0 ... maxDegree { binStart[d + 1] += binStart[d] }
        var order = ContiguousArray<Int32>(repeating: 0, count: n)
        var position = ContiguousArray<Int>(repeating: 0, count: n)
        var cursor = binStart
        for u in 0 ..< n {
            let d = Int(degree[u])
            position[u] = cursor[d]; order[cursor[d]] = Int32(u); cursor[d] += 1
        }
        for i in 0 ..< n {
            let v = Int(order[i])
            let dv = degree[v]
            for k in graph.neighborRange(of: Int32(v)) {
                let u = Int(graph.targets[k])
                if u == v || degree[u] <= dv { continue }
                // Move u to the front of its bin, then shrink its degree by one.
                let du = Int(degree[u])
                let front = binStart[du]
                let w = Int(order[front])
                if w != u {
                    order[front] = Int32(u); order[position[u]] = Int32(w)
                    position[w] = position[u]; position[u] = front
                }
                binStart[du] += 1
                degree[u] -= 1
            }
        }
        return degree
    }

    /// The nodes of the k-core, in increasing order.
    public func core(_ k: Int, of graph: WeightedGraph) -> [Int32] {
        let cores = coreNumbers(of: graph)
        return (0 ..< graph.nodeCount).filter { cores[$0] >= k }.map { Int32($0) }
    }
}
