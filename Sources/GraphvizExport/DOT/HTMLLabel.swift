/// An HTML-like Graphviz label. Its markup is built only by this type's functions,
/// which escape every piece of text they are given (`DOTText.htmlContent`), so text
/// from a case shows verbatim and cannot add markup.
public struct HTMLLabel: Hashable, Sendable {
    /// The markup between `<` and `>` in DOT.
    public let markup: String

    init(markup: String) { self.markup = markup }

    /// Plain text (a line end becomes a line break).
    public static func text(_ text: String) -> HTMLLabel { HTMLLabel(markup: DOTText.htmlContent(text)) }

    /// Text in a font size and colour, bold or not.
    ///
    /// Bold is written as a font face (`boldFace`, PostScript style such as
    /// `Helvetica-Bold`), not `<B>`: Graphviz writes it to SVG as a portable family
    /// with `font-weight="bold"`, and Graphviz 2.42 leaks about twice as much memory
    /// per `<B>` span as per face change.
    public static func text(_ text: String, size: Double? = nil, color: DOTColor? = nil, bold: Bool = false,
                            boldFace: String = "Helvetica-Bold") -> HTMLLabel {
        var m = DOTText.htmlContent(text)
        var attrs = ""
        if bold { attrs += " FACE=\"" + DOTText.htmlContent(boldFace) + "\"" }
        if let size { attrs += " POINT-SIZE=\"\(DOTToken.format(size))\"" }
        if let color { attrs += " COLOR=\"\(color.hex)\"" }
        if !attrs.isEmpty { m = "<FONT" + attrs + ">" + m + "</FONT>" }
        return HTMLLabel(markup: m)
    }

    /// Pieces one after the other on a line.
    public static func concatenation(_ pieces: [HTMLLabel]) -> HTMLLabel {
        HTMLLabel(markup: pieces.map(\.markup).joined())
    }

    /// Lines, centred (or aligned `left`/`right`), joined by line breaks.
    public static func lines(_ lines: [HTMLLabel], align: Alignment = .center) -> HTMLLabel {
        let br = align == .center ? "<BR/>" : "<BR ALIGN=\"\(align.rawValue)\"/>"
        return HTMLLabel(markup: lines.map(\.markup).joined(separator: br) + (align == .center ? "" : br))
    }

    /// A table: rows of cells.
    public static func table(_ rows: [[Cell]], border: Int = 0, cellBorder: Int = 0, cellSpacing: Int = 0, cellPadding: Int = 2, background: DOTColor? = nil) -> HTMLLabel {
        var m = "<TABLE BORDER=\"\(border)\" CELLBORDER=\"\(cellBorder)\" CELLSPACING=\"\(cellSpacing)\" CELLPADDING=\"\(cellPadding)\""
        if let background { m += " BGCOLOR=\"\(background.hex)\"" }
        m += ">"
        for row in rows {
            m += "<TR>"
            for cell in row { m += cell.markup }
            m += "</TR>"
        }
        m += "</TABLE>"
        return HTMLLabel(markup: m)
    }

    public enum Alignment: String, Sendable { case left = "LEFT", center = "CENTER", right = "RIGHT" }

    /// A table cell.
    public struct Cell: Hashable, Sendable {
        let markup: String

        public init(_ content: HTMLLabel, background: DOTColor? = nil, align: Alignment = .center,
                    columnSpan: Int = 1, width: Int? = nil, height: Int? = nil, border: Int? = nil, color: DOTColor? = nil) {
            var m = "<TD"
            if let background { m += " BGCOLOR=\"\(background.hex)\"" }
            if align != .center { m += " ALIGN=\"\(align.rawValue)\"" }
            if columnSpan > 1 { m += " COLSPAN=\"\(columnSpan)\"" }
            if let width { m += " WIDTH=\"\(width)\"" }
            if let height { m += " HEIGHT=\"\(height)\"" }
            if let border { m += " BORDER=\"\(border)\"" }
            if let color { m += " COLOR=\"\(color.hex)\"" }
            m += ">" + content.markup + "</TD>"
            markup = m
        }
    }
}
