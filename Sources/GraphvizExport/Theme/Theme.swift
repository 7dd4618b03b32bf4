import FraudGraph

/// How pictures look: a shape and colour per entity kind, a colour per ring, a line
/// style per tie kind, marks for what matters in a trace (victims, holdings,
/// cash-outs), fonts and label lengths. Shapes are told apart without colour, so a
/// picture printed in grey still reads.
public struct Theme: Sendable {
    /// A PostScript-style font name: Graphviz maps it to a portable SVG family and,
    /// through fontconfig, to an installed font (Liberation Sans or DejaVu Sans).
    public var fontName: String
    /// The bold face of `fontName`.
    public var boldFontName: String
    public var nodeFontSize: Double
    public var edgeFontSize: Double
    /// Longest name shown in a node label (characters); the full name is in the
    /// tooltip of SVG output.
    public var nameCharacters: Int
    /// Longest detail line (id, country, role) in a node label.
    public var detailCharacters: Int
    public var entityStyles: [String: EntityStyle]
    public var customEntityStyle: EntityStyle
    public var outsideAccountStyle: EntityStyle
    public var linkStyles: [String: LineStyle]
    public var customLinkStyle: LineStyle
    public var transferStyle: LineStyle
    public var groupTieStyle: LineStyle
    /// Fill colours of rings (groups), used in turn.
    public var ringPalette: [DOTColor]
    public var textColor: DOTColor
    public var detailColor: DOTColor
    public var marks: [Mark: MarkStyle]

    /// The look of one entity kind.
    public struct EntityStyle: Sendable, Hashable {
        public var shape: DOTToken
        /// The shape in words, for the legend.
        public var shapeName: String
        public var fill: DOTColor
        public var border: DOTColor
        public var dashed: Bool
        public init(shape: DOTToken, shapeName: String, fill: DOTColor, border: DOTColor = DOTColor(0x34495E), dashed: Bool = false) {
            self.shape = shape; self.shapeName = shapeName; self.fill = fill; self.border = border; self.dashed = dashed
        }
    }

    /// The look of a line (a tie or a transfer).
    public struct LineStyle: Sendable, Hashable {
        public var color: DOTColor
        public var pattern: Pattern
        public var arrow: Bool
        public var width: Double
        public enum Pattern: String, Sendable, Hashable { case solid, dashed, dotted, bold }
        public init(color: DOTColor, pattern: Pattern = .solid, arrow: Bool = true, width: Double = 1) {
            self.color = color; self.pattern = pattern; self.arrow = arrow; self.width = width
        }
    }

    /// What a node can be marked as.
    public enum Mark: String, Sendable, Hashable, CaseIterable {
        /// The entity a picture is about (the centre of an ego view).
        case focus
        /// A victim, or a victim's account: where traced money starts.
        case victim
        /// Tainted money is still there: a candidate to freeze.
        case holding
        /// Money left the traced system there (a cash withdrawal).
        case cashOut
        /// Several entities drawn as one.
        case collapsed
    }

    /// How a mark changes a node, and what the legend says of it.
    public struct MarkStyle: Sendable, Hashable {
        public var fill: DOTColor?
        public var border: DOTColor
        public var borderWidth: Double
        public var peripheries: Int
        public var dashed: Bool
        public var legend: String
    }

