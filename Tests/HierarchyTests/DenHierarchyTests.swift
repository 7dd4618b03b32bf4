import FraudGraph
import Synthetic
import Foundation
import Testing
@testable import Hierarchy

@Suite struct DenHierarchyTests {
    static let den = try! HandMadeDen()

    func chart(_ h: DenHierarchy = DenHierarchy()) -> (OrgChart, [String: PlacedPerson]) {
        let report = h.run(on: Self.den.c)
        let chart = report.charts[0]
        var byID: [String: PlacedPerson] = [:]
        for p in chart.people { byID[Self.den.c.entities.id(p.person)] = p }
        return (chart, byID)
    }

    @Test func recoversTheHandMadeHierarchy() {
        let (chart, people) = chart()
        #expect(chart.method == .springRank)
        // The boss first.
        #expect(Self.den.c.entities.id(chart.people[0].person) == "B")
        // Every manager above every leader above every worker, by score and by level.
        for m in HandMadeDen.managers {
            #expect(people[m]!.level == 1)
            for l in HandMadeDen.leaders { #expect(people[m]!.score > people[l]!.score) }
        }
        for l in HandMadeDen.leaders {
            #expect(people[l]!.level == 2)
            for w in HandMadeDen.workers { #expect(people[l]!.score > people[w]!.score) }
        }
        for w in HandMadeDen.workers { #expect(people[w]!.level == 3) }
        // Mules go below the den's lowest level.
        for u in HandMadeDen.mules { #expect(people[u]!.level == 4) }
        // Level against true rank.
        let ids = Array(Self.den.truth.keys)
        let rho = spearman(ids.map { Double(people[$0]!.level) }, ids.map { Double(Self.den.truth[$0]!.rank) })
        #expect(rho >= 0.97)
    }

    @Test func rolesMatchTheTruth() {
        let (_, people) = chart()
        for (id, truth) in Self.den.truth {
            #expect(people[id]?.role.rawValue == truth.role, "\(id)")
        }
        #expect(people.count == Self.den.truth.count)
    }

    @Test func victimsStayOutAndEveryoneElseIsPlacedOnTheRightGrounds() {
        let (_, people) = chart()
        for v in HandMadeDen.victims { #expect(people[v] == nil) }
        #expect(people["B"]!.membership == .recorded)
        #expect(people["W13"]!.membership == .sharedInfrastructure)
        #expect(people["W16"]!.membership == .ties)
        #expect(people["U1"]!.membership == .ties)
        #expect(people["R"]!.membership == .ties)
    }

    @Test func evidenceNamesTheTiesBehindAPlacement() {
        let (_, people) = chart()
        let den = Self.den
        // W5 "manages" L2 (noise), but L2 manages W5 too, calls it 6 times to 2 and pays it.
        let w5 = people["W5"]!
        let tie = try! #require(w5.below.first { den.c.entities.id($0.other) == "L2" })
        #expect(tie.support.manages == 1 && tie.support.calls == 6 && tie.support.salaries == 1)
        #expect(tie.against.manages == 1 && tie.against.calls == 2)
        // manages 4 + calls 0.5 log2(7) + salary 1, less manages 4 + calls 0.5 log2(3).
        let expected: Double = 0.5 * log2(7.0) + 1.0 - 0.5 * log2(3.0)
        #expect(abs(tie.weight - expected) < 1e-5)
        // The broker is above the four leaders through their sweeps, below the boss.
        let k = people["K"]!
        #expect(k.aboveCount == 4 && k.above.allSatisfy { $0.support.sweeps == 1 })
        #expect(k.below.map { den.c.entities.id($0.other) } == ["B"])
        #expect(people["B"]!.belowCount == 0)
    }

    @Test func deterministicAndFilteredByDen() {
        let a = DenHierarchy().run(on: Self.den.c)
        let b = DenHierarchy().run(on: Self.den.c)
        #expect(a.charts[0].people.map(\.person) == b.charts[0].people.map(\.person))
        #expect(a.charts[0].people.map(\.score) == b.charts[0].people.map(\.score))
        let only = DenHierarchy().run(on: Self.den.c, dens: [Self.den.entity("D1")])
        #expect(only.charts.count == 1)
        #expect(DenHierarchy().run(on: Self.den.c, dens: [Self.den.entity("B")]).charts.isEmpty)
    }

    @Test func rawArcsAndReweightedEvidenceStillFindTheBoss() {
        var raw = DenHierarchy()
        raw.netEvidence = false
        #expect(Self.den.c.entities.id(chart(raw).0.people[0].person) == "B")
        // Money alone: salaries and sweeps.
        var money = DenHierarchy()
        money.weights.manages = 0; money.weights.contacted = 0; money.weights.recruited = 0
        let (chart, people) = chart(money)
        #expect(Self.den.c.entities.id(chart.people[0].person) == "B")
        for l in HandMadeDen.leaders { for w in HandMadeDen.workers { #expect(people[l]!.score > people[w]!.score) } }
    }

    @Test func undirectedEvidenceFallsBackToCentrality() throws {
        var b = CaseBuilder()
        let den = try b.addEntity(id: "D", kind: .den)
        let empty = try b.addEntity(id: "E", kind: .den)
        var p: [Int32] = []
        for i in 0 ..< 5 {
            p.append(try b.addEntity(id: "P\(i)", kind: .person))
            try b.addLink(source: p[i], target: den, kind: .locatedAt)
        }
        let loner = try b.addEntity(id: "Q", kind: .person)
        try b.addLink(source: loner, target: empty, kind: .locatedAt)
        // P0 met everyone; P1 met P2.
        for i in 1 ..< 5 { try b.addLink(source: p[0], target: p[i], kind: LinkKind("met")) }
        try b.addLink(source: p[1], target: p[2], kind: LinkKind("met"))
        let report = DenHierarchy().run(on: b.freeze())
        #expect(report.charts.count == 2)
        let chart = report.charts[0]
        #expect(chart.method == .centrality)
        #expect(chart.people[0].person == p[0] && chart.people[0].level == 0 && chart.people[0].rankBasis == .centrality)
        #expect(chart.people.dropFirst().allSatisfy { $0.level == 1 && $0.role == .unknown })
        #expect(report.charts[1].method == OrgChart.Method.none)
        #expect(report.charts[1].people.map(\.person) == [loner])
    }

    @Test func caseWithoutDensHasNoCharts() throws {
        var b = CaseBuilder()
        let a = try b.addEntity(id: "A", kind: .person), c = try b.addEntity(id: "C", kind: .person)
        try b.addLink(source: a, target: c, kind: .manages)
        let report = DenHierarchy().run(on: b.freeze())
        #expect(report.charts.isEmpty && report.roster.dens.isEmpty)
    }
}

@Suite struct ShortcutTests {
    func reduced(_ g: DirectedGraph) -> (DirectedGraph, ContiguousArray<Int>) {
        DenHierarchy.withoutShortcuts(g, ContiguousArray(0 ..< g.arcCount), scores: SpringRank().run(on: g).scores)
    }

    @Test func shortcutsGoOnlyWhenEveryArcOfTheLongWayIsStronger() {
        // 0 -> 1 -> 2 strong, 0 -> 2 weak: the shortcut goes.
        let (r, kept) = reduced(Graphs.directed(3, [(0, 1, 5), (1, 2, 5), (0, 2, 1)]))
        #expect(r.arcCount == 2 && r.position(of: 2, from: 0) == nil)
        #expect(kept == [0, 2])  // positions of 0 -> 1 and 1 -> 2, in out-list order
        // A weak arc on the long way (peer calls 1 -> 2) keeps the strong direct tie.
        #expect(reduced(Graphs.directed(3, [(0, 1, 5), (1, 2, 0.5), (0, 2, 5)])).0.arcCount == 3)
        // A boss paying a worker three levels down: the chain's levels come back.
        let chain = Graphs.directed(5, [(0, 1, 4), (1, 2, 4), (2, 3, 4), (0, 3, 1), (0, 2, 1), (3, 4, 4)])
        let (c, _) = reduced(chain)
        #expect(c.arcCount == 4)
        let s = SpringRank().run(on: c).scores
        for i in 0 ..< 4 { #expect(abs(s[i] - s[i + 1] - 1) < 1e-9) }
        // Without reduction the shortcuts squash the chain.
        let squashed = SpringRank().run(on: chain).scores
        #expect(squashed[0] - squashed[4] < 3.9)
    }

    @Test func eachSourceSeesOnlyItsOwnPaths() {
        // 0 -> 1 (5), 0 -> 2 (5), 1 -> 2 (1), 1 -> 3 (3), 2 -> 3 (5). From 1 the long way
        // to 3 is 1 -> 2 -> 3, as strong as its weakest arc (1): 1 -> 3 (3) stays.
        // 0 -> 2 is no shortcut either (0 -> 1 -> 2 has an arc of 1).
        let (r, _) = reduced(Graphs.directed(4, [(0, 1, 5), (0, 2, 5), (1, 2, 1), (1, 3, 3), (2, 3, 5)]))
        #expect(r.arcCount == 5)
    }

    @Test func aCycleIsNotAShortcut() {
        // 0 -> 1 -> 2 -> 0: no arc goes down a longer path, nothing is dropped.
        #expect(reduced(Graphs.directed(3, [(0, 1, 2), (1, 2, 2), (2, 0, 2)])).0.arcCount == 3)
    }
}

@Suite struct GeneratedCaseTests {
    /// The generator's tiny cases (two dens each): every boss found, levels close to
    /// the true ranks, every mule found.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func recoversPlantedDens(seed: UInt64) {
        let generated = CaseGenerator(preset: .tiny, seed: seed).generate()
        let c = generated.case
        let report = DenHierarchy().run(on: c)
        var truth: [Int32: GroundTruth.Role] = [:]
        for r in generated.truth.roles { truth[r.person] = r }
        #expect(report.charts.count == 2)
        var total = 0.0
        for chart in report.charts {
            let boss = generated.truth.roles.first { $0.den == chart.den && $0.role == "boss" }!
            #expect(chart.people.first?.person == boss.person, "den \(c.entities.id(chart.den))")
            let mine = chart.people.filter { truth[$0.person]?.den == chart.den }
            total += spearman(mine.map { Double($0.level) }, mine.map { Double(truth[$0.person]!.rank) })
            for p in chart.people where truth[p.person]?.role == "mule" { #expect(p.role == .mule) }
            // No one outside the den's truth in its chart, and nearly everyone of it.
            let placed = Set(chart.people.map(\.person))
            let members = Set(generated.truth.roles.filter { $0.den == chart.den }.map(\.person))
            #expect(placed.isSubset(of: members))
            #expect(Double(placed.count) >= 0.95 * Double(members.count))
        }
        #expect(total / Double(report.charts.count) >= 0.85)
    }
}
