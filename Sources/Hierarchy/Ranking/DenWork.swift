import FraudGraph

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The working state of one den's chart: its people in local numbering (position
/// in `members`), their directed ties, and what has been inferred so far.
struct DenWork {
    /// Entity index of each local person, ascending.
    let members: ContiguousArray<Int32>
    /// Directed ties among them, local numbering.
    let local: DirectedGraph
    /// For each arc of `local` (out-list order), its position in the command graph.
    let globalPosition: ContiguousArray<Int>
    /// The ties listed as evidence (`local` with its shortcuts, if they were dropped).
    let evidence: DirectedGraph
    var scores: ContiguousArray<Double> = []
    /// Whether each person has a directed tie in the den.
    var hasTie: ContiguousArray<Bool> = []
    /// Whether each person is in the den's main web of ties.
    var inMain: ContiguousArray<Bool> = []
    var levels: ContiguousArray<Int> = []
    var roles: ContiguousArray<DenRole> = []
    var reasons: [String] = []
    /// The top person (local), or -1.
    var boss: Int = -1

    init(members: ContiguousArray<Int32>, local: DirectedGraph, globalPosition: ContiguousArray<Int>, evidence: DirectedGraph) {
        self.members = members
        self.local = local
        self.globalPosition = globalPosition
        self.evidence = evidence
    }

    var count: Int { members.count }

    // MARK: - Components

    /// Marks the largest weakly connected group of people with ties as the main web.
    mutating func findMainComponent(_ component: ContiguousArray<Int32>) {
        hasTie = ContiguousArray(repeating: false, count: count)
        var size = ContiguousArray<Int>(repeating: 0, count: count)
        for i in 0 ..< count {
            hasTie[i] = !local.outRange(of: Int32(i)).isEmpty || !local.inRange(of: Int32(i)).isEmpty
            if hasTie[i] { size[Int(component[i])] += 1 }
        }
        var main = 0
        for k in 0 ..< count where size[k] > size[main] { main = k }
        inMain = ContiguousArray(repeating: false, count: count)
        for i in 0 ..< count where hasTie[i] && Int(component[i]) == main { inMain[i] = true }
    }

    // MARK: - Levels

    /// The score drop that makes one level: the weighted median drop along the den's
    /// `manages` ties (weight: their strength), or along all its ties when it has
    /// none; kept within [0.25, 2].
    func levelSpacing(commands: CommandGraph) -> Double {
        var drops: [(drop: Double, weight: Double)] = []
        var managed: [(drop: Double, weight: Double)] = []
        for i in 0 ..< count where inMain[i] {
            for k in local.outRange(of: Int32(i)) {
                let j = Int(local.outTargets[k])
                let drop = scores[i] - scores[j]
                drops.append((drop, Double(local.outWeights[k])))
                let m = commands.manages[globalPosition[k]]
                if m > 0 { managed.append((drop, Double(CommandWeights.strength(weight: 1, count: m)))) }
            }
        }
        let chosen = managed.isEmpty ? drops : managed
        guard !chosen.isEmpty else { return 1 }
        let sorted = chosen.sorted { $0.drop < $1.drop }
        let half = sorted.reduce(0) { $0 + $1.weight } / 2
        var acc = 0.0
        var median = sorted.last!.drop
        for item in sorted {
            acc += item.weight
            if acc >= half { median = item.drop; break }
        }
        return min(2, max(0.25, median))
    }

    /// Levels from scores: a grid of steps of `spacing`, laid where it fits the
    /// scores of the main web best (the circular mean of their phases, so that
    /// people of one level sit mid-step, not on a boundary); each person is at the
    /// grid step of their score, counted down from the highest step, and empty steps
    /// are closed up. People without a tie go to the bottom level.
    mutating func assignLevels(spacing: Double) {
        var top = -Double.infinity
        for i in 0 ..< count where inMain[i] && scores[i] > top { top = scores[i]; boss = i }
        var sine = 0.0, cosine = 0.0
        for i in 0 ..< count where inMain[i] {
            let angle = 2 * Double.pi * scores[i] / spacing
            sine += sin(angle); cosine += cos(angle)
        }
        let origin = (sine == 0 && cosine == 0) ? top : atan2(sine, cosine) / (2 * Double.pi) * spacing
        var step = ContiguousArray<Int>(repeating: Int.min, count: count)
        var used = Set<Int>()
        let highest = Int(((top - origin) / spacing).rounded())
        for i in 0 ..< count where hasTie[i] {
            step[i] = min(highest, Int(((scores[i] - origin) / spacing).rounded()))
            used.insert(step[i])
        }
        let order = used.sorted(by: >)
        var compact: [Int: Int] = [:]
        for (k, v) in order.enumerated() { compact[v] = k }
        let bottom = max(0, order.count - 1)
        levels = ContiguousArray(repeating: bottom, count: count)
        for i in 0 ..< count where step[i] != Int.min { levels[i] = compact[step[i]]! }
        findBoss()
    }

    /// The boss: of the people of the main web who are (nearly) below no one — the
    /// ties that put them below others weigh at most a fifth of those that put them
    /// above others, so that one stray call does not unseat a boss — the one above
    /// the most people of the den, directly or through others (ties: the higher
    /// score); the top score when there is no such person. Reach counts every tie,
    /// shortcuts included: a payroll says who is above whom.
    mutating func findBoss() {
        let g = evidence
        let ratio: Float = 0.2
        var candidates = (0 ..< count).filter { c in
            guard inMain[c] && !g.outRange(of: Int32(c)).isEmpty else { return false }
            var out: Float = 0, inn: Float = 0
            for k in g.outRange(of: Int32(c)) { out += g.outWeights[k] }
            for k in g.inRange(of: Int32(c)) { inn += g.inWeights[k] }
            return inn <= ratio * out
        }
        candidates.sort { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        candidates = Array(candidates.prefix(20))
        var best = -1, bestReach = -1
        var seen = ContiguousArray<Int>(repeating: -1, count: count)
        var queue: [Int] = []
        for c in candidates {
            queue.removeAll(keepingCapacity: true)
            queue.append(c); seen[c] = c
            var head = 0
            while head < queue.count {
                let u = queue[head]; head += 1
                for k in g.outRange(of: Int32(u)) {
                    let v = Int(g.outTargets[k])
                    if seen[v] != c { seen[v] = c; queue.append(v) }
                }
            }
            if queue.count > bestReach { best = c; bestReach = queue.count }
        }
        if best >= 0 { boss = best }
        // The boss must be above someone.
        if boss >= 0 && g.outRange(of: Int32(boss)).isEmpty { boss = -1 }
        if boss >= 0 { levels[boss] = 0 }
    }
}
