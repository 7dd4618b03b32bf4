import FraudGraph

/// The hierarchy inside each den: who runs it, who commands whom.
///
/// Phases, per den:
/// 1. membership (`DenPlacement`): who belongs to the den;
/// 2. ties: the directed command ties among them (`CommandGraph`), the evidence
///    between two people weighed against each other (`netEvidence`), shortcuts
///    left out (`dropShortcuts`, after a first SpringRank pass);
/// 3. ranking: SpringRank on those ties; a den without directed ties falls back to
///    PageRank on its undirected ties, and says so (`OrgChart.Method.centrality`);
/// 4. levels: a grid of steps of `spacing` (the median score drop along the den's
///    `manages` ties, or along all its ties when it has none) laid where it fits the
///    scores best; each person at the step of their score, counted from the top,
///    empty steps closed up;
/// 5. the boss: (nearly) below no one and above the most people of the den
///    (`DenWork.findBoss`), at level 0;
/// 6. roles: from what people do (mule, recruiter, broker), then from levels
///    (manager, leader, worker); mules, who are not in the den's chain of
///    command, go one level below its lowest level;
/// 7. evidence: for each person the ties that put them above or below whom.
public struct DenHierarchy: Sendable {
    /// Weights of the evidence kinds.
    public var weights = CommandWeights()
    /// The SpringRank solver (its `alpha` regularises; 0 by default).
    public var springRank = SpringRank()
    /// Ties of evidence kept per person and direction.
    public var evidenceLimit = 5
    /// Weigh the evidence between two people against each other before ranking:
    /// one spring per pair, in the direction the evidence favours, as strong as the
    /// difference (`u` called `v` six times and `v` called `u` twice is a weak
    /// "`u` above `v`", not two opposing springs that would pull them to the same
    /// level). False ranks the raw arcs both ways, as plain SpringRank does.
    public var netEvidence = true
    /// Rank without shortcut ties (`u -> w` when a longer path `u -> ... -> w` is
    /// there too, each arc at least as strong; see `withoutShortcuts`); they
    /// still show as evidence.
    public var dropShortcuts = true
    /// The weakest longer way that makes a tie of salaries or recruitment a
    /// shortcut: a path of calls alone (weaker) does not.
    public var minimumLongWay: Float = 0

    public init() {}

    /// The org charts of `c`'s dens.
    /// - Parameters:
    ///   - rings: one ring number per entity (-1: none), to place persons whose den
    ///     is not written down (`DenPlacement` step 4); nil to skip that step.
    ///   - dens: the den entities to chart; nil for every den.
    /// - Complexity: O(entities + links + transfers) to build the projections, then
    ///   per den O(arcs · CG iterations).
    public func run(on c: Case, rings: [Int32]? = nil, dens: [Int32]? = nil) -> HierarchyReport {
        run(on: inputs(c, rings: rings), dens: dens)
    }

    /// The projections every den's chart reads, built once.
    public struct Inputs: Sendable {
        public let owners: AccountOwners
        public let victims: VictimMoney
        public let commands: CommandGraph
        public let roster: DenRoster
        public let activity: PersonActivity
        /// Undirected ties between persons (any link), for the centrality fallback.
        public let personTies: WeightedGraph
        public let usedRings: Bool
    }

    /// The projections of `c` (see `run`).
    /// - Complexity: O(entities + links + transfers).
    public func inputs(_ c: Case, rings: [Int32]? = nil) -> Inputs {
        let owners = AccountOwners(c)
        let victims = VictimMoney(c, owners: owners)
        let commands = CommandGraph(c, weights: weights, owners: owners, ledger: Ledger(c.transfers), victims: victims)
        let roster = DenPlacement().run(on: c, commands: commands, owners: owners, victims: victims, rings: rings)
        let activity = PersonActivity(c, commands: commands, owners: owners, roster: roster)
        return Inputs(owners: owners, victims: victims, commands: commands, roster: roster, activity: activity,
                      personTies: DenHierarchy.personTies(c), usedRings: rings != nil)
    }

