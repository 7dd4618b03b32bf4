import CGraphviz
import Foundation

/// Lays out and renders DOT through libgvc in this process (no subprocess).
///
/// Graphviz is not thread-safe (four threads with a context each crashed in 3 of 3
/// runs), so there is one renderer per process, `Renderer.shared`, with one
/// `gvContext`, and every call holds its lock: calls from many threads are safe and
/// run one at a time. Every graph is freed after use (`gvFreeLayout`, `agclose`):
/// rendering in a loop does not grow memory.
public final class Renderer: @unchecked Sendable {
    /// The process's renderer.
    public static let shared = Renderer()

    private let lock = NSLock()
    private var context: OpaquePointer?

    private init() {}

    /// The result of a render.
    public struct Rendering: Sendable {
        /// The picture: SVG text as UTF-8, PNG or PDF bytes.
        public let data: [UInt8]
        /// The engine that laid it out (another than asked for when the graph was
        /// too large for it).
        public let engine: LayoutEngine
        public let nodeCount: Int
        public let edgeCount: Int
        /// Caps applied and Graphviz's warnings, for the user to see.
        public let notes: [String]
        /// Wall time of layout and rendering.
        public let seconds: Double
    }

    /// A parsed graph, for checking what DOT text says (tests, diagnostics).
    public struct ParsedGraph: Sendable {
        public let directed: Bool
        public let nodeCount: Int
        public let edgeCount: Int
        /// Attribute names declared for nodes, edges and the graph.
        public let nodeAttributeNames: [String]
        public let edgeAttributeNames: [String]
        public let graphAttributeNames: [String]
        /// Each node's non-default attribute values, by attribute name, in file order.
        public let nodeAttributes: [[String: String]]
    }

    // MARK: - Rendering

    /// Lays out `dot` with `engine` and renders it to `format`, in memory.
    /// - Throws: `RenderError` with Graphviz's own messages.
    public func render(dot: String, engine: LayoutEngine = .dot, format: PictureFormat,
                       limits: RenderLimits = .standard) throws(RenderError) -> Rendering {
        try render(dot: dot, engine: engine, formats: [format], limits: limits)[0]
    }

    /// Lays out `dot` once with `engine` and renders it to each of `formats` (PNG
    /// last, since its pixel cap changes the graph), in the order given.
    /// - Throws: `RenderError` with Graphviz's own messages, at the first failure.
    public func render(dot: String, engine: LayoutEngine = .dot, formats: [PictureFormat],
                       limits: RenderLimits = .standard) throws(RenderError) -> [Rendering] {
        lock.lock(); defer { lock.unlock() }
        var start = DispatchTime.now().uptimeNanoseconds
        let gvc = try openContext()
        GraphvizMessages.reset()
        guard let graph = dot.withCString({ fg_read_dot($0) }) else {
            throw .syntax(messages: GraphvizMessages.take())
        }
        defer { agclose(graph) }
        if GraphvizMessages.sawError { throw .syntax(messages: GraphvizMessages.take()) }
        var notes = GraphvizMessages.take()

        // MARK: Caps
        let n = Int(agnnodes(graph)), m = Int(agnedges(graph))
        var used = engine
        if !limits.fits(nodes: n, edges: m, engine: engine) {
            if limits.whenTooLarge == .switchToSFDP && engine != .sfdp && limits.fits(nodes: n, edges: m, engine: .sfdp) {
                notes.append("\(n) nodes and \(m) edges are too many for \(engine.rawValue): laid out with sfdp")
                used = .sfdp
            } else {
                throw .tooLarge(engine: engine, nodes: n, edges: m, limit: limits.size(for: engine))
            }
        }
        if used != .dot { notes += avoidMultiSplines(graph) }
        if used == .dot {
            notes += capDotSearch(graph, nodes: n, edges: m, limits: limits)
            let moved = fg_unlabel_flat_edges(graph, graph)
            if moved > 0 { notes.append("\(moved) label(s) of edges within one rank placed beside the edge (xlabel)") }
        }

        // MARK: Layout
        GraphvizMessages.reset()
        let (layoutStatus, routerText) = StderrCapture.run { fg_layout(gvc, graph, used.rawValue) }
        let routerFailures = routerText.split(separator: "\n").filter { $0.hasPrefix("libpath/") }.map(String.init)
        if layoutStatus != 0 || GraphvizMessages.sawError {
            var messages = GraphvizMessages.take() + routerFailures
            if messages.contains(where: { $0.contains("not recognized") }) {
                messages.append("Graphviz plugins missing? run `dot -c` as root")
            }
            throw .layout(engine: used, messages: messages)
        }
        // After a path-router failure Graphviz 2.42's gvFreeLayout frees twice and
        // aborts: that layout is left unfreed (a leak, not a crash).
        defer { if routerFailures.isEmpty { gvFreeLayout(gvc, graph) } }
        if !routerFailures.isEmpty {
            notes.append("Graphviz could not route \(routerFailures.count / 2 + routerFailures.count % 2) edge path(s) (\(routerFailures[0])): drawn straight; this layout's memory is not freed")
        }
        notes += GraphvizMessages.take()

        // MARK: Render each format from the one layout
        var out: [Rendering?] = Array(repeating: nil, count: formats.count)
        let order = formats.indices.sorted { (formats[$0] == .png ? 1 : 0, $0) < (formats[$1] == .png ? 1 : 0, $1) }
        for k in order {
            let format = formats[k]
            var formatNotes = notes
            if format == .png { formatNotes += capPixels(graph, limits: limits) }
            GraphvizMessages.reset()
            var result: UnsafeMutablePointer<CChar>? = nil
            var length = 0
            let rc = fg_render_data(gvc, graph, format.graphvizName, &result, &length)
            defer { if let result { fg_free_render_data(result) } }
            if rc != 0 || GraphvizMessages.sawError || result == nil {
                throw .render(format: format, messages: GraphvizMessages.take())
            }
            formatNotes += GraphvizMessages.take()
            let data = [UInt8](UnsafeRawBufferPointer(start: UnsafeRawPointer(result!), count: length))
            let now = DispatchTime.now().uptimeNanoseconds
            out[k] = Rendering(data: data, engine: used, nodeCount: n, edgeCount: m, notes: formatNotes, seconds: Double(now - start) / 1e9)
            start = now
        }
        return out.map { $0! }
    }

