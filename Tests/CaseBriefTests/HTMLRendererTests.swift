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
