/// Writes a `BriefDocument` as one self-contained HTML page: styles inline, pictures
/// inline as SVG, no script, no link to anything outside the file. Every string from
/// the case is escaped, so no name can add markup, an attribute or a script.
public struct HTMLRenderer: Sendable {
    public init() {}

    public func render(_ doc: BriefDocument) -> String {
        var out = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
        <title>\(HTMLRenderer.escape(doc.title))</title>
        <style>\(BriefStyle.css)</style>
        </head>
        <body>
        <header class="cover">
        <h1>\(HTMLRenderer.escape(doc.title))</h1>
        <p class="subtitle">\(HTMLRenderer.escape(doc.subtitle))</p>
        </header>
        <nav class="toc"><h2>Contents</h2><ol>
        """
        for case .heading(1, let text, let anchor) in doc.blocks {
            out += "<li><a href=\"#\(HTMLRenderer.escape(anchor))\">\(HTMLRenderer.escape(text))</a></li>"
        }
        out += "</ol></nav>\n<main>\n"
        for block in doc.blocks { out += render(block) + "\n" }
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    func render(_ block: Block) -> String {
        switch block {
        case .heading(let level, let text, let anchor):
            let l = min(max(level + 1, 2), 4)
            return "<h\(l) id=\"\(HTMLRenderer.escape(anchor))\">\(HTMLRenderer.escape(text))</h\(l)>"
        case .paragraph(let inlines):
            return "<p>\(render(inlines))</p>"
        case .bullets(let items):
            return "<ul>" + items.map { "<li>\(render($0))</li>" }.joined() + "</ul>"
        case .facts(let pairs):
            return "<dl class=\"facts\">" + pairs.map { "<div><dt>\(HTMLRenderer.escape($0.0))</dt><dd>\(render($0.1))</dd></div>" }.joined() + "</dl>"
        case .table(let t):
            var s = "<figure class=\"table\"><table>"
            if !t.caption.isEmpty { s += "<caption>\(HTMLRenderer.escape(t.caption))</caption>" }
            s += "<thead><tr>"
            for (i, h) in t.header.enumerated() { s += "<th\(t.numeric.contains(i) ? " class=\"num\"" : "")>\(HTMLRenderer.escape(h))</th>" }
            s += "</tr></thead><tbody>"
            for row in t.rows {
                s += "<tr>"
                for (i, cell) in row.enumerated() { s += "<td\(t.numeric.contains(i) ? " class=\"num\"" : "")>\(render(cell))</td>" }
                s += "</tr>"
            }
            s += "</tbody></table>"
            if t.omitted > 0 { s += "<figcaption class=\"more\">and \(t.omitted) more rows, in the CSV files beside this brief</figcaption>" }
            return s + "</figure>"
        case .figure(let f):
            var s = "<figure class=\"picture\">"
            if let svg = f.svg {
                s += "<div class=\"svg\">" + HTMLRenderer.inlineSVG(svg) + "</div>"
            } else {
                s += "<p class=\"missing\">Picture not drawn: \(HTMLRenderer.escape(f.problem ?? "unknown reason"))</p>"
            }
            s += "<figcaption>\(HTMLRenderer.escape(f.caption))"
            if !f.files.isEmpty {
                s += " <span class=\"files\">(" + f.files.map { HTMLRenderer.escape($0) }.joined(separator: ", ") + ")</span>"
            }
            return s + "</figcaption></figure>"
        case .note(let inlines):
            return "<aside class=\"note\">\(render(inlines))</aside>"
        case .pageBreak:
            return "<div class=\"page-break\"></div>"
        }
    }

    func render(_ inlines: [Inline]) -> String {
        inlines.map { inline in
            switch inline {
            case .text(let t): HTMLRenderer.escape(t)
            case .strong(let t): "<strong>\(HTMLRenderer.escape(t))</strong>"
            case .code(let t): "<code>\(HTMLRenderer.escape(t))</code>"
            case .money(let m, let c): "<span class=\"money\">\(HTMLRenderer.escape(m.readable))&nbsp;\(HTMLRenderer.escape(c))</span>"
            }
        }.joined()
    }

    /// `text` safe as HTML text and as a quoted attribute value.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters other than tab and line ends have no place in a page.
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" || scalar.value == 0x7F {
                    out += "&#xFFFD;"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// A renderer's SVG document made fit to sit inside HTML: the XML prolog and
    /// DOCTYPE removed, and, as a second guard, any element that could run code
    /// (`script`, `foreignObject`) or attribute that could (`on...=`, `javascript:`)
    /// refused by dropping the picture.
    static func inlineSVG(_ svg: String) -> String {
        guard let start = svg.range(of: "<svg") else { return "<p class=\"missing\">Picture not drawn: not SVG</p>" }
        let body = String(svg[start.lowerBound...])
        let lower = body.lowercased()
        let forbidden = ["<script", "<foreignobject", "javascript:", " onload=", " onclick=", " onerror=", " onmouseover=", "<iframe", "<object", "<embed"]
        if forbidden.contains(where: { lower.contains($0) }) {
            return "<p class=\"missing\">Picture not drawn: it held active content</p>"
        }
        return body
    }
}
