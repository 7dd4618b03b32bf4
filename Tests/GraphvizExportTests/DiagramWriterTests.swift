import Foundation
import FraudGraph
import Testing
@testable import GraphvizExport

/// Escaping through the whole chain: hostile case data in every view, written as DOT,
/// parsed by Graphviz, rendered to SVG and read back with XMLParser.
@Suite struct DiagramWriterTests {
    /// Wide labels, so whole names show and can be compared.
    static let wideTheme: Theme = {
        var t = Theme.standard
        t.nameCharacters = 120
        t.detailCharacters = 120
        return t
    }()

    static func views(_ h: HostileCase.Built) -> [(String, Diagram)] {
        let c = h.c
        let grouping = Grouping.tieComponents(c)
        let trace = SampleCase.dirtyFirstTrace(c, seeds: h.seeds)
        return [
            ("overview", OverviewDiagram().build(c, grouping: grouping)),
            ("overview-groups", OverviewDiagram(detailLimit: 5, minGroupSize: 1).build(c, grouping: grouping)),
            ("ego", EgoDiagram(hops: 2).build(c, center: h.people[0])),
            ("ring", RingDiagram().build(c, ring: .from(grouping, id: Int(grouping.membership[Int(h.den)])))),
            ("trace", TraceDiagram().build(c, trace: trace)),
            ("hierarchy", OrgChartDiagram(collapseFrom: 100).build(c, chart: .fromManagesTies(c, den: h.den))),
        ]
    }

    /// Elements and attributes Graphviz's SVG writer uses; anything else came from data.
    static let allowedElements: Set<String> = ["svg", "g", "title", "polygon", "ellipse", "path", "text", "a", "polyline", "defs"]
    static let allowedAttributes: Set<String> = [
        "width", "height", "viewBox", "xmlns", "xmlns:xlink", "id", "class", "transform", "fill", "stroke", "points",
        "cx", "cy", "rx", "ry", "d", "x", "y", "text-anchor", "font-family", "font-size", "font-weight", "font-style",
        "stroke-width", "stroke-dasharray", "xlink:title",
    ]

    @Test func hostileNamesCannotAddNodesEdgesOrAttributes() throws {
        let h = try HostileCase.build()
        for (name, d) in Self.views(h) {
            let dot = DiagramWriter.dot(d, theme: Self.wideTheme)
            let parsed = try Renderer.shared.inspect(dot: dot)
            #expect(parsed.nodeCount == d.nodes.count, "\(name): nodes")
            #expect(parsed.edgeCount == d.edges.count, "\(name): edges")
            let declared = Set(parsed.nodeAttributeNames + parsed.edgeAttributeNames + parsed.graphAttributeNames)
            let ours: Set<String> = ["label", "tooltip", "shape", "style", "color", "fillcolor", "fontcolor", "fontname", "fontsize",
                                     "penwidth", "arrowsize", "dir", "width", "height", "margin", "peripheries", "constraint",
                                     "rankdir", "ranksep", "nodesep", "splines", "overlap", "outputorder", "labelloc", "labeljust",
                                     "bgcolor", "pad", "charset", "newrank", "sep", "esep", "root", "rank"]
            #expect(declared.isSubset(of: ours), "\(name): \(declared.subtracting(ours))")
        }
    }

    @Test func hostileNamesRenderAsWellFormedSVGShowingThemVerbatim() throws {
        let h = try HostileCase.build()
        for (name, var d) in Self.views(h) {
            d.provenance = ["case /tmp/--> <script>alert(1)</script> \"x\" \\", "entities.csv sha256 00ff"]
            let dot = DiagramWriter.dot(d, theme: Self.wideTheme)
            let svg = try Renderer.shared.render(dot: dot, engine: d.engine, format: .svg)
            let s = try #require(SVGStructure.read(svg.data), "\(name): SVG is not well-formed XML")
            #expect(s.elements.isSubset(of: Self.allowedElements), "\(name): \(s.elements.subtracting(Self.allowedElements))")
            #expect(s.attributes.isSubset(of: Self.allowedAttributes), "\(name): \(s.attributes.subtracting(Self.allowedAttributes))")
            #expect(!s.attributes.contains { $0.hasPrefix("on") || $0.hasSuffix("href") })
            // Every drawn person shows its name, line by line, verbatim.
            let texts = s.texts
            for node in d.nodes where h.people.contains(node.entity) {
                let shown = DOTText.shortened(node.title, to: Self.wideTheme.nameCharacters)
                let lines = DOTText.cleaned(shown).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                let found = texts.indices.contains { i in
                    i + lines.count <= texts.count && Array(texts[i ..< i + lines.count]) == lines
                }
                #expect(found, "\(name): \(shown.prefix(60)) not shown verbatim")
            }
            // Tooltips carry full names, the 10 kB one included.
            if d.nodes.contains(where: { $0.entity == h.people[HostileCase.names.count] }) {
                #expect(s.tooltips.contains { $0.contains(HostileCase.longName) }, "\(name): long name not in a tooltip")
            }
        }
    }

    @Test func everyHostileNameShowsVerbatimInTheOverview() throws {
        let h = try HostileCase.build()
        let d = OverviewDiagram().build(h.c, grouping: .tieComponents(h.c))
        let svg = try Renderer.shared.render(dot: DiagramWriter.dot(d, theme: Self.wideTheme), engine: d.engine, format: .svg)
        let s = try #require(SVGStructure.read(svg.data))
        let all = s.texts.joined(separator: "\n")
        for n in HostileCase.names { #expect(all.contains(n), "\(n)") }
        #expect(all.contains(String(HostileCase.longName.prefix(119)) + "…"))
        #expect(all.contains("bell\u{FFFD}null\u{FFFD}del\u{FFFD}end"))
        // Ids, countries, roles, kinds and the currency are data too.
        for piece in ["P0\"];<x>", "<C0>", "boss\"]", "worker<&>", "robot\"<i>", "R2 \"D2\"", "US<D>\"", "knows\"]; x -> y [color=red"] {
            #expect(all.contains(piece) || s.tooltips.contains { $0.contains(piece) }, "\(piece)")
        }
        for n in HostileCase.names { #expect(s.tooltips.contains { $0.contains(n) }, "tooltip \(n)") }
    }

    @Test func sameCaseGivesTheSameBytes() throws {
        let a = try HostileCase.build(), b = try HostileCase.build()
        let va = Self.views(a), vb = Self.views(b)
        for i in va.indices { #expect(DiagramWriter.dot(va[i].1) == DiagramWriter.dot(vb[i].1), "\(va[i].0)") }
        let s = try SampleCase.build()
        let g = Grouping.tieComponents(s.c)
        #expect(DiagramWriter.dot(OverviewDiagram().build(s.c, grouping: g)) == DiagramWriter.dot(OverviewDiagram().build(s.c, grouping: g)))
    }

    @Test func legendNamesEveryKindAndLineUsed() throws {
        let s = try SampleCase.build()
        let d = EgoDiagram(hops: 2).build(s.c, center: s.collector)
        let svg = try Renderer.shared.render(DiagramWriter.graph(d), engine: d.engine, format: .svg)
        let texts = try #require(SVGStructure.read(svg.data)).texts
        for needed in ["account (box)", "person (oval)", "wallet (hexagon)", "organization (folder)", "outside account (dashed box)",
                       "owns", "member of", "money (width grows with the amount)", "double red border: the entity asked for"] {
            #expect(texts.contains(needed), "\(needed)")
        }
    }
}