    /// Readable on screen and on paper; kind colours from ColorBrewer's Pastel and
    /// Set3 schemes, ring colours from Set3 and Paired.
    public static let standard = Theme(
        fontName: "Helvetica",
        boldFontName: "Helvetica-Bold",
        nodeFontSize: 10,
        edgeFontSize: 8,
        nameCharacters: 30,
        detailCharacters: 40,
        entityStyles: [
            "person": EntityStyle(shape: "ellipse", shapeName: "oval", fill: DOTColor(0xAED6F1)),
            "account": EntityStyle(shape: "box", shapeName: "box", fill: DOTColor(0xA9DFBF)),
            "wallet": EntityStyle(shape: "hexagon", shapeName: "hexagon", fill: DOTColor(0xF9E79F)),
            "device": EntityStyle(shape: "box3d", shapeName: "3-D box", fill: DOTColor(0xD5D8DC)),
            "phone": EntityStyle(shape: "tab", shapeName: "tab", fill: DOTColor(0xD7BDE2)),
            "ip": EntityStyle(shape: "diamond", shapeName: "diamond", fill: DOTColor(0xFAD7A0)),
            "den": EntityStyle(shape: "house", shapeName: "house", fill: DOTColor(0xF5B7B1)),
            "organization": EntityStyle(shape: "folder", shapeName: "folder", fill: DOTColor(0xE8DAEF)),
        ],
        customEntityStyle: EntityStyle(shape: "octagon", shapeName: "octagon", fill: DOTColor(0xFDFEFE)),
        outsideAccountStyle: EntityStyle(shape: "box", shapeName: "dashed box", fill: DOTColor(0xEAECEE), border: DOTColor(0x7F8C8D), dashed: true),
        linkStyles: [
            "owns": LineStyle(color: DOTColor(0x566573)),
            "uses": LineStyle(color: DOTColor(0x566573), pattern: .dashed),
            "located_at": LineStyle(color: DOTColor(0xA04000), pattern: .dotted),
            "member_of": LineStyle(color: DOTColor(0xA04000), pattern: .dashed),
            "manages": LineStyle(color: DOTColor(0x1B2631), pattern: .bold, width: 1.6),
            "recruited": LineStyle(color: DOTColor(0x7D3C98), pattern: .dashed),
            "contacted": LineStyle(color: DOTColor(0x5DADE2), pattern: .dashed, width: 0.8),
            "same_as": LineStyle(color: DOTColor(0x000000), pattern: .dotted, arrow: false, width: 2),
        ],
        customLinkStyle: LineStyle(color: DOTColor(0x95A5A6)),
        transferStyle: LineStyle(color: DOTColor(0x1E8449)),
        groupTieStyle: LineStyle(color: DOTColor(0x5D6D7E), arrow: false),
        ringPalette: [
            0x8DD3C7, 0xFFFFB3, 0xBEBADA, 0xFB8072, 0x80B1D3, 0xFDB462,
            0xB3DE69, 0xFCCDE5, 0xBC80BD, 0xCCEBC5, 0xFFED6F, 0xA6CEE3,
        ].map { DOTColor($0) },
        textColor: DOTColor(0x17202A),
        detailColor: DOTColor(0x424949),
        marks: [
            .focus: MarkStyle(fill: nil, border: DOTColor(0xC0392B), borderWidth: 3, peripheries: 2, dashed: false,
                              legend: "double red border: the entity asked for"),
            .victim: MarkStyle(fill: DOTColor(0xFDEBD0), border: DOTColor(0xD35400), borderWidth: 2, peripheries: 1, dashed: false,
                               legend: "orange: victim (money starts here)"),
            .holding: MarkStyle(fill: nil, border: DOTColor(0x1E8449), borderWidth: 2.5, peripheries: 2, dashed: false,
                                legend: "double green border: traced money still held (freeze candidate)"),
            .cashOut: MarkStyle(fill: DOTColor(0xF1948A), border: DOTColor(0x922B21), borderWidth: 2, peripheries: 1, dashed: false,
                                legend: "red: money left as cash"),
            .collapsed: MarkStyle(fill: nil, border: DOTColor(0x34495E), borderWidth: 1, peripheries: 1, dashed: true,
                                  legend: "dashed: several entities drawn as one"),
        ]
    )

    /// The look of entity kind `kind`.
    public func style(for kind: EntityKind) -> EntityStyle {
        entityStyles[kind.name] ?? customEntityStyle
    }

    /// The look of tie kind `kind`.
    public func style(for kind: LinkKind) -> LineStyle {
        linkStyles[kind.name] ?? customLinkStyle
    }

    /// The colour of ring (group) number `ring` (any integer; colours repeat).
    public func ringColor(_ ring: Int) -> DOTColor {
        let n = ringPalette.count
        return ringPalette[((ring % n) + n) % n]
    }
}
