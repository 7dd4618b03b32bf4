extension Leiden {
    // MARK: - Fast local moving

    /// Leiden's fast local moving (Traag, Waltman & van Eck 2019, Algorithm A.2): a
    /// node moves to its best community, and then only nodes whose neighbourhood
    /// changed are looked at again, until no single node can improve the quality by
    /// moving.
    ///
    /// The paper keeps the nodes to look at in a queue in random order. Here they are
    /// flags, swept in index order (as NetworKit's Leiden does): the same nodes are
    /// visited about as often, but each node's neighbour list is read in memory order
    /// instead of at random, which measured 2.5x faster on a 1,000,000-node graph
    /// (the lists no longer fit in any cache), with the same partitions' quality.
    ///
    /// Works on the workspace's membership of the `g.nodeCount` nodes. Returns the
    /// number of moves.
    /// - Complexity: O(m) per sweep; sweeps after the first visit only the nodes
    ///   next to a move.
    static func fastLocalMoving(_ g: LevelView, _ ws: CommunityWorkspace, scale: Double) -> Int {
        let n = g.nodeCount
        let active = ws.inQueue, membership = ws.membership
        for v in 0 ..< n { active[v] = true }
        var activeCount = n, moves = 0
        while activeCount > 0 {
            for v in 0 ..< n where active[v] {
                active[v] = false
                activeCount -= 1
                let before = membership[v]
                let after = ws.moveToBestCommunity(v, g, scale: scale)
                if after == before { continue }
                moves += 1
                // Neighbours that may now prefer to follow, or to leave: look again.
                for k in g.offsets[v] ..< g.offsets[v + 1] {
                    let u = Int(g.targets[k])
                    if !active[u] && membership[u] != after {
                        active[u] = true
                        activeCount += 1
                    }
                }
            }
        }
        return moves
    }
}
