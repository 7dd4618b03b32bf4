import FraudGraph
import Synthetic
import Testing
@testable import GraphvizExport

/// Worked examples: a chain of people A - B - C - D - E tied by `contacted`.
enum Chain {
    static func build() throws -> (Case, [Int32]) {
        var b = CaseBuilder()
        var p: [Int32] = []
        for (i, n) in ["A", "B", "C", "D", "E"].enumerated() { p.append(try b.addEntity(id: "P\(i)", kind: .person, name: n)) }
        for i in 0 ..< 4 { try b.addLink(source: p[i], target: p[i + 1], kind: .contacted, weight: 2) }
        return (b.freeze(), p)
    }
}

@Suite struct EgoDiagramTests {
    @Test func reachesExactlyTheHopsAskedFor() throws {
        let (c, p) = try Chain.build()
        let one = EgoDiagram(hops: 1).build(c, center: p[2])
        #expect(Set(one.nodes.map(\.entity)) == [p[1], p[2], p[3]])
        #expect(one.edges.count == 2)
        #expect(one.nodes.first { $0.entity == p[2] }!.marks == [.focus])
        let two = EgoDiagram(hops: 2).build(c, center: p[2])
        #expect(Set(two.nodes.map(\.entity)) == Set(p))
        let zero = EgoDiagram(hops: 0).build(c, center: p[0])
        #expect(zero.nodes.map(\.entity) == [p[0]] && zero.edges.isEmpty)
    }

    @Test func keepsTheNearestWhenTooMany() throws {
        let (c, p) = try Chain.build()
        let d = EgoDiagram(hops: 4, maxEntities: 3).build(c, center: p[0])
        #expect(d.nodes.map(\.entity) == [p[0], p[1], p[2]])
        #expect(d.notes.contains { $0.contains("5 entities within 4 hops") && $0.contains("the 3 nearest are shown") })
    }

    @Test func mergesTransfersPerPairWithTheirTotal() throws {
        let s = try SampleCase.build()
        let d = EgoDiagram(hops: 1).build(s.c, center: s.collector)
        // Five cash withdrawals of 10,000.00 to the ATM are one edge.
        let atm = s.c.entities.index(of: "CASH-ATM-KH")!
        let toATM = d.edges.filter { d.nodes[$0.to].entity == atm && $0.look == .transfer }
        #expect(toATM.count == 1 && toATM[0].count == 5 && toATM[0].amount == Money(whole: 50_000))
        #expect(DiagramWriter.edgeText(toATM[0]).prefix(2) == ["50,000.00 USD", "5 transfers"])
    }
}

@Suite struct HubCollapseTests {
    /// A collector receiving from `n` one-off senders, each 100.00 USD, plus one
    /// sender that also pays someone else.
    static func fanIn(_ n: Int) throws -> (Case, Int32) {
        var b = CaseBuilder()
        let hub = try b.addEntity(id: "HUB", kind: .account, name: "collector")
        for i in 0 ..< n {
            let a = try b.addEntity(id: "S\(i)", kind: .account)
            try b.addTransfer(id: "T\(i)", from: a, to: hub, amount: Money(whole: 100), time: 1_700_000_000 + Int64(i))
        }
        let busy = try b.addEntity(id: "BUSY", kind: .account)
        let other = try b.addEntity(id: "OTHER", kind: .account)
        try b.addTransfer(id: "TB1", from: busy, to: hub, amount: Money(whole: 7), time: 1_700_100_000)
        try b.addTransfer(id: "TB2", from: busy, to: other, amount: Money(whole: 5), time: 1_700_100_001)
        return (b.freeze(), hub)
    }

    @Test func collapsesOneOffSendersAndKeepsTheMoney() throws {
        let (c, hub) = try Self.fanIn(300)
        var d = EgoDiagram(hops: 2, maxEntities: 1000, hubThreshold: 1000).build(c, center: hub)
        let before = d.edges.filter { d.nodes[$0.to].entity == hub }.reduce(Int64(0)) { $0 + ($1.amount?.units ?? 0) }
        #expect(d.nodes.count == 303)
        let removed = HubCollapse(threshold: 25).apply(to: &d)
        #expect(removed == 299)
        #expect(d.nodes.count == 4)  // hub, busy, other, one summary
        let summary = try #require(d.nodes.first { if case .summary(.account) = $0.look { true } else { false } })
        #expect(summary.title == "300 accounts")
        let into = d.edges.filter { d.nodes[$0.to].entity == hub }
        let after = into.reduce(Int64(0)) { $0 + ($1.amount?.units ?? 0) }
        #expect(after == before)
        #expect(into.contains { $0.count == 300 && $0.amount == Money(whole: 30_000) })
    }

