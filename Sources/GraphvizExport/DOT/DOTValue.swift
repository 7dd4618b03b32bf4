/// The value of a DOT attribute. Every value is written as a quoted string or an
/// HTML-like label; case data can only enter as `.text` (escaped for the attribute
/// it is given to) or inside an `HTMLLabel` (escaped when the label is built).
public enum DOTValue: Hashable, Sendable {
    /// Untrusted text, shown verbatim.
    case text(String)
    /// An HTML-like label built with `HTMLLabel`.
    case html(HTMLLabel)
    /// A value chosen by the code: a shape, a style, a colour, a number.
    case token(DOTToken)

    public static func number(_ x: Double) -> DOTValue { .token(DOTToken(x)) }
    public static func integer(_ x: Int) -> DOTValue { .token(DOTToken(x)) }
    public static func color(_ c: DOTColor) -> DOTValue { .token(DOTToken(c)) }
    public static func bool(_ b: Bool) -> DOTValue { .token(b ? "true" : "false") }

    /// The value as DOT source for attribute `attribute`.
    func written(for attribute: DOTAttribute) -> String {
        switch self {
        case .html(let label): return "<" + label.markup + ">"
        case .token(let token): return DOTText.quoted(token.text)
        case .text(let text):
            switch attribute.textContext {
            case .label: return DOTText.quoted(DOTText.labelContent(text))
            case .tooltip: return DOTText.quoted(DOTText.tooltipContent(text))
            case .plain: return DOTText.quoted(DOTText.labelContent(text))
            }
        }
    }
}

/// An ordered set of attributes; written sorted by name so the same settings always
/// give the same bytes.
public struct DOTAttributes: Hashable, Sendable, ExpressibleByDictionaryLiteral {
    public private(set) var entries: [DOTAttribute: DOTValue] = [:]

    public init() {}
    public init(dictionaryLiteral elements: (DOTAttribute, DOTValue)...) {
        for (k, v) in elements { entries[k] = v }
    }

    public subscript(_ attribute: DOTAttribute) -> DOTValue? {
        get { entries[attribute] }
        set { entries[attribute] = newValue }
    }

    public var isEmpty: Bool { entries.isEmpty }

    /// `[a="x", b="y"]` (empty when there are none), sorted by name.
    func written() -> String {
        if entries.isEmpty { return "" }
        var parts: [String] = []
        parts.reserveCapacity(entries.count)
        for key in entries.keys.sorted() {
            parts.append(key.name + "=" + entries[key]!.written(for: key))
        }
        return "[" + parts.joined(separator: ", ") + "]"
    }

    /// Statements `a="x";` for a graph or subgraph body, sorted by name.
    func statements(indent: String) -> [String] {
        entries.keys.sorted().map { indent + $0.name + "=" + entries[$0]!.written(for: $0) + ";" }
    }
}
