import Testing
@testable import CaseBrief
import FraudGraph

@Suite("HTML renderer")
struct HTMLRendererTests {
    @Test("case text cannot add markup, attributes or scripts")
    func escapesHostileText() {
        let hostile = #"<script>alert(1)</script>" onmouseover="x" 'a' & <img src=x onerror=y>"#
        #expect(HTMLRenderer.escape(hostile) == "&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&quot;x&quot; &#39;a&#39; &amp; &lt;img src=x onerror=y&gt;")
        #expect(HTMLRenderer.escape("a\u{0}b\u{7F}c\nd") == "a&#xFFFD;b&#xFFFD;c\nd")
        #expect(HTMLRenderer.escape("x\u{85}y\u{202E}z\u{2066}w") == "x&#xFFFD;y&#xFFFD;z&#xFFFD;w")
    }
}

@Suite("Inline SVG guard")
struct InlineSVGGuardTests {
    @Test("escaped case text in labels and tooltips passes; active tags do not")
    func guardsOnlyRealTags() {
        let text = #"<svg width="10pt"><g id="node1" class="node"><title>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</title><a xlink:title="a onload=b"><text>x onclick=y</text></a></g></svg>"#
        #expect(HTMLRenderer.activeContent(text) == nil)
        #expect(HTMLRenderer.inlineSVG("<?xml version=\"1.0\"?>\n" + text) == text)
        #expect(HTMLRenderer.activeContent(#"<svg><g onload="x()"></g></svg>"#) == "attribute onload")
        #expect(HTMLRenderer.activeContent(#"<svg><SCRIPT>x()</SCRIPT></svg>"#) == "<script>")
        #expect(HTMLRenderer.activeContent(#"<svg><foreignObject><div/></foreignObject></svg>"#) == "<foreignobject>")
        #expect(HTMLRenderer.activeContent(#"<svg><a xlink:href=" javascript:alert(1)">x</a></svg>"#) == "link to javascript:")
        #expect(HTMLRenderer.activeContent(#"<svg><!-- <script> --><g/></svg>"#) == nil)
        #expect(HTMLRenderer.inlineSVG(#"<svg><script>x</script></svg>"#).contains("Picture not drawn"))
    }
}

@Suite("Markdown renderer")
struct MarkdownRendererTests {
    @Test("case text in a table cell stays in its cell and cannot become HTML or move the terminal")
    func hostileCell() {
        var doc = BriefDocument(title: "T", subtitle: "S")
        let id = "A2</td><script>alert(2)</script>{|}>\u{1B}[31m\u{202E}"
        doc.add(.table(BriefTable(caption: "", header: ["account", "name"], rows: [[[.code(id)], [.text(id)]]])))
        let md = MarkdownRenderer().render(doc)
        let row = md.split(separator: "\n").first { $0.contains("A2") }.map(String.init) ?? ""
        // Unescaped pipes split cells: only the row's own three separators remain.
        var unescaped = 0
        var previous: Character = " "
        for ch in row {
            if ch == "|" && previous != "\\" { unescaped += 1 }
            previous = ch
        }
        #expect(unescaped == 3, "\(row)")
        #expect(row.contains("`A2</td><script>alert(2)</script>{\\|}>?[31m?`"))
        #expect(row.contains("A2&lt;/td&gt;&lt;script&gt;"))
        #expect(!md.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
    }
}
