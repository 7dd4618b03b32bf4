import FraudGraph

/// The Louvain method (Blondel, Guillaume, Lambiotte & Lefebvre, "Fast unfolding of
/// communities in large networks", J. Stat. Mech. 2008): sweep over the nodes in
/// random order, moving each to its best neighbouring community, until a sweep moves
/// nothing; then aggregate every community into one node and start again on the
/// smaller graph, until nothing moves.
///
/// Louvain's communities can be badly connected, even disconnected; `Leiden` fixes
/// that and is the default. Deterministic for a seed.
public struct Louvain: Sendable, Hashable {
    public var quality: QualityFunction
    /// γ of the quality function; larger gives smaller communities.
    public var resolution: Double
    /// The most sweeps over the nodes at one level.
    public var maxSweeps: Int
    /// Seed of the random node orders.
    public var seed: UInt64

    public init(quality: QualityFunction = .modularity, resolution: Double = 1, maxSweeps: Int = 64, seed: UInt64 = 42) {
        self.quality = quality
        self.resolution = resolution
        self.maxSweeps = maxSweeps
        self.seed = seed
    }

    /// The communities of `graph`.
    /// - Complexity: O(m) per sweep; levels shrink fast.
    public func run(on graph: WeightedGraph) -> Partition {
        let n = graph.nodeCount
        if n == 0 { return Partition(labels: []) }
        var random = SeededRandom(seed: seed)
        var level = LevelGraph(graph, quality: quality)
        let scale = quality.scale(resolution: resolution, totalWeight: graph.totalWeight)
        let ws = CommunityWorkspace(capacity: n)
        var nodeAt = ContiguousArray<Int32>((0 ..< n).lazy.map { Int32($0) })
        while true {
            let m = level.nodeCount
            var moves = 0
            var communities = m
            level.withView { g in
                for v in 0 ..< m { ws.refined[v] = Int32(v) }
                ws.load(g, labels: UnsafeBufferPointer(ws.refined))
                moves = Louvain.sweep(g, ws, scale: scale, maxSweeps: maxSweeps, random: &random)
                communities = ws.canonicalize(ws.membership, count: m)
            }
            for v in 0 ..< n { nodeAt[v] = ws.membership[Int(nodeAt[v])] }
            if moves == 0 || communities == m { break }
            // MARK: Aggregation
            level = level.aggregated(by: UnsafeBufferPointer(ws.membership), groupCount: communities, workspace: ws)
        }
        return Partition(labels: nodeAt)
    }

    // MARK: - Local moving

    /// Sweeps over the nodes, each moved to its best community, until a sweep moves
    /// nothing (or `maxSweeps`). Returns the number of moves. The first sweep goes in
    /// a random order (the seed's), the later ones in index order, which reads the
    /// neighbour lists in memory order.
    static func sweep(_ g: LevelView, _ ws: CommunityWorkspace, scale: Double, maxSweeps: Int, random: inout SeededRandom) -> Int {
        let n = g.nodeCount
        let order = ws.queue
        for i in 0 ..< n { order[i] = Int32(i) }
        var i = n - 1
        while i > 0 {
            let j = random.next(below: i + 1)
            order.swapAt(i, j)
            i -= 1
        }
        var total = 0
        for round in 0 ..< maxSweeps {
            var moves = 0
            for step in 0 ..< n {
                let v = round == 0 ? Int(order[step]) : step
                let before = ws.membership[v]
                if ws.moveToBestCommunity(v, g, scale: scale) != before { moves += 1 }
            }
            total += moves
            if moves == 0 { break }
        }
        return total
    }
}