    @Test func leavesSmallFansAlone() throws {
        let (c, hub) = try Self.fanIn(10)
        var d = EgoDiagram(hops: 1, hubThreshold: 1000).build(c, center: hub)
        #expect(HubCollapse(threshold: 25).apply(to: &d) == 0)
        #expect(d.nodes.count == 12)
    }
}

@Suite struct OverviewDiagramTests {
    @Test func tieComponentsFollowTiesNotCallsOrMoney() throws {
        let s = try SampleCase.build()
        let g = Grouping.tieComponents(s.c)
        let e = s.c.entities
        let compound = g.membership[Int(s.compound)]
        #expect(compound == 1)  // the largest
        // The boss, the call centre (the shared laptop), the mules (recruited) and the collector (owned by the boss's firm).
        for id in ["P-001", "DEN-2", "P-50", "A-M01", "A-C01"] {
            let i = try #require(e.index(of: id), "\(id)")
            #expect(g.membership[Int(i)] == compound, "\(id)")
        }
        // Victims are only called and paid: not in the ring.
        #expect(g.membership[Int(e.index(of: "V-01")!)] != compound)
        // Every entity once; groups of one are -1.
        #expect(g.membership.count == e.count)
        #expect(g.membership[Int(e.index(of: "EXCH-1")!)] == -1)
    }

    @Test func aBigCaseIsDrawnAsGroupsWithMoneyConserved() throws {
        let s = try SampleCase.build()
        let g = Grouping.tieComponents(s.c)
        let d = OverviewDiagram(detailLimit: 10, minGroupSize: 3).build(s.c, grouping: g)
        #expect(d.engine == .sfdp)
        #expect(d.nodes.allSatisfy { $0.look == .group })
        #expect(d.nodes.reduce(0) { $0 + Int($1.details[0].split(separator: " ")[0])! } == s.c.entities.count)
        #expect(d.nodes[0].title == "Group 1")
        // 110,900.00 of victims' money went to the ring's accounts.
        #expect(d.nodes[0].details.contains("victims' money in: 110,900.00 USD"))
    }

    @Test func aSmallCaseIsDrawnEntityByEntity() throws {
        let s = try SampleCase.build()
        let d = OverviewDiagram().build(s.c, grouping: .tieComponents(s.c))
        #expect(d.nodes.count == s.c.entities.count)
        let fills = Set(d.nodes.filter { $0.entity >= 0 }.compactMap(\.fill))
        #expect(fills.contains(Theme.standard.ringColor(0)))
    }
}

@Suite struct RingDiagramTests {
    @Test func membersAreBoxedByTheirDen() throws {
        let s = try SampleCase.build()
        let e = s.c.entities
        let members = (0 ..< Int32(e.count)).filter { !e.id($0).hasPrefix("V-") && !e.id($0).hasPrefix("A-V") }
        let den = RingDiagram.denAssignment(s.c, members: members)
        #expect(den[e.index(of: "P-010")!] == s.compound)            // a worker, located at the compound
        #expect(den[e.index(of: "P-031")!] == s.callCentre)          // the call centre's manager
        #expect(den[e.index(of: "DV-LAPTOP-1")!] == s.compound)      // used by two compound people, one of the call centre
        #expect(den[e.index(of: "PH-855120000")!] == s.compound)     // a leader's phone
        #expect(den[e.index(of: "A-M01")!] == nil)                   // a mule's account: no den
        let d = RingDiagram().build(s.c, ring: RingMembers(id: 1, members: members, source: "test"))
        #expect(d.clusters.map(\.title) == ["Den: Golden Lotus compound", "Den: Riverside call centre"])
        let worker = d.nodes.first { $0.entity == e.index(of: "P-010")! }!
        #expect(worker.cluster == 0)
        #expect(d.nodes.first { $0.entity == e.index(of: "A-M01")! }!.cluster == nil)
        // The collector's money in and out is written on it.
        let collector = d.nodes.first { $0.entity == s.collector }!
        #expect(collector.details.contains("in 89,000.00 USD") && collector.details.contains("out 50,000.00 USD"))
    }

