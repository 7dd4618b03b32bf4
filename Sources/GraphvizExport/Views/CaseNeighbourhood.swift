import FraudGraph

/// Who is next to whom in a case, ties and money alike: an undirected graph over all
/// entities with an edge for every link and every transfer (parallel ones merged).
/// Views walk it to find what lies within a few hops of an entity.
public enum CaseNeighbourhood {
    /// The graph; edge weights count the links and transfers merged.
    /// - Complexity: O(entities + links + transfers).
    public static func graph(_ c: Case) -> WeightedGraph {
        var s = ContiguousArray<Int32>(), d = ContiguousArray<Int32>()
        s.reserveCapacity(c.links.count + c.transfers.count)
        d.reserveCapacity(c.links.count + c.transfers.count)
        s.append(contentsOf: c.links.source); d.append(contentsOf: c.links.target)
        s.append(contentsOf: c.transfers.source); d.append(contentsOf: c.transfers.target)
        return WeightedGraph(nodeCount: c.entities.count, sources: s, destinations: d, weights: nil as [Float]?)
    }

    /// Entities within `hops` of `center`, nearest first (breadth-first, neighbours
    /// in index order), at most `limit`; with each its distance, and whether some
    /// entity within reach was left out.
    /// - Complexity: O(edges of the entities visited).
    /// Counting stops past `countLimit` entities (the walk around a busy shop's
    /// account would otherwise cover the whole case).
    public static func within(_ g: WeightedGraph, of center: Int32, hops: Int, limit: Int, countLimit: Int = 100_000) -> (entities: [Int32], distance: [Int], reachable: Int, cut: Bool) {
        var distance = [Int32: Int]()
        distance[center] = 0
        var order: [Int32] = [center]
        var frontier: [Int32] = [center]
        var reachable = 1
        var cut = false
        var depth = 0
        walk: while depth < hops && !frontier.isEmpty {
            var next: [Int32] = []
            for u in frontier {
                if reachable > countLimit { cut = true; break walk }
                for k in g.neighborRange(of: u) {
                    let v = g.targets[k]
                    if distance[v] != nil { continue }
                    distance[v] = depth + 1
                    reachable += 1
                    next.append(v)
                    if order.count < limit { order.append(v) } else { cut = true }
                }
            }
            frontier = next
            depth += 1
        }
        return (order, order.map { distance[$0]! }, reachable, cut)
    }
}
