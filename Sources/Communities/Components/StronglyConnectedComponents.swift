import FraudGraph

/// The strongly connected components of a directed graph: two nodes share one when
/// each can reach the other along arcs (a money cycle, a chain of command that loops).
/// Numbered canonically (by their smallest node).
public struct StronglyConnectedComponents: Sendable, Hashable {
    public init() {}

    /// Tarjan's algorithm, iterative (no recursion, so long chains cannot overflow
    /// the stack).
    /// - Complexity: O(n + m).
    public func run(on graph: DirectedGraph) -> Partition {
        let n = graph.nodeCount
        var index = ContiguousArray<Int32>(repeating: -1, count: n)
        var low = ContiguousArray<Int32>(repeating: 0, count: n)
        var onStack = ContiguousArray<Bool>(repeating: false, count: n)
        var component = ContiguousArray<Int32>(repeating: -1, count: n)
        var stack = ContiguousArray<Int32>()
        // Depth-first call stack: node and the position of its next arc.
        var callNode = ContiguousArray<Int32>()
        var callArc = ContiguousArray<Int>()
        var nextIndex: Int32 = 0
        var components: Int32 = 0
        let offsets = graph.outOffsets, targets = graph.outTargets
        for root in 0 ..< n where index[root] < 0 {
            index[root] = nextIndex; low[root] = nextIndex; nextIndex += 1
            stack.append(Int32(root)); onStack[root] = true
            callNode.append(Int32(root)); callArc.append(offsets[root])
            while let top = callNode.last {
                let v = Int(top)
                let k = callArc[callArc.count - 1]
                if k < offsets[v + 1] {
                    callArc[callArc.count - 1] = k + 1
                    let w = Int(targets[k])
                    if index[w] < 0 {
                        index[w] = nextIndex; low[w] = nextIndex; nextIndex += 1
                        stack.append(Int32(w)); onStack[w] = true
                        callNode.append(Int32(w)); callArc.append(offsets[w])
                    } else if onStack[w] {
                        low[v] = min(low[v], index[w])
                    }
                    continue
                }
                // All arcs of v seen.
                callNode.removeLast(); callArc.removeLast()
                if let parent = callNode.last { low[Int(parent)] = min(low[Int(parent)], low[v]) }
                if low[v] == index[v] {
                    while true {
                        let w = Int(stack.removeLast())
                        onStack[w] = false
                        component[w] = components
                        if w == v { break }
                    }
                    components += 1
                }
            }
        }
        return Partition(labels: component)
    }
}