    @Test func plantedRingIsDrawnWhole() throws {
        let g = CaseGenerator(preset: .tiny, seed: 7).generate()
        let ring = RingMembers.from(g.truthGrouping, id: 1)
        let d = RingDiagram(hubThreshold: 10_000).build(g.case, ring: ring)
        let drawn = Set(d.nodes.map(\.entity))
        #expect(Set(ring.members).isSubset(of: drawn))
        // Everyone the planted truth puts in the den and the case locates there is in its box.
        let den = g.dens[0]
        let box = d.clusters.firstIndex { $0.title == "Den: " + g.case.entities.displayName(den) }!
        let located = (0 ..< g.case.links.count).filter {
            g.case.links.kind[$0] == LinkKind.Code.locatedAt && g.case.links.target[$0] == den
        }.map { g.case.links.source[$0] }
        for p in located where ring.members.contains(p) {
            #expect(d.nodes.first { $0.entity == p }!.cluster == box)
        }
    }
}

@Suite struct TraceDiagramTests {
    @Test func victimsHoldingsAndCashOutsAreMarkedAndMoneyAddsUp() throws {
        let s = try SampleCase.build()
        let trace = SampleCase.dirtyFirstTrace(s.c, seeds: s.seeds)
        let d = TraceDiagram().build(s.c, trace: trace)
        let e = s.c.entities
        #expect(d.nodes.filter { $0.marks.contains(.victim) }.count == 8)
        let atm = d.nodes.first { $0.entity == e.index(of: "CASH-ATM-KH")! }!
        #expect(atm.marks.contains(.cashOut) && atm.details.contains("cash-out 50,000.00 USD"))
        let collector = d.nodes.first { $0.entity == s.collector }!
        #expect(collector.marks.contains(.holding) && collector.details.contains("holds 39,000.00 USD"))
        // Victims on the first column; money from them equals the reported total.
        #expect(Set(d.ranks[0].map { d.nodes[$0].entity }) == Set(s.seeds.map { s.c.transfers.source[Int($0)] }))
        let fromVictims = d.edges.filter { d.nodes[$0.from].marks.contains(.victim) }.reduce(Int64(0)) { $0 + $1.amount!.units }
        #expect(fromVictims == Money(whole: 110_900).units)
        #expect(d.notes.contains { $0.hasPrefix("8 reported transfers: 110,900.00 USD") })
        // held + left as cash = reported (dirty-first, nothing cut).
        let held = trace.holdings.reduce(Int64(0)) { $0 + $1.amount.units }
        let left = trace.exits.reduce(Int64(0)) { $0 + $1.amount.units }
        #expect(held + left == Money(whole: 110_900).units)
    }

    @Test func aGeneratedTraceRendersWithDot() throws {
        // Its flat edges with labels made Graphviz 2.42 free twice and abort.
        let g = CaseGenerator(preset: .tiny, seed: 7).generate()
        let d = TraceDiagram().build(g.case, trace: SampleCase.dirtyFirstTrace(g.case, seeds: g.reportedTransfers))
        let r = try Renderer.shared.render(DiagramWriter.graph(d), engine: .dot, format: .svg)
        #expect(r.engine == .dot && SVGStructure.read(r.data) != nil)
    }
}

@Suite struct OrgChartDiagramTests {
    @Test func levelsFollowTheManagesTies() throws {
        let s = try SampleCase.build()
        let chart = DenChart.fromManagesTies(s.c, den: s.compound)
        let e = s.c.entities
        func level(_ id: String) -> Int? { chart.members.first { $0.person == e.index(of: id)! }?.level }
        #expect(level("P-001") == 0 && level("P-002") == 1 && level("P-004") == 2 && level("P-010") == 3)
        #expect(level("P-007") == 2)  // the recruiter, under a manager
        #expect(chart.members.count == 25)
        #expect(chart.members.first { $0.person == e.index(of: "P-001")! }?.role == "boss")
    }