    /// The org charts of the dens `dens` (entity indices; nil for all) from projections
    /// already built.
    public func run(on inputs: Inputs, dens: [Int32]? = nil) -> HierarchyReport {
        let roster = inputs.roster
        let numbers: [Int] = dens.map { $0.compactMap { roster.denNumber(ofEntity: $0) } } ?? Array(0 ..< roster.dens.count)
        var scratch = ContiguousArray<Int32>(repeating: -1, count: roster.denOf.count)
        var charts: [OrgChart] = []
        charts.reserveCapacity(numbers.count)
        for d in numbers { charts.append(chart(den: d, inputs: inputs, localOf: &scratch)) }
        return HierarchyReport(roster: roster, charts: charts, weights: weights, alpha: springRank.alpha, usedRings: inputs.usedRings,
                               salaryPayments: inputs.commands.salaryPaymentCount, sweepPayments: inputs.commands.sweepPaymentCount)
    }

    /// The directed ties SpringRank ranks for den number `d`: its members (entity
    /// indices, ascending) and the ties among them in local numbering, netted when
    /// `netEvidence`, with each tie's position in the command graph.
    public func denTies(den d: Int, inputs: Inputs) -> (members: ContiguousArray<Int32>, ties: DirectedGraph, positions: ContiguousArray<Int>) {
        var scratch = ContiguousArray<Int32>(repeating: -1, count: inputs.roster.denOf.count)
        let members = ContiguousArray(inputs.roster.members(ofDen: d))
        for (i, e) in members.enumerated() { scratch[Int(e)] = Int32(i) }
        let (g, p) = localTies(members, inputs.commands, scratch)
        return (members, g, p)
    }

    /// Ties among `members` (numbered by `localOf`), in the order of the local CSR.
    func localTies(_ members: ContiguousArray<Int32>, _ commands: CommandGraph, _ localOf: ContiguousArray<Int32>)
        -> (DirectedGraph, ContiguousArray<Int>) {
        let (g, p, _) = localTiesAndLevels(members, commands, localOf)
        return (g, p)
    }

    /// `localTies`, with each tie's evidence of being one level apart: its weight
    /// less the salaries and recruitment behind it, but at least `minimumLongWay`
    /// (see `withoutShortcuts`).
    func localTiesAndLevels(_ members: ContiguousArray<Int32>, _ commands: CommandGraph, _ localOf: ContiguousArray<Int32>)
        -> (DirectedGraph, ContiguousArray<Int>, ContiguousArray<Float>) {
        let g = commands.graph
        var src = ContiguousArray<Int32>(), dst = ContiguousArray<Int32>(), w = ContiguousArray<Float>()
        var position = ContiguousArray<Int>()
        var level = ContiguousArray<Float>()
        for (i, u) in members.enumerated() {
            for p in g.outRange(of: u) {
                let v = g.outTargets[p]
                let j = localOf[Int(v)]
                guard j >= 0 else { continue }
                var weight = g.outWeights[p]
                if netEvidence, let back = g.position(of: u, from: v) {
                    weight -= g.outWeights[back]
                    guard weight > 0 else { continue }
                }
                src.append(Int32(i)); dst.append(j); w.append(weight); position.append(p)
                let ordering = CommandWeights.strength(weight: weights.salary, count: commands.salaries[p])
                    + CommandWeights.strength(weight: weights.recruited, count: commands.recruited[p])
                level.append(max(min(weight, minimumLongWay), weight - ordering))
            }
        }
        return (DirectedGraph(nodeCount: members.count, sources: src, destinations: dst, weights: w), position, level)
    }

