/// Why Graphviz could not draw a graph. Graphviz's own messages are kept verbatim.
public enum RenderError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The DOT text does not parse.
    case syntax(messages: [String])
    /// The layout engine failed.
    case layout(engine: LayoutEngine, messages: [String])
    /// Rendering the laid-out graph to the format failed.
    case render(format: PictureFormat, messages: [String])
    /// The graph is bigger than any engine allowed can lay out in reasonable time.
    case tooLarge(engine: LayoutEngine, nodes: Int, edges: Int, limit: RenderLimits.Size)
    /// Graphviz could not start (no plugins: run `dot -c` as root).
    case unavailable(String)

    public var description: String {
        func joined(_ m: [String]) -> String { m.isEmpty ? "no message from Graphviz" : m.joined(separator: "; ") }
        switch self {
        case .syntax(let m): return "Graphviz cannot read the graph: \(joined(m))"
        case .layout(let e, let m): return "Graphviz \(e.rawValue) layout failed: \(joined(m))"
        case .render(let f, let m): return "Graphviz cannot render \(f.rawValue): \(joined(m))"
        case .tooLarge(let e, let n, let m, let limit):
            return "the graph (\(n) nodes, \(m) edges) is too large for \(e.rawValue) (at most \(limit.nodes) nodes, \(limit.edges) edges); draw a smaller view or use sfdp"
        case .unavailable(let why): return "Graphviz is not available: \(why)"
        }
    }
}
