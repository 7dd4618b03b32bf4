import FraudGraph
import Foundation
@testable import Interchange
import Testing

@Suite("GraphMLReader")
struct GraphMLReaderTests {
    static func read(_ text: String, lenient: Bool = false, name: String = #function) throws -> GraphMLImport {
        let file = InterchangeFixtures.temporaryFolder(name) + "/in.graphml"
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return try GraphMLReader(lenient: lenient).read(file: file)
    }

    @Test("GraphML from another tool: nodes become entities, edges links, data attributes; key defaults apply")
    func foreignFile() throws {
        // As yEd and networkx write it: yFiles extensions inside data, a default, a DOCTYPE,
        // a comment, CDATA, an edge before the node it names.
        let text = """
        <?xml version="1.0" encoding="UTF-8" standalone="no"?>
        <!DOCTYPE graphml [ <!ENTITY unused "x"> ]>
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
          <key id="d0" for="node" attr.name="type" attr.type="string"><default>person</default></key>
          <key id="d1" for="node" attr.name="label" attr.type="string"/>
          <key id="d2" for="node" yfiles.type="nodegraphics"/>
          <key id="d3" for="edge" attr.name="weight" attr.type="double"/>
          <key id="d4" for="edge" attr.name="relationship" attr.type="string"/>
          <key id="d5" for="node" attr.name="phone" attr.type="string"/>
          <graph id="G" edgedefault="undirected">
            <!-- a comment -->
            <edge id="e0" source="n0" target="n1"><data key="d3">3</data><data key="d4">manages</data></edge>
            <node id="n0"><data key="d1">Boss &amp; Co</data><data key="d2"><y:ShapeNode><y:NodeLabel>ignored</y:NodeLabel></y:ShapeNode></data></node>
            <node id="n1"><data key="d0">account</data><data key="d1"><![CDATA[Acc <1>]]></data><data key="d5">+855 12</data></node>
            <edge source="n1" target="n0"/>
          </graph>
        </graphml>
        """
        let c = try Self.read(text).case
        let e = c.entities
        #expect(e.count == 2)
        let boss = try #require(e.index(of: "n0")), account = try #require(e.index(of: "n1"))
        #expect(e.kindOf(boss) == .person)  // the key's default
        #expect(e.name[Int(boss)] == "Boss & Co")
        #expect(e.kindOf(account) == .account)
        #expect(e.name[Int(account)] == "Acc <1>")
        #expect(e.attributes.value("phone", row: account) == "+855 12")
        let l = c.links
        #expect(l.count == 2)
        #expect(l.kindOf(0) == .manages)
        #expect(l.weight[0] == 3)
        #expect(l.attributes.value("graphml_id", row: 0) == "e0")
        #expect(l.kindOf(1).name == "linked_to")
    }

    @Test("malformed XML and unknown references are reported with their line")
    func errors() throws {
        let broken = """
        <graphml>
        <graph edgedefault="directed">
        <node id="a"/>
        <node id="b"><data key="x">1 & 2</data></node>
        </graph></graphml>
        """
        #expect(throws: CaseFolderError.self) { try Self.read(broken) }
        do {
            _ = try Self.read(broken)
        } catch let error as CaseFolderError {
            #expect(error.issues.first?.line == 4)
            #expect(error.issues.first?.cause == .malformedRow)
        }
        let dangling = """
        <graphml><graph edgedefault="directed">
        <node id="a"/>
        <edge source="a" target="zz"/>
        </graph></graphml>
        """
        #expect(throws: CaseFolderError.self) { try Self.read(dangling) }
        let lenient = try Self.read(dangling, lenient: true)
        #expect(lenient.case.entities.count == 1)
        #expect(lenient.report.rejected.count == 1)
        #expect(lenient.report.rejected.first?.issue.line == 3)
    }

    @Test("a GraphML export read back gives the exact case folder, twice over")
    func stable() throws {
        let original = try InterchangeFixtures.handMadeCase()
        let folder = InterchangeFixtures.temporaryFolder()
        try GraphMLWriter().write(original, toFile: folder + "/a.graphml")
        let once = try GraphMLReader().read(file: folder + "/a.graphml").case
        try GraphMLWriter().write(once, toFile: folder + "/b.graphml")
        // The same case gives the same bytes: the export is deterministic.
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/a.graphml")) == Data(contentsOf: URL(fileURLWithPath: folder + "/b.graphml")))
    }
}

@Suite("XMLScanner")
struct XMLScannerTests {
    static func events(_ text: String) throws -> [XMLScanner.Event] {
        var bytes = Array(text.utf8)
        return try bytes.withUnsafeMutableBufferPointer { b in
            var scanner = XMLScanner(UnsafeBufferPointer(b))
            var out: [XMLScanner.Event] = []
            while true {
                let e = try scanner.next()
                if e == .end_of_document { return out }
                out.append(e)
            }
        }
    }

    @Test("references, CDATA, line ends and attribute normalisation")
    func text() throws {
        let events = try Self.events("<a x=\"1&#10;2\t3&amp;&lt;&#x1F600;\" y='q\"'>A&#13;\r\nB<![CDATA[<&>]]><b/></a>")
        #expect(events == [
            .start(name: "a", attributes: [("x", "1\n2 3&<😀"), ("y", "q\"")], selfClosing: false),
            .text("A\r\nB"),
            .text("<&>"),
            .start(name: "b", attributes: [], selfClosing: true),
            .end(name: "a"),
        ])
    }

    @Test("broken documents fail")
    func broken() {
        #expect(throws: XMLScanner.Failure.self) { try Self.events("<a x=1/>") }
        #expect(throws: XMLScanner.Failure.self) { try Self.events("<a>&bogus;</a>") }
        #expect(throws: XMLScanner.Failure.self) { try Self.events("<a><!-- never closed") }
    }
}
