import Testing
@testable import GraphvizExport

@Suite struct DOTTextTests {
    @Test func quotedEscapesQuotesOnly() {
        #expect(DOTText.quoted(#"say "hi""#) == #""say \"hi\"""#)
        #expect(DOTText.quoted("plain") == "\"plain\"")
        // Backslash pairs stay; an odd run before a quote or at the end gets one more,
        // so it can never escape the closing quote.
        #expect(DOTText.quoted(#"a\\"b"#) == #""a\\\"b""#)
        #expect(DOTText.quoted(#"a\"#) == #""a\\""#)
        #expect(DOTText.quoted("two\nlines") == #""two\nlines""#)
    }

    @Test func labelContentShowsTextVerbatim() {
        #expect(DOTText.labelContent(#"C:\N"#) == #"C:\\N"#)
        #expect(DOTText.labelContent("Tom & Jerry") == "Tom &amp; Jerry")
        #expect(DOTText.labelContent("a\nb") == #"a\nb"#)
        #expect(DOTText.labelContent("a\r\nb\rc") == #"a\nb\nc"#)
    }

    @Test func tooltipsGetBackslashesFourfold() {
        #expect(DOTText.tooltipContent(#"\G"#) == #"\\\\G"#)
        #expect(DOTText.tooltipContent("x & y") == "x &amp; y")
    }

    @Test func htmlContentEscapesMarkupAndBackslashes() {
        #expect(DOTText.htmlContent(#"<b>"Tom" & 'Jerry'</b> \N"#) == #"&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt; \\N"#)
        #expect(DOTText.htmlContent("one\ntwo") == "one<BR/>two")
    }

    @Test func controlCharactersBecomeReplacementCharacters() {
        #expect(DOTText.cleaned("a\u{0}b\u{7}c\u{7F}d\u{85}e\u{FFFF}") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}")
        #expect(DOTText.cleaned("tab\there") == "tab here")
        #expect(DOTText.cleaned("ok ünï 💰") == "ok ünï 💰")
        #expect(DOTText.cleaned("a\u{202E}b\u{2067}c") == "a\u{FFFD}b\u{FFFD}c")  // no reversed labels
        // A huge value from case data is cut before Graphviz parses it.
        let huge = String(repeating: "x", count: 5_000_000)
        #expect(DOTText.labelContent(huge).count == 10_000 && DOTText.htmlContent(huge).hasSuffix("…"))
        #expect(DOTText.labelContent(String(repeating: "y", count: 32_768)).count == 32_768)
    }

    @Test func shortenedNeverSplitsACharacter() {
        #expect(DOTText.shortened("🇰🇭🇰🇭🇰🇭", to: 2) == "🇰🇭…")
        #expect(DOTText.shortened("abc", to: 3) == "abc")
        #expect(DOTText.shortened("abcd", to: 3) == "ab…")
        #expect(DOTText.shortened("👩‍👩‍👧x", to: 1) == "…")
        #expect(DOTText.shortened("", to: 5) == "")
    }
}
