/// A Graphviz layout engine.
public enum LayoutEngine: String, CaseIterable, Sendable, Hashable {
    /// Layered drawing (hierarchies, money flowing one way). Slow on big or tangled
    /// graphs: the renderer caps its search and its size.
    case dot
    /// Spring model (stress majorisation): small graphs.
    case neato
    /// Force-directed with clusters: small graphs.
    case fdp
    /// Multiscale force-directed: the engine for large graphs.
    case sfdp
    /// Circular layout.
    case circo
    /// Radial layout around a root.
    case twopi
}

/// A picture format Graphviz renders to in memory.
public enum PictureFormat: String, CaseIterable, Sendable, Hashable {
    /// Graphviz's own SVG writer.
    case svg
    /// PNG through cairo.
    case png
    /// PDF through cairo.
    case pdf

    /// The name `gvRenderData` takes.
    var graphvizName: String {
        switch self {
        case .svg: "svg"
        case .png: "png:cairo"
        case .pdf: "pdf:cairo"
        }
    }
}
