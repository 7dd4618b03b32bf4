import FraudGraph
import Foundation

/// Turns a `Diagram` into a `DOTGraph`: shapes and colours from the theme, labels
/// (shortened names; full text in tooltips), edge widths by amount, and on top a
/// title with a legend of every shape, colour, mark and line the picture uses.
public enum DiagramWriter {
    /// The DOT graph of `diagram`.
    /// - Complexity: O(nodes + edges).
    public static func graph(_ diagram: Diagram, theme: Theme = .standard) -> DOTGraph {
        let directed = diagram.edges.contains { $0.look != .groupTie } || diagram.edges.isEmpty
        var g = DOTGraph(directed: directed)
        let font = DOTValue.text(theme.fontName)

        // MARK: - Graph settings
        g.attributes[.charset] = .token("UTF-8")
        g.attributes[.fontname] = font
        g.attributes[.fontsize] = .number(11)
        g.attributes[.bgcolor] = .token("white")
        g.attributes[.pad] = .number(0.3)
        g.attributes[.labelloc] = .token("t")
        g.attributes[.labeljust] = .token("l")
        g.attributes[.outputorder] = .token("edgesfirst")
        switch diagram.engine {
        case .dot:
            g.attributes[.rankdir] = .token(diagram.direction == .leftToRight ? "LR" : "TB")
            g.attributes[.newrank] = .bool(true)
            g.attributes[.nodesep] = .number(0.25)
            g.attributes[.ranksep] = .number(diagram.direction == .leftToRight ? 0.9 : 0.6)
            g.attributes[.splines] = .token("true")
        case .neato, .fdp:
            // Curved edges: routed splines take seconds past a few dozen nodes, and
            // Graphviz 2.42's router for these engines corrupts memory on parallel
            // edges (see Renderer).
            g.attributes[.overlap] = .token("false")
            g.attributes[.splines] = .token("curved")
            g.attributes[.sep] = .token("+8")
            g.attributes[.esep] = .token("+4")
        case .sfdp:
            g.attributes[.overlap] = .token("prism")
            g.attributes[.splines] = .token("false")
        case .circo, .twopi:
            g.attributes[.overlap] = .token("false")
            g.attributes[.splines] = .token("curved")
        }
        g.attributes[.label] = .html(legend(diagram, theme: theme))
        if !diagram.provenance.isEmpty { g.attributes[.comment] = .text(diagram.provenance.joined(separator: "; ")) }

        g.nodeDefaults[.fontname] = font
        g.nodeDefaults[.fontsize] = .number(theme.nodeFontSize)
        g.nodeDefaults[.fontcolor] = .color(theme.textColor)
        g.nodeDefaults[.style] = .token("filled")
        g.nodeDefaults[.margin] = .token("0.08,0.04")
        g.edgeDefaults[.fontname] = font
        g.edgeDefaults[.fontsize] = .number(theme.edgeFontSize)
        g.edgeDefaults[.fontcolor] = .color(theme.detailColor)
        g.edgeDefaults[.arrowsize] = .number(0.7)

        // MARK: - Clusters and nodes
        for cluster in diagram.clusters {
            var a = DOTAttributes()
            var lines = [HTMLLabel.text(DOTText.shortened(cluster.title, to: theme.nameCharacters + 10), size: 12, bold: true, boldFace: theme.boldFontName)]
            for d in cluster.details { lines.append(.text(DOTText.shortened(d, to: theme.detailCharacters + 20), size: 9, color: theme.detailColor)) }
            a[.label] = .html(.lines(lines))
            a[.style] = .token("rounded,filled")
            a[.fillcolor] = .color(cluster.fill ?? DOTColor(0xFBFCFC))
            a[.color] = .color(DOTColor(0x85929E))
            a[.labeljust] = .token("l")
            a[.margin] = .number(12)
            g.addCluster(a, parent: cluster.parent)
        }
        for node in diagram.nodes {
            g.addNode(nodeAttributes(node, theme: theme), cluster: node.cluster)
        }
        for rank in diagram.ranks { g.alignOnOneRank(rank) }

        // MARK: - Edges, width by strength
        var strongest = [Diagram.EdgeLook: Double]()
        for e in diagram.edges { strongest[e.look] = max(strongest[e.look] ?? 0, e.effectiveStrength) }
        for e in diagram.edges {
            g.addEdge(from: e.from, to: e.to, edgeAttributes(e, strongest: strongest[e.look] ?? 1, labels: diagram.edgeLabels, theme: theme))
        }
        return g
    }

    /// The DOT text of `diagram`.
    public static func dot(_ diagram: Diagram, theme: Theme = .standard) -> String {
        DOTWriter.write(graph(diagram, theme: theme))
    }