    /// `g` without its shortcuts: an arc `u -> w` goes when a longer path leads from
    /// `u` down to `w` whose every arc is at least as strong as the arc's evidence
    /// of being one level apart (`levelWeights`; its whole weight when nil). A boss
    /// who pays a leader directly says nothing that boss -> manager -> leader does
    /// not; as a spring of length one it would pull the boss and the leader a level
    /// apart and squash the levels between them. Salaries and recruitment say who is
    /// above whom, not by how many levels, so they are left out of `levelWeights`.
    /// Paths are followed only downwards in `scores` (a first ranking), so that they
    /// cannot loop back through `w`. `positions` are kept in step.
    /// - Complexity: O(m) per node with two or more out-arcs (widest paths over the
    ///   nodes in score order).
    static func withoutShortcuts(_ g: DirectedGraph, _ positions: ContiguousArray<Int>, scores: ContiguousArray<Double>,
                                 levelWeights: ContiguousArray<Float>? = nil) -> (DirectedGraph, ContiguousArray<Int>) {
        let threshold = levelWeights ?? g.outWeights
        let n = g.nodeCount
        let order = (0 ..< n).sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        var rank = ContiguousArray<Int>(repeating: 0, count: n)
        for (r, u) in order.enumerated() { rank[u] = r }
        // Widest path from the current source to each node, downwards only.
        var widest = ContiguousArray<Float>(repeating: 0, count: n)
        var drop = ContiguousArray<Bool>(repeating: false, count: g.arcCount)
        for u in 0 ..< n where g.outRange(of: Int32(u)).count >= 2 {
            for r in rank[u] ..< n { widest[order[r]] = 0 }
            widest[u] = .infinity
            for r in (rank[u] + 1) ..< n {
                let x = order[r]
                var best: Float = 0
                for q in g.inRange(of: Int32(x)) {
                    let y = Int(g.inSources[q])
                    if rank[y] >= rank[u] && rank[y] < r && widest[y] > 0 { best = max(best, min(widest[y], g.inWeights[q])) }
                }
                widest[x] = best
            }
            // An arc u -> w is a shortcut when some v != u leads to w at least as strongly.
            for k in g.outRange(of: Int32(u)) {
                let w = Int(g.outTargets[k])
                guard rank[w] > rank[u] else { continue }
                for q in g.inRange(of: Int32(w)) {
                    let v = Int(g.inSources[q])
                    if v != u && rank[v] > rank[u] && rank[v] < rank[w] && min(widest[v], g.inWeights[q]) >= threshold[k] {
                        drop[k] = true
                        break
                    }
                }
            }
        }
        var src = ContiguousArray<Int32>(), dst = ContiguousArray<Int32>(), w = ContiguousArray<Float>()
        var kept = ContiguousArray<Int>()
        for u in 0 ..< n {
            for k in g.outRange(of: Int32(u)) where !drop[k] {
                src.append(Int32(u)); dst.append(g.outTargets[k]); w.append(g.outWeights[k]); kept.append(positions[k])
            }
        }
        return (DirectedGraph(nodeCount: n, sources: src, destinations: dst, weights: w), kept)
    }

    /// The chart of den number `d`. `localOf` is all -1 on entry and on return.
    func chart(den d: Int, inputs: Inputs, localOf: inout ContiguousArray<Int32>) -> OrgChart {
        let roster = inputs.roster, commands = inputs.commands, activity = inputs.activity
        let members = ContiguousArray(roster.members(ofDen: d))
        for (i, e) in members.enumerated() { localOf[Int(e)] = Int32(i) }
        defer { for e in members { localOf[Int(e)] = -1 } }
        // MARK: - The den's directed ties
        let (netted, nettedPosition, levelWeights) = localTiesAndLevels(members, commands, localOf)
        var (local, position) = (netted, nettedPosition)
        if dropShortcuts && netted.arcCount > 0 {
            let first = springRank.run(on: netted)
            (local, position) = DenHierarchy.withoutShortcuts(netted, nettedPosition, scores: first.scores, levelWeights: levelWeights)
        }
        let den = roster.dens[d]
        guard local.arcCount > 0 else {
            return fallbackChart(den: den, members: members, ties: inputs.personTies, roster: roster, activity: activity, localOf: localOf)
        }
        var work = DenWork(members: members, local: local, globalPosition: position, evidence: netted)
        // MARK: - Ranking
        let ranked = springRank.run(on: local)
        work.scores = ranked.scores
        work.findMainComponent(ranked.component)
        // MARK: - Levels, roles, evidence
        let spacing = work.levelSpacing(commands: commands)
        work.assignLevels(spacing: spacing)
        work.assignRoles(roster: roster, activity: activity)
        let people = work.placedPeople(commands: commands, roster: roster, evidenceLimit: evidenceLimit)
        return OrgChart(den: den, method: .springRank, people: people, arcCount: local.arcCount, levelSpacing: spacing,
                        iterations: ranked.iterations, relativeResidual: ranked.relativeResidual)
    }
}