    /// Renders a graph built in code.
    public func render(_ graph: DOTGraph, engine: LayoutEngine = .dot, format: PictureFormat,
                       limits: RenderLimits = .standard) throws(RenderError) -> Rendering {
        try render(dot: DOTWriter.write(graph), engine: engine, format: format, limits: limits)
    }

    /// Parses `dot` and reports what it holds, without laying it out.
    public func inspect(dot: String) throws(RenderError) -> ParsedGraph {
        lock.lock(); defer { lock.unlock() }
        _ = try openContext()
        GraphvizMessages.reset()
        guard let graph = dot.withCString({ fg_read_dot($0) }) else {
            throw .syntax(messages: GraphvizMessages.take())
        }
        defer { agclose(graph) }
        if GraphvizMessages.sawError { throw .syntax(messages: GraphvizMessages.take()) }
        _ = GraphvizMessages.take()
        func names(_ kind: Int32) -> [(String, OpaquePointer)] {
            var out: [(String, OpaquePointer)] = []
            var sym = fg_next_attribute(graph, kind, nil)
            while let s = sym {
                out.append((String(cString: fg_attribute_name(s)), OpaquePointer(s)))
                sym = fg_next_attribute(graph, kind, s)
            }
            return out
        }
        let nodeSymbols = names(fg_node_kind())
        var perNode: [[String: String]] = []
        var node = agfstnode(graph)
        while let v = node {
            var values: [String: String] = [:]
            var sym = fg_next_attribute(graph, fg_node_kind(), nil)
            while let s = sym {
                let value = String(cString: fg_attribute_value(UnsafeMutableRawPointer(v), s))
                if !value.isEmpty { values[String(cString: fg_attribute_name(s))] = value }
                sym = fg_next_attribute(graph, fg_node_kind(), s)
            }
            perNode.append(values)
            node = agnxtnode(graph, v)
        }
        return ParsedGraph(
            directed: agisdirected(graph) != 0,
            nodeCount: Int(agnnodes(graph)), edgeCount: Int(agnedges(graph)),
            nodeAttributeNames: nodeSymbols.map(\.0),
            edgeAttributeNames: names(fg_edge_kind()).map(\.0),
            graphAttributeNames: names(fg_graph_kind()).map(\.0),
            nodeAttributes: perNode)
    }

