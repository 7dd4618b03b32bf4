import Testing
@testable import GraphvizExport

@Suite struct DOTWriterTests {
    @Test func writesAWorkedExampleExactly() {
        var g = DOTGraph(directed: true)
        g.attributes[.rankdir] = .token("LR")
        g.nodeDefaults[.shape] = .token("box")
        let c = g.addCluster([.label: .text("Den 1")])
        let a = g.addNode([.label: .text("Anna \"A\""), .fillcolor: .color(DOTColor(0xAABBCC))], cluster: c)
        let b = g.addNode([.label: .html(.text("B & <b>", bold: true))])
        g.addEdge(from: a, to: b, [.penwidth: .number(2.5), .label: .text("1,000.00 USD")])
        g.alignOnOneRank([a, b])
        let expected = """
        digraph G {
          rankdir="LR";
          node [shape="box"];
          subgraph cluster_0 {
            label="Den 1";
            n0 [fillcolor="#aabbcc", label="Anna \\"A\\""];
          }
          n1 [label=<<FONT FACE="Helvetica-Bold">B &amp; &lt;b&gt;</FONT>>];
          { rank="same"; n0; n1; }
          n0 -> n1 [label="1,000.00 USD", penwidth="2.5"];
        }

        """
        #expect(DOTWriter.write(g) == expected)
    }

    @Test func attributeOrderDoesNotDependOnInsertion() {
        var x = DOTAttributes(), y = DOTAttributes()
        x[.color] = .token("red"); x[.label] = .text("a"); x[.shape] = .token("box")
        y[.shape] = .token("box"); y[.label] = .text("a"); y[.color] = .token("red")
        #expect(x.written() == y.written())
        #expect(x.written() == #"[color="red", label="a", shape="box"]"#)
    }

    @Test func numbersAreWrittenTheSameEverywhere() {
        #expect(DOTToken(2.0).text == "2")
        #expect(DOTToken(0.12345).text == "0.123")
        #expect(DOTToken(-1.5).text == "-1.5")
        #expect(DOTToken(Double.nan).text == "0")
        #expect(DOTColor(red: 1, green: 2, blue: 255, alpha: 128).hex == "#0102ff80")
    }

    @Test func graphvizReadsBackExactlyWhatWasWritten() throws {
        let hostile = #"x"]; n9 [label="y"\ -> n0 } \"#
        var g = DOTGraph(directed: true)
        let a = g.addNode([.label: .text(hostile), .tooltip: .text(hostile)])
        let b = g.addNode([.label: .html(.text(hostile))])
        g.addEdge(from: a, to: b)
        let parsed = try Renderer.shared.inspect(dot: DOTWriter.write(g))
        #expect(parsed.nodeCount == 2 && parsed.edgeCount == 1)
        #expect(parsed.nodeAttributes[0]["label"] == DOTText.labelContent(hostile))
        #expect(parsed.nodeAttributes[0]["tooltip"] == DOTText.tooltipContent(hostile))
        #expect(Set(parsed.nodeAttributeNames) == ["label", "tooltip"])
    }
}
