import FraudGraph

/// Label propagation (Raghavan, Albert & Kumara, "Near linear time algorithm to
/// detect community structures in large-scale networks", Phys. Rev. E 76, 2007):
/// every node starts with its own label and repeatedly takes the label that weighs
/// most among its neighbours, ties broken at random, keeping its own label when that
/// is among the heaviest. Nodes are updated one at a time (asynchronously) from a
/// queue in random order; a node that changes label queues its neighbours. Ends
/// when every node holds a heaviest label of its neighbourhood.
///
/// No quality function and no resolution limit: it finds small dense groups well
/// when they are clearly separated, and melts groups together when they are not.
public struct LabelPropagation: Sendable, Hashable {
    /// Seed of the node order and of tie breaking.
    public var seed: UInt64
    /// The most updates, as a multiple of the number of nodes.
    public var maxRounds: Int

    public init(seed: UInt64 = 42, maxRounds: Int = 100) {
        self.seed = seed
        self.maxRounds = maxRounds
    }

    /// The communities of `graph`.
    /// - Complexity: O(m) per round of updates; rounds are few in practice.
    public func run(on graph: WeightedGraph) -> Partition {
        let n = graph.nodeCount
        if n == 0 { return Partition(labels: []) }
        var random = SeededRandom(seed: seed)
        var label = ContiguousArray<Int32>((0 ..< n).lazy.map { Int32($0) })
        var weightOf = ContiguousArray<Double>(repeating: 0, count: n)
        var touched = ContiguousArray<Int32>(repeating: 0, count: n)
        var queue = random.permutation(n)
        var inQueue = ContiguousArray<Bool>(repeating: true, count: n)
        let budget = maxRounds * n
        graph.withUnsafeBuffers { o, t, w in
            label.withUnsafeMutableBufferPointer { label in
            weightOf.withUnsafeMutableBufferPointer { acc in
            touched.withUnsafeMutableBufferPointer { touched in
            queue.withUnsafeMutableBufferPointer { queue in
            inQueue.withUnsafeMutableBufferPointer { inQueue in
                var head = 0, queued = n, updates = 0
                while queued > 0 && updates < budget {
                    let v = Int(queue[head])
                    head += 1
                    if head == n { head = 0 }
                    queued -= 1
                    inQueue[v] = false
                    updates += 1
                    var touchedCount = 0
                    for k in o[v] ..< o[v + 1] {
                        let u = Int(t[k])
                        if u == v { continue }
                        let l = Int(label[u])
                        if acc[l] == 0 { touched[touchedCount] = Int32(l); touchedCount += 1 }
                        acc[l] += Double(w[k])
                    }
                    if touchedCount == 0 { continue }
                    var best = 0.0
                    for j in 0 ..< touchedCount where acc[Int(touched[j])] > best { best = acc[Int(touched[j])] }
                    let current = label[v]
                    var chosen = current
                    if acc[Int(current)] < best {
                        // Uniform among the heaviest labels (reservoir sampling).
                        var seen = 0
                        for j in 0 ..< touchedCount where acc[Int(touched[j])] == best {
                            seen += 1
                            if random.next(below: seen) == 0 { chosen = touched[j] }
                        }
                    }
                    for j in 0 ..< touchedCount { acc[Int(touched[j])] = 0 }
                    if chosen == current { continue }
                    label[v] = chosen
                    for k in o[v] ..< o[v + 1] {
                        let u = Int(t[k])
                        if !inQueue[u] && label[u] != chosen {
                            var tail = head + queued
                            if tail >= n { tail -= n }
                            queue[tail] = Int32(u)
                            queued += 1
                            inQueue[u] = true
                        }
                    }
                }
            }
            }
            }
            }
            }
        }
        return Partition(labels: label)
    }
}
