import Foundation
extension Leiden {
    // MARK: - Fast local moving

    /// Leiden's fast local moving (Traag, Waltman & van Eck 2019, Algorithm A.2): every
    /// node goes into a queue in random order; a node taken from the queue moves to
    /// its best community, and its neighbours outside that community that are not
    /// queued join the queue. Ends when the queue is empty, so that no single node
    /// can improve the quality by moving.
    ///
    /// Works on the workspace's membership of the `g.nodeCount` nodes. Returns the
    /// number of moves.
    /// - Complexity: O(m) per visit of every node; visits after the first are
    ///   driven by the moves.
    static func fastLocalMoving(_ g: LevelView, _ ws: CommunityWorkspace, scale: Double, random: inout SeededRandom) -> Int {
        let n = g.nodeCount
        let queue = ws.queue, inQueue = ws.inQueue, membership = ws.membership
        for i in 0 ..< n { queue[i] = Int32(i); inQueue[i] = true }
        // A random order to start with (Fisher-Yates).
        var i = n - 1
        while i > 0 {
            let j = random.next(below: i + 1)
            queue.swapAt(i, j)
            i -= 1
        }
        var head = 0, queued = n, moves = 0, visits = 0
        while queued > 0 {
            let v = Int(queue[head])
            head += 1
            if head == n { head = 0 }
            queued -= 1
            inQueue[v] = false
            visits += 1
            let before = membership[v]
            let after = ws.moveToBestCommunity(v, g, scale: scale)
            if after == before { continue }
            moves += 1
            // Neighbours that may now prefer to follow: queue them.
            for k in g.offsets[v] ..< g.offsets[v + 1] {
                let u = Int(g.targets[k])
                if !inQueue[u] && membership[u] != after {
                    var tail = head + queued
                    if tail >= n { tail -= n }
                    queue[tail] = Int32(u)
                    queued += 1
                    inQueue[u] = true
                }
            }
        }
        if debugTrace { trace("  visits=\(visits)") }
        return moves
    }
}
