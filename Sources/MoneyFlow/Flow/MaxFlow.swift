/// Maximum flow by Dinic's algorithm (blocking flows on BFS level graphs) over a
/// network given as an edge list, with exact `Int64` capacities.
///
/// Edges are kept as a list, each with its reverse next to it (`e` and `e ^ 1`);
/// each `run` groups the residual arcs by tail (CSR) before it searches.
public struct MaxFlow: Sendable {
    /// Capacity that is never the bottleneck.
    public static let unbounded = Int64.max / 4

    /// Nodes are 0 ..< nodeCount.
    public let nodeCount: Int
    private var tails: ContiguousArray<Int32> = []
    private var heads: ContiguousArray<Int32> = []
    private var capacities: ContiguousArray<Int64> = []

    /// A network of `nodes` nodes and no edges yet.
    public init(nodes: Int) { nodeCount = nodes }

    /// Adds an edge `from -> to`; returns its number.
    @discardableResult
    public mutating func addEdge(from: Int, to: Int, capacity: Int64) -> Int {
        precondition(from >= 0 && from < nodeCount && to >= 0 && to < nodeCount && capacity >= 0)
        tails.append(Int32(from)); heads.append(Int32(to)); capacities.append(capacity)
        return tails.count - 1
    }

    /// Number of edges added.
    public var edgeCount: Int { tails.count }

    /// The maximum flow from `source` to `sink` and the flow on each edge.
    /// - Complexity: O(V² E) in the worst case; on time-expanded networks (DAGs) far less.
    public func run(source: Int, sink: Int) -> (value: Int64, flow: ContiguousArray<Int64>) {
        let n = nodeCount, m = tails.count
        // CSR over 2m arcs: arc 2e is edge e, arc 2e+1 its reverse.
        var offsets = ContiguousArray<Int>(repeating: 0, count: n + 1)
        for e in 0 ..< m {
            offsets[Int(tails[e]) + 1] += 1
            offsets[Int(heads[e]) + 1] += 1
        }
        for v in 0 ..< n { offsets[v + 1] += offsets[v] }
        var cursor = offsets
        var arcAt = ContiguousArray<Int32>(repeating: 0, count: 2 * m)   // position -> arc
        for e in 0 ..< m {
            arcAt[cursor[Int(tails[e])]] = Int32(2 * e); cursor[Int(tails[e])] += 1
            arcAt[cursor[Int(heads[e])]] = Int32(2 * e + 1); cursor[Int(heads[e])] += 1
        }
        var residual = ContiguousArray<Int64>(repeating: 0, count: 2 * m)
        for e in 0 ..< m { residual[2 * e] = capacities[e] }
        func head(_ arc: Int) -> Int { arc & 1 == 0 ? Int(heads[arc >> 1]) : Int(tails[arc >> 1]) }

        var level = ContiguousArray<Int32>(repeating: -1, count: n)
        var queue = ContiguousArray<Int32>(repeating: 0, count: n)
        var next = ContiguousArray<Int>(repeating: 0, count: n)
        var total: Int64 = 0
        guard source != sink else { return (0, ContiguousArray(repeating: 0, count: m)) }

        // Path stack for the iterative blocking-flow search.
        var pathArcs = ContiguousArray<Int>()
        while true {
            // MARK: Level graph
            for v in 0 ..< n { level[v] = -1 }
            level[source] = 0
            var qh = 0, qt = 0
            queue[qt] = Int32(source); qt += 1
            while qh < qt {
                let v = Int(queue[qh]); qh += 1
                for p in offsets[v] ..< offsets[v + 1] {
                    let arc = Int(arcAt[p])
                    let w = head(arc)
                    if residual[arc] > 0 && level[w] < 0 {
                        level[w] = level[v] + 1
                        queue[qt] = Int32(w); qt += 1
                    }
                }
            }
            if level[sink] < 0 { break }
            for v in 0 ..< n { next[v] = offsets[v] }

            // MARK: Blocking flow, by iterative depth-first search
            pathArcs.removeAll(keepingCapacity: true)
            var v = source
            while true {
                if v == sink {
                    var bottleneck = Int64.max
                    for arc in pathArcs { bottleneck = min(bottleneck, residual[arc]) }
                    var cutAt = -1
                    for (k, arc) in pathArcs.enumerated() {
                        residual[arc] -= bottleneck
                        residual[arc ^ 1] += bottleneck
                        if residual[arc] == 0 && cutAt < 0 { cutAt = k }
                    }
                    total += bottleneck
                    // Back up to the tail of the first saturated arc.
                    pathArcs.removeLast(pathArcs.count - cutAt)
                    v = pathArcs.last.map { head($0) } ?? source
                    continue
                }
                var advanced = false
                while next[v] < offsets[v + 1] {
                    let arc = Int(arcAt[next[v]])
                    let w = head(arc)
                    if residual[arc] > 0 && level[w] == level[v] + 1 {
                        pathArcs.append(arc)
                        v = w
                        advanced = true
                        break
                    }
                    next[v] += 1
                }
                if advanced { continue }
                // Dead end: retreat.
                if v == source { break }
                level[v] = -1
                pathArcs.removeLast()
                v = pathArcs.last.map { head($0) } ?? source
                next[v] += 1
            }
        }
        var flow = ContiguousArray<Int64>(repeating: 0, count: m)
        for e in 0 ..< m { flow[e] = residual[2 * e + 1] }
        return (total, flow)
    }
}
