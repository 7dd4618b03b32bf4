/// The name of a DOT attribute. Names come only from string literals in this
/// module's callers' code (`StaticString`), never from case data, so no text from a
/// case can become an attribute.
public struct DOTAttribute: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let name: String

    /// An attribute named in code.
    public init(_ name: StaticString) { self.name = name.description }

    public var description: String { name }
    public static func < (a: DOTAttribute, b: DOTAttribute) -> Bool { a.name < b.name }

    /// How Graphviz reads a text value of this attribute (see `DOTText`).
    var textContext: TextContext {
        switch name {
        case "label", "xlabel", "headlabel", "taillabel": .label
        case "tooltip", "labeltooltip", "edgetooltip", "headtooltip", "tailtooltip": .tooltip
        default: .plain
        }
    }

    enum TextContext { case label, tooltip, plain }

    public static let label = DOTAttribute("label")
    public static let xlabel = DOTAttribute("xlabel")
    public static let tooltip = DOTAttribute("tooltip")
    public static let shape = DOTAttribute("shape")
    public static let style = DOTAttribute("style")
    public static let color = DOTAttribute("color")
    public static let fillcolor = DOTAttribute("fillcolor")
    public static let fontcolor = DOTAttribute("fontcolor")
    public static let fontname = DOTAttribute("fontname")
    public static let fontsize = DOTAttribute("fontsize")
    public static let penwidth = DOTAttribute("penwidth")
    public static let arrowsize = DOTAttribute("arrowsize")
    public static let arrowhead = DOTAttribute("arrowhead")
    public static let dir = DOTAttribute("dir")
    public static let width = DOTAttribute("width")
    public static let height = DOTAttribute("height")
    public static let margin = DOTAttribute("margin")
    public static let peripheries = DOTAttribute("peripheries")
    public static let weight = DOTAttribute("weight")
    public static let constraint = DOTAttribute("constraint")
    public static let minlen = DOTAttribute("minlen")
    public static let rankdir = DOTAttribute("rankdir")
    public static let ranksep = DOTAttribute("ranksep")
    public static let nodesep = DOTAttribute("nodesep")
    public static let splines = DOTAttribute("splines")
    public static let overlap = DOTAttribute("overlap")
    public static let outputorder = DOTAttribute("outputorder")
    public static let labelloc = DOTAttribute("labelloc")
    public static let labeljust = DOTAttribute("labeljust")
    public static let bgcolor = DOTAttribute("bgcolor")
    public static let pad = DOTAttribute("pad")
    public static let charset = DOTAttribute("charset")
    public static let newrank = DOTAttribute("newrank")
    public static let sep = DOTAttribute("sep")
    public static let K = DOTAttribute("K")
    public static let root = DOTAttribute("root")
    public static let decorate = DOTAttribute("decorate")
    public static let labelfloat = DOTAttribute("labelfloat")
    public static let fixedsize = DOTAttribute("fixedsize")
    public static let group = DOTAttribute("group")
    public static let rank = DOTAttribute("rank")
    public static let dpi = DOTAttribute("dpi")
    public static let size = DOTAttribute("size")
    public static let mclimit = DOTAttribute("mclimit")
    public static let nslimit = DOTAttribute("nslimit")
    public static let nslimit1 = DOTAttribute("nslimit1")
    public static let remincross = DOTAttribute("remincross")
    public static let concentrate = DOTAttribute("concentrate")
    public static let clusterrank = DOTAttribute("clusterrank")
    public static let compound = DOTAttribute("compound")
    public static let packmode = DOTAttribute("packmode")
    public static let pack = DOTAttribute("pack")
    public static let esep = DOTAttribute("esep")
    public static let mode = DOTAttribute("mode")
    public static let maxiter = DOTAttribute("maxiter")
    public static let comment = DOTAttribute("comment")
}

/// A value the code chose (a shape, a style, an engine setting): letters, digits and
/// `, . _ : - #` only, from a literal or a number, so it never carries case data.
public struct DOTToken: Hashable, Sendable, ExpressibleByStringLiteral {
    public let text: String

    public init(stringLiteral value: StaticString) { text = value.description }
    public init(_ value: StaticString) { text = value.description }

    /// A number written with at most three decimals, without trailing zeros.
    public init(_ number: Double) { text = DOTToken.format(number) }
    public init(_ number: Int) { text = String(number) }

    /// A colour `#rrggbb` (or `#rrggbbaa` with alpha).
    public init(_ color: DOTColor) { text = color.hex }

    static func format(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let scaled = (x * 1000).rounded()
        let negative = scaled < 0
        let magnitude = Int64(Swift.min(abs(scaled), 9.0e15))
        let whole = magnitude / 1000, frac = magnitude % 1000
        var s = (negative && magnitude != 0 ? "-" : "") + String(whole)
        if frac != 0 {
            var f = String(frac)
            while f.count < 3 { f = "0" + f }
            while f.hasSuffix("0") { f.removeLast() }
            s += "." + f
        }
        return s
    }
}

/// An RGB(A) colour.
public struct DOTColor: Hashable, Sendable {
    public let red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8 = 255) {
        self.red = red; self.green = green; self.blue = blue; self.alpha = alpha
    }

    /// A colour from `0xRRGGBB`.
    public init(_ rgb: UInt32) {
        self.init(red: UInt8((rgb >> 16) & 0xFF), green: UInt8((rgb >> 8) & 0xFF), blue: UInt8(rgb & 0xFF))
    }

    /// `#rrggbb`, or `#rrggbbaa` when not opaque.
    public var hex: String {
        let digits = Array("0123456789abcdef")
        var s = "#"
        for v in alpha == 255 ? [red, green, blue] : [red, green, blue, alpha] {
            s.append(digits[Int(v >> 4)]); s.append(digits[Int(v & 15)])
        }
        return s
    }

    /// This colour mixed with white: `amount` 0 keeps it, 1 gives white.
    public func lightened(_ amount: Double) -> DOTColor {
        func mix(_ c: UInt8) -> UInt8 { UInt8((Double(c) + (255 - Double(c)) * amount).rounded()) }
        return DOTColor(red: mix(red), green: mix(green), blue: mix(blue), alpha: alpha)
    }

    /// This colour mixed with black: `amount` 0 keeps it, 1 gives black.
    public func darkened(_ amount: Double) -> DOTColor {
        func mix(_ c: UInt8) -> UInt8 { UInt8((Double(c) * (1 - amount)).rounded()) }
        return DOTColor(red: mix(red), green: mix(green), blue: mix(blue), alpha: alpha)
    }
}