    // MARK: - Context and caps

    /// The process's Graphviz context, made on first use. Caller holds the lock.
    private func openContext() throws(RenderError) -> OpaquePointer {
        if let context { return context }
        GraphvizMessages.install()
        guard let gvc = gvContext() else { throw .unavailable("gvContext() failed") }
        context = gvc
        return gvc
    }

    /// Graphviz 2.42's spline router for the force-directed and radial engines
    /// (`makeMultiSpline`) writes past a buffer for parallel edges and corrupts the
    /// heap (seen with twopi: an abort or a crash later, in this process). Routed
    /// edge styles are replaced by curved edges for those engines.
    private func avoidMultiSplines(_ graph: UnsafeMutablePointer<Agraph_t>) -> [String] {
        let splines = "splines".withCString { fg_get(UnsafeMutableRawPointer(graph), $0).map { String(cString: $0) } } ?? ""
        guard ["true", "spline", "spline", "polyline", "ortho", "yes"].contains(splines.lowercased()) else { return [] }
        _ = "splines".withCString { k in "curved".withCString { v in "".withCString { d in fg_set(UnsafeMutableRawPointer(graph), k, v, d) } } }
        return ["curved edges instead of splines=\(splines): Graphviz 2.42 corrupts memory routing parallel edges with it outside dot"]
    }

    /// Lowers the resolution of a bitmap whose drawing would pass `limits.maxPixels`.
    private func capPixels(_ graph: UnsafeMutablePointer<Agraph_t>, limits: RenderLimits) -> [String] {
        let dpi = fg_drawing_dpi(graph) > 0 ? fg_drawing_dpi(graph) : 96
        // The drawing's box plus the pad around it (Graphviz's default: 4 points).
        let padText = "pad".withCString { fg_get(UnsafeMutableRawPointer(graph), $0).map { String(cString: $0) } } ?? ""
        let pad = Double(padText.split(separator: ",").first ?? "") ?? 4.0 / 72
        let inches = (fg_drawing_width(graph) / 72 + 2 * pad) * (fg_drawing_height(graph) / 72 + 2 * pad)
        let pixels = inches * dpi * dpi
        guard pixels > Double(limits.maxPixels), inches > 0 else { return [] }
        let lower = (Double(limits.maxPixels) / inches).squareRoot().rounded(.down)
        fg_set_drawing_dpi(graph, lower)
        return ["PNG at \(Int(lower)) dpi instead of \(Int(dpi)): the drawing is \(Int(pixels / 1e6)) megapixels at \(Int(dpi)) dpi (at most \(limits.maxPixels / 1_000_000)); use SVG or PDF for full detail"]
    }

    /// Sets `dot`'s search limits on a graph past the sizes in `limits`.
    private func capDotSearch(_ graph: UnsafeMutablePointer<Agraph_t>, nodes n: Int, edges m: Int, limits: RenderLimits) -> [String] {
        var notes: [String] = []
        func set(_ name: String, _ value: String) {
            _ = name.withCString { k in value.withCString { v in "".withCString { d in fg_set(UnsafeMutableRawPointer(graph), k, v, d) } } }
        }
        func get(_ name: String) -> String? {
            name.withCString { k in fg_get(UnsafeMutableRawPointer(graph), k).map { String(cString: $0) } }
        }
        if n >= limits.dotSearchLimitFrom {
            let effort = DOTToken.format(limits.dotSimplexEffort)
            set("mclimit", DOTToken.format(limits.dotCrossingEffort))
            set("nslimit", effort)
            set("nslimit1", effort)
            set("remincross", "false")
            if let c = get("concentrate"), c == "true" { set("concentrate", "false") }
            notes.append("dot search limited for \(n) nodes (mclimit=\(DOTToken.format(limits.dotCrossingEffort)), nslimit=nslimit1=\(effort))")
        }
        let splines = get("splines") ?? ""
        if m >= limits.dotStraightEdgesFrom || (n >= limits.dotSearchLimitFrom && (splines == "ortho" || splines == "curved")) {
            set("splines", "line")
            notes.append("straight edges for \(m) edges (splines=line)")
        }
        return notes
    }
}