    @Test func crowdsOfWorkersAreOneNodeAndLevelsAreRows() throws {
        let s = try SampleCase.build()
        let d = OrgChartDiagram(collapseFrom: 8).build(s.c, chart: .fromManagesTies(s.c, den: s.compound))
        // Zhang Min's ten workers are one node; the others' five and three are not merged.
        let crowd = try #require(d.nodes.first { if case .summary = $0.look { true } else { false } })
        #expect(crowd.title == "10 workers")
        #expect(d.nodes.count == 25 - 10 + 1)
        #expect(d.ranks.count == 4)
        #expect(d.ranks[0].map { d.nodes[$0].title } == ["Chen Wei"])
        let toCrowd = d.edges.first { d.nodes[$0.to].title == "10 workers" && $0.look == .link(.manages) }
        #expect(toCrowd?.count == 10)
    }

    @Test func wideRowsMergeEachSuperiorsLeavesAndEveryoneIsCountedOnce() throws {
        let s = try SampleCase.build()
        let chart = DenChart.fromManagesTies(s.c, den: s.compound)
        let narrow = OrgChartDiagram(collapseFrom: 8, maxRow: 4).build(s.c, chart: chart)
        let titles = narrow.nodes.map(\.title)
        // Zhang Min's ten, and now also the five and the three of the other leaders.
        #expect(titles.contains("10 workers") && titles.contains("5 workers") && titles.contains("3 workers"))
        #expect(narrow.notes.contains { $0.contains("one dashed node per superior") })
        // Every person is drawn exactly once: alone, or counted in one crowd.
        var people = 0
        for n in narrow.nodes {
            if case .summary = n.look { people += Int(n.title.split(separator: " ")[0])! } else { people += 1 }
        }
        #expect(people == chart.members.count)
        let wide = OrgChartDiagram(collapseFrom: 8).build(s.c, chart: chart)
        #expect(wide.nodes.count > narrow.nodes.count)
    }

    @Test func givenTiesReplaceTheCaseTies() throws {
        let s = try SampleCase.build()
        let e = s.c.entities
        let boss = e.index(of: "P-001")!, worker = e.index(of: "P-010")!
        let chart = DenChart(den: s.compound, members: [.init(person: boss, level: 0, role: "boss"), .init(person: worker, level: 1, role: "worker")],
                             ties: [.init(superior: boss, subordinate: worker, strength: 3, evidence: "12 calls, 2 salaries")], source: "test")
        let d = OrgChartDiagram().build(s.c, chart: chart)
        #expect(d.edges.count == 1 && d.edges[0].text == "12 calls, 2 salaries")
    }
}

@Suite struct PictureViewTests {
    @Test func parsesEveryViewOfTheCommandLine() throws {
        #expect(try PictureView(parsing: "overview") == .overview)
        #expect(try PictureView(parsing: "ring:3") == .ring(3))
        #expect(try PictureView(parsing: "trace") == .trace)
        #expect(try PictureView(parsing: "hierarchy:D:1") == .hierarchy(den: "D:1"))
        #expect(try PictureView(parsing: "ego:A-17") == .ego(entity: "A-17"))
        for bad in ["", "ring", "ring:x", "ego:", "hierarchy", "map", "overview:1"] {
            #expect(throws: PictureError.self) { _ = try PictureView(parsing: bad) }
        }
    }

    @Test func casePicturesFindsIdsAndSaysWhatIsMissing() throws {
        let s = try SampleCase.build()
        var p = CasePictures(s.c)
        p.hops = 2
        #expect(try p.diagram(.ego(entity: "A-C01")).nodes.count > 5)
        #expect(throws: PictureError.unknownEntity("nobody")) { _ = try p.diagram(.ego(entity: "nobody")) }
        #expect(throws: PictureError.notADen("P-001", kind: "person")) { _ = try p.diagram(.hierarchy(den: "P-001")) }
        #expect(throws: PictureError.needsAnalysis(view: "trace", module: "MoneyFlow")) { _ = try p.diagram(.trace) }
        #expect(try p.diagram(.hierarchy(den: "DEN-2")).nodes.count == 8)
        #expect(throws: PictureError.self) { _ = try p.diagram(.ring(99)) }
        p.trace = SampleCase.dirtyFirstTrace(s.c, seeds: s.seeds)
        #expect(try p.diagram(.trace).title == "Where the victims' money went")
    }
}