    // MARK: - Nodes

    static func entityStyle(_ look: Diagram.Look, theme: Theme) -> Theme.EntityStyle {
        switch look {
        case .entity(let kind), .summary(let kind): theme.style(for: kind)
        case .outsideAccount: theme.outsideAccountStyle
        case .group: Theme.EntityStyle(shape: "ellipse", shapeName: "circle", fill: DOTColor(0xD6EAF8))
        }
    }

    static func nodeAttributes(_ node: Diagram.Node, theme: Theme) -> DOTAttributes {
        let style = entityStyle(node.look, theme: theme)
        var a = DOTAttributes()
        a[.shape] = .token(style.shape)
        var fill = node.fill ?? style.fill
        var border = style.border
        var borderWidth = 1.0
        var peripheries = 1
        var dashed = style.dashed
        // Marks in a fixed order, later ones winning.
        for mark in Theme.Mark.allCases where node.marks.contains(mark) {
            guard let m = theme.marks[mark] else { continue }
            if let f = m.fill, node.fill == nil { fill = f }
            border = m.border
            borderWidth = max(borderWidth, m.borderWidth)
            peripheries = max(peripheries, m.peripheries)
            dashed = dashed || m.dashed
        }
        if case .summary = node.look { dashed = true }
        if node.marks.contains(.focus) { a[.root] = .bool(true) }
        a[.fillcolor] = .color(fill)
        a[.color] = .color(border)
        if borderWidth != 1 { a[.penwidth] = .number(borderWidth) }
        if peripheries > 1 { a[.peripheries] = .integer(peripheries) }
        a[.style] = .token(dashed ? "filled,dashed" : "filled")
        if node.scale != 1 {
            a[.width] = .number(0.75 * node.scale)
            a[.height] = .number(0.5 * node.scale)
        }
        var lines = [HTMLLabel.text(DOTText.shortened(node.title, to: theme.nameCharacters), bold: true, boldFace: theme.boldFontName)]
        for d in node.details {
            lines.append(.text(DOTText.shortened(d, to: theme.detailCharacters), size: theme.nodeFontSize - 2, color: theme.detailColor))
        }
        a[.label] = .html(.lines(lines))
        a[.tooltip] = .text(node.tooltip ?? ([node.title] + node.details).joined(separator: "\n"))
        return a
    }

    // MARK: - Edges

    static func lineStyle(_ look: Diagram.EdgeLook, theme: Theme) -> Theme.LineStyle {
        switch look {
        case .link(let kind): theme.style(for: kind)
        case .transfer: theme.transferStyle
        case .groupTie, .layoutOnly: theme.groupTieStyle
        }
    }

    /// The label of an edge: its amount, its count, its extra text.
    public static func edgeText(_ e: Diagram.Edge) -> [String] {
        var lines: [String] = []
        switch e.look {
        case .transfer:
            if let amount = e.amount { lines.append(EntityText.amount(amount, e.currency ?? "")) }
            if e.count > 1 { lines.append(EntityText.count(e.count, "transfer")) }
        case .link(let kind):
            if kind == .contacted { lines.append(EntityText.count(max(e.count, 1), "contact")) }
            else if e.count > 1 { lines.append("\(e.count)× \(kind.name)") }
        case .groupTie:
            if let amount = e.amount { lines.append(EntityText.amount(amount, e.currency ?? "")) }
            if e.count > 1 { lines.append(EntityText.count(e.count, "tie")) }
        case .layoutOnly: return []
        }
        if let t = e.text { lines.append(t) }
        return lines
    }

    static func edgeAttributes(_ e: Diagram.Edge, strongest: Double, labels: Bool, theme: Theme) -> DOTAttributes {
        let style = lineStyle(e.look, theme: theme)
        var a = DOTAttributes()
        if e.look == .layoutOnly {
            a[.style] = .token("invis")
            a[.dir] = .token("none")
            return a
        }
        a[.color] = .color(style.color)
        switch style.pattern {
        case .solid: break
        case .dashed: a[.style] = .token("dashed")
        case .dotted: a[.style] = .token("dotted")
        case .bold: a[.style] = .token("bold")
        }
        if !style.arrow { a[.dir] = .token("none") }
        // Width grows with the square root of the strength: 1 to 7 points.
        // Money and group ties: 1 to 7 points with the square root of the strength.
        // Ties merged: a little wider, by the logarithm of their number.
        var width = style.width
        if e.look == .transfer || e.look == .groupTie {
            let s = e.effectiveStrength
            if strongest > 0 && s > 0 { width = style.width + 6 * (s / strongest).squareRoot() }
        } else if e.count > 1 && e.look != .link(.contacted) {
            width = style.width + min(2.5, 0.6 * log2(Double(e.count)))
        }
        if width != 1 { a[.penwidth] = .number(width) }
        if !e.constraint { a[.constraint] = .bool(false) }
        let text = edgeText(e)
        if labels && e.labelled && !text.isEmpty {
            a[.label] = .html(.lines(text.map { .text($0) }))
        }
        let tip = text + (e.detail.map { [$0] } ?? [])
        if !tip.isEmpty { a[.tooltip] = .text(tip.joined(separator: "\n")) }
        return a
    }

