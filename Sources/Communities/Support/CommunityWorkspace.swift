/// The scratch memory of one Louvain or Leiden run: flat arrays sized for the input
/// graph (every level above is smaller), allocated once and freed when the run ends.
/// The kernels index them without bounds checks; this class is the only place that
/// allocates raw memory in the module.
@usableFromInline
final class CommunityWorkspace {
    let capacity: Int
    /// Community of each node of the current level.
    let membership: UnsafeMutableBufferPointer<Int32>
    /// Sum of node weights of each community (its `K_c` or `n_c`).
    let communityWeight: UnsafeMutableBufferPointer<Double>
    /// Number of nodes in each community.
    let communitySize: UnsafeMutableBufferPointer<Int32>
    /// Communities with no node, to hand out when a node leaves alone.
    let emptyCommunities: UnsafeMutableBufferPointer<Int32>
    var emptyCount = 0
    /// Weight from the node at hand to each community; all zero between uses.
    let neighborWeight: UnsafeMutableBufferPointer<Double>
    /// Communities with a non-zero `neighborWeight`.
    let touched: UnsafeMutableBufferPointer<Int32>
    /// The queue of fast local moving (a ring buffer) and who is in it.
    let queue: UnsafeMutableBufferPointer<Int32>
    let inQueue: UnsafeMutableBufferPointer<Bool>
    /// Refinement: the refined community of each node, its weight and size, each
    /// refined community's weight to the rest of its community, each node's weight to
    /// the rest of its community.
    let refined: UnsafeMutableBufferPointer<Int32>
    let refinedWeight: UnsafeMutableBufferPointer<Double>
    let refinedSize: UnsafeMutableBufferPointer<Int32>
    let refinedExternal: UnsafeMutableBufferPointer<Double>
    let nodeInternal: UnsafeMutableBufferPointer<Double>
    /// Candidate gains during refinement, in step with `touched`.
    let gains: UnsafeMutableBufferPointer<Double>
    /// Relabelling scratch.
    let labelMap: UnsafeMutableBufferPointer<Int32>
    /// Candidate gains during refinement.
    let candidateGains: UnsafeMutableBufferPointer<Double>
    /// The communities of one node's neighbours (short lists).
    let gathered: UnsafeMutableBufferPointer<Int32>

    init(capacity n: Int) {
        capacity = n
        func make<T>(_ value: T) -> UnsafeMutableBufferPointer<T> {
            let p = UnsafeMutableBufferPointer<T>.allocate(capacity: max(n, 1))
            p.initialize(repeating: value)
            return p
        }
        membership = make(0)
        communityWeight = make(0)
        communitySize = make(0)
        emptyCommunities = make(0)
        neighborWeight = make(0)
        touched = make(0)
        queue = make(0)
        inQueue = make(false)
        refined = make(0)
        refinedWeight = make(0)
        refinedSize = make(0)
        refinedExternal = make(0)
        nodeInternal = make(0)
        gains = make(0)
        labelMap = make(-1)
        candidateGains = make(0)
        gathered = UnsafeMutableBufferPointer<Int32>.allocate(capacity: CommunityWorkspace.shortList)
        gathered.initialize(repeating: 0)
    }

    deinit {
        membership.deallocate(); communityWeight.deallocate(); communitySize.deallocate()
        emptyCommunities.deallocate(); neighborWeight.deallocate(); touched.deallocate()
        queue.deallocate(); inQueue.deallocate(); refined.deallocate(); refinedWeight.deallocate()
        refinedSize.deallocate(); refinedExternal.deallocate(); nodeInternal.deallocate()
        gains.deallocate(); labelMap.deallocate(); candidateGains.deallocate(); gathered.deallocate()
    }

    /// Sets the membership of the `g.nodeCount` nodes (labels in `0 ..< nodeCount`) and
    /// recomputes the community weights, sizes and the list of empty communities.
    /// - Complexity: O(n).
    func load(_ g: LevelView, labels: UnsafeBufferPointer<Int32>) {
        let n = g.nodeCount
        for c in 0 ..< n { communityWeight[c] = 0; communitySize[c] = 0 }
        for v in 0 ..< n {
            let c = Int(labels[v])
            membership[v] = labels[v]
            communityWeight[c] += g.nodeWeight[v]
            communitySize[c] += 1
        }
        emptyCount = 0
        var c = n - 1
        while c >= 0 {
            if communitySize[c] == 0 { emptyCommunities[emptyCount] = Int32(c); emptyCount += 1 }
            c -= 1
        }
    }

    /// Renumbers `labels[0 ..< n]` (values in `0 ..< n`) in order of first appearance;
    /// returns the number of distinct labels.
    /// - Complexity: O(n).
    func canonicalize(_ labels: UnsafeMutableBufferPointer<Int32>, count n: Int) -> Int {
        var next: Int32 = 0
        for v in 0 ..< n {
            let l = Int(labels[v])
            if labelMap[l] < 0 { labelMap[l] = next; next += 1 }
            labels[v] = labelMap[l]
        }
        for v in 0 ..< n { labelMap[v] = -1 }
        return Int(next)
    }

