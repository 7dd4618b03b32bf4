import FraudGraph

/// The hierarchy inside each den: who runs it, who commands whom.
///
/// Phases, per den:
/// 1. membership (`DenPlacement`): who belongs to the den;
/// 2. ranking: SpringRank on the directed command ties among them
///    (`CommandGraph`); a den without directed ties falls back to PageRank on its
///    undirected ties, and says so (`OrgChart.Method.centrality`);
/// 3. levels: the top score is level 0; a person is `round((top - score) / spacing)`
///    levels below, `spacing` being the typical score drop along the den's surest
///    ties (the median drop along `manages` ties, or along all ties when it has none);
///    empty levels are closed up;
/// 4. roles: from what people do (mule, recruiter, broker) and from levels (boss,
///    manager, leader, worker);
/// 5. evidence: for each person the ties that put them above or below whom.
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

    public init() {}

    /// The org charts of `c`'s dens.
    /// - Parameters:
    ///   - rings: one ring number per entity (-1: none), to place persons whose den
    ///     is not written down (`DenPlacement` step 3); nil to skip that step.
    ///   - dens: the den entities to chart; nil for every den.
    /// - Complexity: O(entities + links + transfers) to build the projections, then
    ///   per den O(arcs · CG iterations).
    public func run(on c: Case, rings: [Int32]? = nil, dens: [Int32]? = nil) -> HierarchyReport {
        // MARK: - Projections
        let owners = AccountOwners(c)
        let victims = VictimMoney(c, owners: owners)
        let commands = CommandGraph(c, weights: weights, owners: owners, ledger: Ledger(c.transfers), victims: victims)
        let roster = DenPlacement().run(on: c, commands: commands, owners: owners, victims: victims, rings: rings)
        let activity = PersonActivity(c, commands: commands, owners: owners, victims: victims)
        let numbers: [Int] = dens.map { $0.compactMap { roster.denNumber(ofEntity: $0) } } ?? Array(0 ..< roster.dens.count)
        // MARK: - Charts
        let ties = DenHierarchy.personTies(c)
        var scratch = ContiguousArray<Int32>(repeating: -1, count: c.entities.count)
        var charts: [OrgChart] = []
        charts.reserveCapacity(numbers.count)
        for d in numbers {
            charts.append(chart(den: d, roster: roster, commands: commands, ties: ties, activity: activity, localOf: &scratch))
        }
        return HierarchyReport(roster: roster, charts: charts, weights: weights, alpha: springRank.alpha, usedRings: rings != nil,
                               salaryPayments: commands.salaryPaymentCount, sweepPayments: commands.sweepPaymentCount)
    }

    /// The chart of den number `d`. `localOf` is all -1 on entry and on return.
    func chart(den d: Int, roster: DenRoster, commands: CommandGraph, ties: WeightedGraph, activity: PersonActivity,
               localOf: inout ContiguousArray<Int32>) -> OrgChart {
        let members = ContiguousArray(roster.members(ofDen: d))
        for (i, e) in members.enumerated() { localOf[Int(e)] = Int32(i) }
        defer { for e in members { localOf[Int(e)] = -1 } }
        // MARK: - The den's directed ties
        let g = commands.graph
        var src = ContiguousArray<Int32>(), dst = ContiguousArray<Int32>(), w = ContiguousArray<Float>()
        var position = ContiguousArray<Int>()
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
            }
        }
        let den = roster.dens[d]
        guard !src.isEmpty else {
            return fallbackChart(den: den, members: members, ties: ties, roster: roster, activity: activity, localOf: localOf)
        }
        let local = DirectedGraph(nodeCount: members.count, sources: src, destinations: dst, weights: w)
        var work = DenWork(members: members, local: local, globalPosition: position)
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
