import Foundation

extension Leiden {
    // MARK: - Refinement

    /// Leiden's refinement (Traag, Waltman & van Eck 2019, Algorithm A.2,
    /// `RefinePartition` and `MergeNodesSubset`): inside each community of the
    /// workspace's partition, every node starts alone; in random order (of blocks of
    /// 32 consecutive nodes, for memory locality), a node still
    /// alone that is well connected to its community joins a well-connected refined
    /// group of that community where the quality does not drop, chosen at random with
    /// probability ∝ exp(gain / randomness) (the best group when randomness is 0).
    /// Refined groups are therefore connected, and each lies inside one community.
    ///
    /// Needs the workspace's membership canonical with `communityWeight` and
    /// `nodeInternal` loaded (`load`, `measureInside`).
    /// Leaves the refined labels, canonical, in `ws.refined`; returns their number.
    /// - Complexity: O(n + m).
    static func refine(_ g: LevelView, _ ws: CommunityWorkspace, scale: Double, randomness: Double, random: inout SeededRandom) -> Int {
        let n = g.nodeCount
        let membership = ws.membership, refined = ws.refined
        let refinedWeight = ws.refinedWeight, refinedSize = ws.refinedSize
        let external = ws.refinedExternal, nodeInternal = ws.nodeInternal
        let acc = ws.neighborWeight, touched = ws.touched, sums = ws.gains, gains = ws.candidateGains
        let gathered = ws.gathered
        for v in 0 ..< n {
            refined[v] = Int32(v)
            refinedWeight[v] = g.nodeWeight[v]
            refinedSize[v] = 1
            external[v] = nodeInternal[v]
        }
        // A random order of blocks of consecutive nodes, each block in order: random
        // enough for the refinement, and neighbour lists are read in runs.
        let blockSize = 32
        let blocks = (n + blockSize - 1) / blockSize
        let order = ws.queue
        for b in 0 ..< blocks { order[b] = Int32(b) }
        var i = blocks - 1
        while i > 0 {
            let j = random.next(below: i + 1)
            order.swapAt(i, j)
            i -= 1
        }
        for step in 0 ..< n {
            let v = Int(order[step / blockSize]) * blockSize + step % blockSize
            if v >= n { continue }
            let own = Int(refined[v])
            guard refinedSize[own] == 1 else { continue }
            let c = membership[v]
            let total = ws.communityWeight[Int(c)]
            let a = g.nodeWeight[v]
            // Only nodes well connected to their community move.
            guard nodeInternal[v] >= scale * a * (total - a) else { continue }
            // Weight from v to each refined group of its community: (touched, sums).
            var touchedCount = 0
            let lo = g.offsets[v], hi = g.offsets[v + 1]
            if hi - lo <= CommunityWorkspace.shortList {
                for i in 0 ..< hi - lo {
                    let u = Int(g.targets[lo + i])
                    let inside = membership[u] == c && u != v
                    gathered[i] = inside ? refined[u] : -1
                }
                for i in 0 ..< hi - lo {
                    let t = gathered[i]
                    if t < 0 { continue }
                    let w = Double(g.weights[lo + i])
                    var j = 0
                    while j < touchedCount && touched[j] != t { j += 1 }
                    if j == touchedCount { touched[j] = t; sums[j] = w; touchedCount += 1 } else { sums[j] += w }
                }
            } else {
                for k in lo ..< hi {
                    let u = Int(g.targets[k])
                    if u == v || membership[u] != c { continue }
                    let t = Int(refined[u])
                    if acc[t] == 0 { touched[touchedCount] = Int32(t); touchedCount += 1 }
                    acc[t] += Double(g.weights[k])
                }
                for j in 0 ..< touchedCount {
                    let t = Int(touched[j])
                    sums[j] = acc[t]
                    acc[t] = 0
                }
            }
            // Candidates: well-connected groups where the gain is not negative;
            // staying alone gains 0.
            var candidateCount = 0
            var bestGain = 0.0
            for j in 0 ..< touchedCount {
                let t = Int(touched[j])
                let wt = refinedWeight[t]
                let gain = sums[j] - scale * a * wt
                if gain >= 0 && external[t] >= scale * wt * (total - wt) {
                    touched[candidateCount] = Int32(t)
                    sums[candidateCount] = sums[j]
                    gains[candidateCount] = gain
                    candidateCount += 1
                    if gain > bestGain { bestGain = gain }
                }
            }
            guard candidateCount > 0 else { continue }
            var chosen = -1
            if randomness > 0 {
                // exp((gain − best) / θ), staying alone included with gain 0.
                let alone = exp(-bestGain / randomness)
                var sum = alone
                for j in 0 ..< candidateCount {
                    let p = exp((gains[j] - bestGain) / randomness)
                    gains[j] = p
                    sum += p
                }
                var r = random.nextUnit() * sum - alone
                if r >= 0 {
                    chosen = candidateCount - 1
                    for j in 0 ..< candidateCount {
                        r -= gains[j]
                        if r < 0 { chosen = j; break }
                    }
                }
            } else {
                var best = -1.0
                for j in 0 ..< candidateCount where gains[j] > best {
                    best = gains[j]
                    chosen = j
                }
            }
            guard chosen >= 0 else { continue }
            let target = Int(touched[chosen])
            refined[v] = Int32(target)
            refinedWeight[target] += a
            refinedWeight[own] = 0
            refinedSize[target] += 1
            refinedSize[own] = 0
            external[target] += nodeInternal[v] - 2 * sums[chosen]
        }
        return ws.canonicalize(refined, count: n)
    }
}
