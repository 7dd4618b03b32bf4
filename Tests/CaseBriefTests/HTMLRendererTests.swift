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
