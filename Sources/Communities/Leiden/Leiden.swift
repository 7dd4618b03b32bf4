import FraudGraph

/// The Leiden algorithm (Traag, Waltman & van Eck, "From Louvain to Leiden:
/// guaranteeing well-connected communities", Scientific Reports 9, 2019): fast local
/// moving (after a first pass, only nodes next to a move are looked at again),
/// refinement, aggregation of the refined partition, repeated until no node moves.
/// Its communities are guaranteed connected, which Louvain's are not.
///
/// Speed: the kernels run over unsafe views of flat arrays (community weights,
/// a short-list or dense scratch of neighbour-community weights reused for every
/// node, no dictionary per node); local moving sweeps the nodes in index order so
/// neighbour lists are read in memory order. 1,000,000 nodes and 10,000,000 edges
/// take about 10 s of one core and 0.5 GB (`bench/communities`).
///
/// ```swift
/// let partition = Leiden(resolution: 1, seed: 42).run(on: graph)
/// ```
///
/// Deterministic: the same graph, settings and seed give the same partition.
public struct Leiden: Sendable, Hashable {
    /// What to maximise.
    public var quality: QualityFunction
    /// γ of the quality function; larger gives smaller communities.
    public var resolution: Double
    /// How many times to run the whole algorithm, each run starting from the last
    /// one's partition; 0 or less: until a run changes nothing.
    public var iterations: Int
    /// θ of the refinement: 0 joins the best group, larger values choose more at
    /// random among the groups that do not lower the quality (the paper's 0.01).
    public var randomness: Double
    /// Seed of the refinement's random order and choices.
    public var seed: UInt64

    public init(quality: QualityFunction = .modularity, resolution: Double = 1, iterations: Int = 2,
                randomness: Double = 0.01, seed: UInt64 = 42) {
        self.quality = quality
        self.resolution = resolution
        self.iterations = iterations
        self.randomness = randomness
        self.seed = seed
    }

    /// The communities of `graph`.
    /// - Complexity: about O(m) per level and iteration; levels shrink fast.
    public func run(on graph: WeightedGraph) -> Partition {
        run(on: graph, startingFrom: nil)
    }

    /// The communities of `graph`, starting from `initial` (one label per node, any
    /// values; nil: every node alone).
    public func run(on graph: WeightedGraph, startingFrom initial: Partition?) -> Partition {
        run(on: graph, startingFrom: initial, fitting: nil).partition
    }

    /// A run; with `fitting`, γ is re-estimated from the partition after the local
    /// moving of every level (`FittedLeiden`).
    func run(on graph: WeightedGraph, startingFrom initial: Partition?, fitting: FittedLeiden?) -> (partition: Partition, resolution: Double, iterations: Int) {
        let n = graph.nodeCount
        if n == 0 { return (Partition(labels: []), resolution, 0) }
        precondition(initial == nil || initial!.nodeCount == n, "the initial partition must cover every node")
        var random = SeededRandom(seed: seed)
        let base = LevelGraph(graph, quality: quality)
        var gamma = resolution
        let workspace = CommunityWorkspace(capacity: n)
        var membership = initial.map { Partition(labels: $0.membership).membership } ?? Partition.singletons(n).membership
        var done = 0
        while true {
            var before = gamma
            let next = iterate(base, from: membership, resolution: &gamma, lastUsed: &before, totalWeight: graph.totalWeight,
                               fitting: fitting, workspace: workspace, random: &random)
            done += 1
            let changed = next != membership
            membership = next
            var settled = !changed
            if let fit = fitting {
                // Settled when the partition's own estimate is within the tolerance of
                // the γ its top level was found with.
                settled = settled || abs(gamma - before) <= fit.tolerance * before
                if done >= fit.maxIterations { break }
                if done >= max(iterations, 1) && settled { break }
            } else if iterations > 0 ? done >= iterations : settled {
                break
            }
        }
        return (Partition(labels: membership), gamma, done)
    }

    // MARK: - One iteration

    /// One run of the algorithm from `start` (canonical labels); returns a canonical
    /// membership.
    func iterate(_ base: LevelGraph, from start: ContiguousArray<Int32>, resolution gamma: inout Double, lastUsed: inout Double, totalWeight: Double,
                 fitting: FittedLeiden?, workspace ws: CommunityWorkspace, random: inout SeededRandom) -> ContiguousArray<Int32> {
        let n = base.nodeCount
        var level = base
        // The node of the current level that each input node is part of.
        var nodeAt = ContiguousArray<Int32>((0 ..< n).lazy.map { Int32($0) })
        var labels = start
        var depth = 0
        while true {
            let m = level.nodeCount
            var communities = 0
            var refinedCount = 0
            var moves = 0
            level.withView { g in
                labels.withUnsafeBufferPointer { ws.load(g, labels: $0) }
                lastUsed = gamma
                moves = Leiden.fastLocalMoving(g, ws, scale: quality.scale(resolution: gamma, totalWeight: totalWeight))
                communities = ws.canonicalize(ws.membership, count: m)
                ws.load(g, labels: UnsafeBufferPointer(ws.membership))
                guard fitting != nil || communities < m else { return }
                let inside = ws.measureInside(g)
                if let fit = fitting,
                   let estimate = ws.modularityParts(g, inside: inside, totalWeight: totalWeight).resolutionEstimate.resolution {
                    gamma = min(max(estimate, fit.range.lowerBound), fit.range.upperBound)
                }
                if communities < m && depth > 0 && moves == 0 {
                    // Nothing moved above the first level: the communities stand. Refining
                    // again would only merge a few more singletons per level, one costly
                    // level after another; split each community into its connected
                    // parts instead, so that the next level finishes.
                    refinedCount = ws.connectedParts(g)
                } else if communities < m {
                    refinedCount = Leiden.refine(g, ws, scale: quality.scale(resolution: gamma, totalWeight: totalWeight),
                                                 randomness: randomness, random: &random)
                    // Nothing merged: aggregate by the partition itself, as igraph does.
                    if refinedCount == m {
                        for v in 0 ..< m { ws.refined[v] = ws.membership[v] }
                        refinedCount = communities
                    }
                }
            }
            if communities == m {
                // Every node of this level alone: the partition is final.
                for v in 0 ..< n { nodeAt[v] = ws.membership[Int(nodeAt[v])] }
                return nodeAt
            }
            // MARK: Aggregation
            // The next level's nodes are the refined groups; each starts in the
            // community its group lies in.
            var nextLabels = ContiguousArray<Int32>(repeating: 0, count: refinedCount)
            for v in 0 ..< m { nextLabels[Int(ws.refined[v])] = ws.membership[v] }
            for v in 0 ..< n { nodeAt[v] = ws.refined[Int(nodeAt[v])] }
            level = level.aggregated(by: UnsafeBufferPointer(ws.refined), groupCount: refinedCount, workspace: ws)
            labels = nextLabels
            depth += 1
        }
    }
}