    /// Sets `nodeInternal[v]` to the weight from each node to the rest of its
    /// community (loops left out) and returns the weight inside communities, each
    /// edge once, loops included (L_in).
    /// - Complexity: O(n + m) of the level.
    func measureInside(_ g: LevelView) -> Double {
        let n = g.nodeCount
        var total = 0.0
        for v in 0 ..< n {
            let c = membership[v]
            var inside = 0.0, loops = 0.0
            for k in g.offsets[v] ..< g.offsets[v + 1] {
                let u = Int(g.targets[k])
                let w = Double(g.weights[k])
                inside += membership[u] == c && u != v ? w : 0
                loops += u == v ? w : 0
            }
            nodeInternal[v] = inside
            total += inside + 2 * loops
        }
        return total / 2
    }

    /// The parts of modularity of the loaded partition of a level whose node
    /// weights are strengths, given its inner weight.
    /// - Complexity: O(n) of the level.
    func modularityParts(_ g: LevelView, inside: Double, totalWeight: Double) -> Modularity.Parts {
        var squares = 0.0
        for c in 0 ..< g.nodeCount where communitySize[c] > 0 { squares += communityWeight[c] * communityWeight[c] }
        return Modularity.Parts(inside: inside, sumSquaredStrength: squares, totalWeight: totalWeight)
    }

    /// Sets `refined` to the connected parts of each community of the loaded
    /// partition (canonical labels) and returns their number.
    /// - Complexity: O(n + m α(n)) of the level.
    func connectedParts(_ g: LevelView) -> Int {
        let n = g.nodeCount
        let parent = refined
        for v in 0 ..< n { parent[v] = Int32(v) }
        @inline(__always) func root(_ x: Int) -> Int {
            var x = x
            while Int(parent[x]) != x { parent[x] = parent[Int(parent[x])]; x = Int(parent[x]) }
            return x
        }
        for v in 0 ..< n {
            for k in g.offsets[v] ..< g.offsets[v + 1] {
                let u = Int(g.targets[k])
                guard u > v && membership[u] == membership[v] else { continue }
                let a = root(u), b = root(v)
                if a != b { parent[max(a, b)] = Int32(min(a, b)) }
            }
        }
        for v in 0 ..< n { parent[v] = Int32(root(v)) }
        return canonicalize(parent, count: n)
    }

    // MARK: - Moving one node

    /// Moves node `v` to the community where the quality gains most (staying where it
    /// is on ties; alone in an empty community when every community loses). Returns
    /// the community it is in afterwards. Leaves `neighborWeight` zeroed.
    ///
    /// The gain of joining community `C` is `w(v, C) − scale · a_v · A_C`, with `A_C`
    /// taken without `v`.
    /// - Complexity: O(degree of v).
    @inline(__always)
    func moveToBestCommunity(_ v: Int, _ g: LevelView, scale: Double) -> Int32 {
        let current = membership[v]
        let ci = Int(current)
        let lo = g.offsets[v], hi = g.offsets[v + 1]
        let a = g.nodeWeight[v]
        communityWeight[ci] -= a
        let aScaled = scale * a
        var best = current
        var bestGain: Double
        if hi - lo <= CommunityWorkspace.shortList {
            // Few neighbours: gather (community, weight) in a short list that stays in
            // cache, instead of touching a big array once per edge.
            // First gather the neighbours' communities (independent loads the CPU
            // can overlap), then add up by linear search in the short list.
            let degree = hi - lo
            for i in 0 ..< degree {
                let u = Int(g.targets[lo + i])
                gathered[i] = u == v ? -1 : membership[u]
            }
            var count = 0
            var own = 0.0
            for i in 0 ..< degree {
                let c = gathered[i]
                if c < 0 { continue }
                let w = Double(g.weights[lo + i])
                if c == current { own += w; continue }
                var j = 0
                while j < count && touched[j] != c { j += 1 }
                if j == count { touched[j] = c; gains[j] = w; count += 1 } else { gains[j] += w }
            }
            bestGain = own - aScaled * communityWeight[ci]
            for j in 0 ..< count {
                let c = touched[j]
                let gain = gains[j] - aScaled * communityWeight[Int(c)]
                if gain > bestGain { bestGain = gain; best = c }
            }
        } else {
            var touchedCount = 0
            for k in lo ..< hi {
                let u = Int(g.targets[k])
                if u == v { continue }
                let c = Int(membership[u])
                if neighborWeight[c] == 0 { touched[touchedCount] = Int32(c); touchedCount += 1 }
                neighborWeight[c] += Double(g.weights[k])
            }
            bestGain = neighborWeight[ci] - aScaled * communityWeight[ci]
            for j in 0 ..< touchedCount {
                let c = Int(touched[j])
                let gain = neighborWeight[c] - aScaled * communityWeight[c]
                if gain > bestGain { bestGain = gain; best = Int32(c) }
                neighborWeight[c] = 0
            }
            neighborWeight[ci] = 0
        }
        // Alone, the gain is 0: leave when every community, the own one too, loses.
        if bestGain < 0 && communitySize[ci] > 1 && emptyCount > 0 {
            emptyCount -= 1
            best = emptyCommunities[emptyCount]
        }
        let bi = Int(best)
        communityWeight[bi] += a
        if best != current {
            communitySize[ci] -= 1
            communitySize[bi] += 1
            membership[v] = best
            if communitySize[ci] == 0 { emptyCommunities[emptyCount] = current; emptyCount += 1 }
        }
        return best
    }

    /// Lists up to this long are gathered by linear search rather than in
    /// `neighborWeight`.
    static let shortList = 48
}