    // MARK: - Title and legend

    /// The title, the notes, and a legend of what the picture uses.
    static func legend(_ d: Diagram, theme: Theme) -> HTMLLabel {
        var entries: [(HTMLLabel.Cell, String)] = []
        // Shapes and colours of the looks used, in a fixed order.
        var kindsSeen = Set<String>()
        var looks: [Diagram.Look] = []
        for n in d.nodes {
            let key: String
            switch n.look {
            case .entity(let k): key = "e:" + k.name
            case .summary(let k): key = "e:" + k.name
            case .outsideAccount: key = "outside"
            case .group: key = "group"
            }
            if kindsSeen.insert(key).inserted {
                if case .summary(let k) = n.look { looks.append(.entity(k)) } else { looks.append(n.look) }
            }
        }
        let usesRingFill = d.nodes.contains { $0.fill != nil }
        for look in looks {
            let s = entityStyle(look, theme: theme)
            let name: String
            switch look {
            case .entity(let k): name = k.name
            case .summary(let k): name = k.name
            case .outsideAccount: name = "outside account"
            case .group: name = "group; size grows with members and money"
            }
            let fill = usesRingFill ? DOTColor(0xFFFFFF) : s.fill
            entries.append((swatch(fill), name + " (" + s.shapeName + ")"))
        }
        for entry in d.extraLegend { entries.append((swatch(entry.swatch), entry.text)) }
        var marksUsed = Set<Theme.Mark>()
        for n in d.nodes { marksUsed.formUnion(n.marks) }
        if d.nodes.contains(where: { if case .summary = $0.look { return true } else { return false } }) { marksUsed.insert(.collapsed) }
        for mark in Theme.Mark.allCases where marksUsed.contains(mark) {
            if let m = theme.marks[mark] {
                entries.append((HTMLLabel.Cell(.text(" "), background: m.fill ?? DOTColor(0xFFFFFF), width: 18, height: 10, border: Int(m.borderWidth.rounded()), color: m.border), m.legend))
            }
        }
        // Lines used.
        var lineSeen = Set<Diagram.EdgeLook>()
        for e in d.edges where e.look != .layoutOnly && lineSeen.insert(e.look).inserted {
            let s = lineStyle(e.look, theme: theme)
            let glyph: String
            switch s.pattern {
            case .solid: glyph = "───"
            case .bold: glyph = "━━━"
            case .dashed: glyph = "╌╌╌"
            case .dotted: glyph = "┈┈┈"
            }
            let text: String
            switch e.look {
            case .transfer: text = "money (width grows with the amount)"
            case .groupTie: text = "ties and money between groups (width grows with them)"
            case .link(let k): text = k.name.split(separator: "_").joined(separator: " ")
            case .layoutOnly: text = ""
            }
            entries.append((HTMLLabel.Cell(.text(glyph + (s.arrow ? "▶" : "─"), color: s.color, bold: true, boldFace: theme.boldFontName)), text))
        }

        var rows: [[HTMLLabel.Cell]] = []
        rows.append([HTMLLabel.Cell(.text(d.title, size: 16, bold: true, boldFace: theme.boldFontName), align: .left, columnSpan: 8)])
        for note in d.notes {
            rows.append([HTMLLabel.Cell(.text(note, size: 10, color: theme.detailColor), align: .left, columnSpan: 8)])
        }
        let perRow = 4
        var i = 0
        while i < entries.count {
            var row: [HTMLLabel.Cell] = []
            for (cell, text) in entries[i ..< min(i + perRow, entries.count)] {
                row.append(cell)
                row.append(HTMLLabel.Cell(.text(text, size: 9), align: .left))
            }
            rows.append(row)
            i += perRow
        }
        return .table(rows, cellSpacing: 2, cellPadding: 2)
    }

    private static func swatch(_ fill: DOTColor) -> HTMLLabel.Cell {
        HTMLLabel.Cell(.text(" "), background: fill, width: 18, height: 10, border: 1, color: DOTColor(0x34495E))
    }
}
