import FraudGraph

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
                // Control characters other than tab and line ends have no place in a
                // page, nor bidirectional overrides that would reverse what follows.
                if ShownText.isControl(scalar) && scalar != "\n" && scalar != "\t" || ShownText.isBidiControl(scalar) {
                    out += "&#xFFFD;"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// A renderer's SVG document made fit to sit inside HTML: the XML prolog and
    /// DOCTYPE removed, and, as a second guard behind the DOT writer's escaping, the
    /// picture refused when any of its tags could run code: an element `script`,
    /// `foreignObject`, `iframe`, `object` or `embed`, an attribute named `on...`, or a
    /// link to `javascript:`. Case text inside labels and tooltips is escaped text and
    /// attribute values, so it is never mistaken for a tag.
    static func inlineSVG(_ svg: String) -> String {
        guard let start = svg.range(of: "<svg") else { return "<p class=\"missing\">Picture not drawn: not SVG</p>" }
        let body = String(svg[start.lowerBound...])
        if let why = activeContent(body) {
            return "<p class=\"missing\">Picture not drawn: it held active content (\(escape(why)))</p>"
        }
        return body
    }

    /// The first tag of `svg` that could run code, or nil.
    static func activeContent(_ svg: String) -> String? {
        let forbiddenElements: Set<String> = ["script", "foreignobject", "iframe", "object", "embed", "handler", "listener"]
        let bytes = Array(svg.utf8)
        var i = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "<") else { i += 1; continue }
            // A tag: its name, then attributes with quoted values, up to `>`.
            var j = i + 1
            if j < bytes.count && (bytes[j] == UInt8(ascii: "/") || bytes[j] == UInt8(ascii: "!") || bytes[j] == UInt8(ascii: "?")) {
                if bytes[j] == UInt8(ascii: "!") {  // comment or CDATA: skip to its end
                    while j < bytes.count && bytes[j] != UInt8(ascii: ">") { j += 1 }
                    i = j + 1
                    continue
                }
                j += 1
            }
            let nameStart = j
            while j < bytes.count && !isSpace(bytes[j]) && bytes[j] != UInt8(ascii: ">") && bytes[j] != UInt8(ascii: "/") { j += 1 }
            let name = String(decoding: bytes[nameStart ..< j], as: UTF8.self).lowercased()
            if forbiddenElements.contains(name) || name.hasSuffix(":script") { return "<\(name)>" }
            while j < bytes.count && bytes[j] != UInt8(ascii: ">") {
                if isSpace(bytes[j]) || bytes[j] == UInt8(ascii: "/") { j += 1; continue }
                let attrStart = j
                while j < bytes.count && !isSpace(bytes[j]) && bytes[j] != UInt8(ascii: "=") && bytes[j] != UInt8(ascii: ">") { j += 1 }
                let attr = String(decoding: bytes[attrStart ..< j], as: UTF8.self).lowercased()
                if attr.hasPrefix("on") { return "attribute \(attr)" }
                while j < bytes.count && isSpace(bytes[j]) { j += 1 }
                guard j < bytes.count, bytes[j] == UInt8(ascii: "=") else { continue }
                j += 1
                while j < bytes.count && isSpace(bytes[j]) { j += 1 }
                guard j < bytes.count else { break }
                let quote = bytes[j]
                var valueEnd = j
                if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                    valueEnd = j + 1
                    while valueEnd < bytes.count && bytes[valueEnd] != quote { valueEnd += 1 }
                    let value = String(decoding: bytes[(j + 1) ..< min(valueEnd, bytes.count)], as: UTF8.self).lowercased()
                    if attr.hasSuffix("href") && value.filter({ !$0.isWhitespace }).hasPrefix("javascript:") { return "link to javascript:" }
                    j = valueEnd + 1
                } else {
                    return "unquoted attribute \(attr)"
                }
            }
            i = j + 1
        }
        return nil
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
}
