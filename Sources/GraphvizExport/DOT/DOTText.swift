import FraudGraph

/// Escaping of untrusted text (names, ids, countries, roles, currencies from a case)
/// for each place Graphviz reads text, so that the text shows verbatim in the picture
/// and can never add a DOT attribute, node, edge, URL or script.
///
/// Graphviz reads text in three ways, checked on Graphviz 2.42 (see the tests):
/// - the DOT lexer: a quoted string ends at an unescaped `"`; `\"` is a quote;
/// - label text: after lexing, `\N`, `\G`, `\E`, `\T`, `\H`, `\L` are replaced by
///   object names and `\\`, `\n`, `\l`, `\r` are escapes; plain labels also decode
///   HTML entities (`&amp;`); HTML-like labels (`<...>`) are XML parsed by expat and
///   then get the same backslash processing;
/// - tooltips get the backslash processing twice.
///
/// Characters that XML cannot carry (C0 and C1 controls but tab and newline,
/// U+FFFE, U+FFFF) become U+FFFD; a tab becomes a space; CR LF and a lone CR become a
/// line break.
public enum DOTText {
    /// The replacement character shown for a character that cannot be drawn.
    public static let replacement: Character = "\u{FFFD}"

    /// `text` with line ends normalised to `\n`, and characters XML cannot carry and
    /// bidirectional overrides (which would reverse a label) replaced by U+FFFD.
    /// - Complexity: O(length).
    public static func cleaned(_ text: String) -> String {
        var needsWork = false
        for s in text.unicodeScalars where isSpecial(s) { needsWork = true; break }
        if !needsWork { return text }
        var out = String.UnicodeScalarView()
        var previousWasCR = false
        for s in text.unicodeScalars {
            defer { previousWasCR = s == "\r" }
            switch s.value {
            case 0x0A: if !previousWasCR { out.append("\n") }
            case 0x0D: out.append("\n")
            case 0x09: out.append(" ")
            default: out.append(isSpecial(s) ? "\u{FFFD}" : s)
            }
        }
        return String(out)
    }

    @inline(__always)
    private static func isSpecial(_ s: Unicode.Scalar) -> Bool {
        ShownText.isControl(s) || s.value == 0xFFFE || s.value == 0xFFFF || ShownText.isBidiControl(s)
    }

    /// A DOT quoted string holding `content` exactly as the lexer will read it back:
    /// `"` becomes `\"` and nothing else changes. `content` must already be escaped
    /// for its attribute (see `labelContent`, `tooltipContent`); a lone trailing
    /// backslash is doubled so it cannot swallow the closing quote.
    public static func quoted(_ content: String) -> String {
        var out = "\""
        out.reserveCapacity(content.utf8.count + 2)
        var backslashes = 0
        for ch in content.unicodeScalars {
            if ch == "\"" {
                // An odd run of backslashes before a quote would pair with our escape.
                if backslashes % 2 == 1 { out.unicodeScalars.append("\\") }
                out.unicodeScalars.append("\\")
                out.unicodeScalars.append("\"")
                backslashes = 0
                continue
            }
            if ch == "\n" {
                // A raw line end after a backslash is a line continuation: never write one.
                out.unicodeScalars.append("\\")
                out.unicodeScalars.append("n")
                backslashes = 0
                continue
            }
            backslashes = ch == "\\" ? backslashes + 1 : 0
            out.unicodeScalars.append(ch)
        }
        if backslashes % 2 == 1 { out.unicodeScalars.append("\\") }
        out.unicodeScalars.append("\"")
        return out
    }

    /// The content of a plain (quoted) label that shows `text` verbatim, a line break
    /// for each line end: backslashes doubled, `&` as `&amp;`, line ends as `\n`.
    public static func labelContent(_ text: String) -> String {
        let text = bounded(text)
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for s in cleaned(text).unicodeScalars {
            switch s {
            case "\\": out += "\\\\"
            case "&": out += "&amp;"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(s)
            }
        }
        return out
    }

    /// The content of a `tooltip` that shows `text` verbatim: Graphviz processes
    /// backslashes in tooltips twice, so each becomes four; `&` becomes `&amp;` (the
    /// SVG writer passes entities through); line ends become `\n`.
    public static func tooltipContent(_ text: String) -> String {
        let text = bounded(text)
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for s in cleaned(text).unicodeScalars {
            switch s {
            case "\\": out += "\\\\\\\\"
            case "&": out += "&amp;"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(s)
            }
        }
        return out
    }

    /// Text for the body of an HTML-like label that shows `text` verbatim: XML
    /// entities for `&`, `<`, `>`, `"`, `'`; backslashes doubled (Graphviz applies its
    /// backslash escapes to HTML labels too); line ends become `<BR/>`.
    public static func htmlContent(_ text: String) -> String {
        let text = bounded(text)
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for s in cleaned(text).unicodeScalars {
            switch s {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\\": out += "\\\\"
            case "\n": out += "<BR/>"
            default: out.unicodeScalars.append(s)
            }
        }
        return out
    }

    /// `text`, or its first 10,000 characters when it is over 32 KiB: a tooltip shows a
    /// long name whole, but Graphviz's parser takes minutes over a label of megabytes
    /// (a name of 100 MB in case data held a brief for a quarter of an hour).
    static func bounded(_ text: String) -> String {
        text.utf8.count > 32_768 ? shortened(text, to: 10_000) : text
    }

    /// `text` cut to at most `limit` characters (grapheme clusters, so an emoji or an
    /// accented letter is never split), with `…` at the end when cut.
    public static func shortened(_ text: String, to limit: Int) -> String {
        guard limit > 0 else { return "" }
        var count = 0
        var index = text.startIndex
        while index < text.endIndex {
            if count == limit - 1 {
                // One character left: keep the text if exactly one remains.
                let next = text.index(after: index)
                return next == text.endIndex ? text : String(text[..<index]) + "…"
            }
            index = text.index(after: index)
            count += 1
        }
        return text
    }
}
