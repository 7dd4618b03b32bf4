import FraudGraph

/// Writes a `BriefDocument` as Markdown (GitHub flavour): the same content as the
/// HTML page, with pictures linked as files. Case text is escaped so that it cannot
/// turn into markup, links or HTML.
public struct MarkdownRenderer: Sendable {
    public init() {}

    public func render(_ doc: BriefDocument) -> String {
        var out = "# \(MarkdownRenderer.escape(doc.title))\n\n_\(MarkdownRenderer.escape(doc.subtitle))_\n\n"
        for block in doc.blocks {
            let text = render(block)
            if !text.isEmpty { out += text + "\n\n" }
        }
        return out
    }

    func render(_ block: Block) -> String {
        switch block {
        case .heading(let level, let text, _):
            return String(repeating: "#", count: min(level + 1, 6)) + " " + MarkdownRenderer.escape(text)
        case .paragraph(let inlines):
            return render(inlines)
        case .bullets(let items):
            return items.map { "- " + render($0) }.joined(separator: "\n")
        case .facts(let pairs):
            return pairs.map { "- **\(MarkdownRenderer.escape($0.0))**: \(render($0.1))" }.joined(separator: "\n")
        case .table(let t):
            var lines: [String] = []
            if !t.caption.isEmpty { lines.append("**\(MarkdownRenderer.escape(t.caption))**\n") }
            lines.append("| " + t.header.map(MarkdownRenderer.cell).joined(separator: " | ") + " |")
            lines.append("|" + t.header.indices.map { t.numeric.contains($0) ? "---:" : "---" }.joined(separator: "|") + "|")
            for row in t.rows { lines.append("| " + row.map { MarkdownRenderer.cellText(render($0, inTable: true)) }.joined(separator: " | ") + " |") }
            if t.omitted > 0 { lines.append("\n_and \(t.omitted) more rows, in the CSV files beside this brief_") }
            return lines.joined(separator: "\n")
        case .figure(let f):
            let caption = MarkdownRenderer.escape(f.caption)
            if f.svg == nil { return "_Picture not drawn: \(MarkdownRenderer.escape(f.problem ?? "unknown reason"))_ — \(caption)" }
            let image = f.files.first { $0.hasSuffix(".svg") } ?? f.files.first ?? ""
            return "![\(caption)](\(image.replacingOccurrences(of: " ", with: "%20")))\n\n_\(caption)_"
        case .note(let inlines):
            return "> " + render(inlines)
        case .pageBreak:
            return ""
        }
    }

    /// `inlines` as Markdown; in a table cell a `|` inside code is escaped too (a GFM
    /// table splits cells at any unescaped `|`, even inside a code span).
    func render(_ inlines: [Inline], inTable: Bool = false) -> String {
        inlines.map { inline in
            switch inline {
            case .text(let t): MarkdownRenderer.escape(t)
            case .strong(let t): "**\(MarkdownRenderer.escape(t))**"
            case .code(let t):
                "`" + MarkdownRenderer.inert(t).replacingOccurrences(of: "`", with: "'")
                    .replacingOccurrences(of: "|", with: inTable ? "\\|" : "|") + "`"
            case .money(let m, let c): "\(m.readable) \(MarkdownRenderer.escape(c))"
            }
        }.joined()
    }

    /// `text` with line breaks as spaces, and other control characters and
    /// bidirectional overrides as `?`, so that it cannot end a line or reorder one.
    static func inert(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { s -> Unicode.Scalar in
            if s == "\n" || s == "\r" { return " " }
            return ShownText.isControl(s) || ShownText.isSeparator(s) || ShownText.isBidiControl(s) ? "?" : s
        }))
    }

    /// Case text made inert in Markdown: markup characters backslash-escaped, HTML
    /// angle brackets as entities, line breaks as spaces.
    public static func escape(_ text: String) -> String {
        var out = ""
        for ch in inert(text) {
            switch ch {
            case "\\", "`", "*", "_", "{", "}", "[", "]", "(", ")", "#", "+", "!", "|", "~":
                out.append("\\"); out.append(ch)
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\n", "\r", "\r\n": out += " "
            default: out.append(ch)
            }
        }
        return out
    }

    static func cell(_ text: String) -> String { cellText(escape(text)) }
    static func cellText(_ text: String) -> String { text.replacingOccurrences(of: "\n", with: " ") }
}
