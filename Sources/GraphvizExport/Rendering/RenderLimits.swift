/// Caps that keep a render from running for ever. Graphviz cannot be interrupted, so
/// the renderer never hands an engine a graph bigger than it can finish in seconds,
/// and limits `dot`'s searches on graphs past a size (see shared/notes/graphviz.md:
/// `dot` on a random 250-node graph took 98 s unlimited, 1.1 s limited).
public struct RenderLimits: Sendable, Hashable {
    /// The largest graph (nodes, edges) each engine is given.
    public var maxSize: [LayoutEngine: Size]
    /// From this many nodes, `dot` runs with `mclimit`, `nslimit` and `nslimit1` set.
    public var dotSearchLimitFrom: Int
    /// Crossing-minimisation passes as a fraction of the default (`mclimit`).
    public var dotCrossingEffort: Double
    /// Network-simplex iterations per node (`nslimit`, `nslimit1`).
    public var dotSimplexEffort: Double
    /// From this many edges, `dot` draws straight edges (`splines=line`): spline
    /// routing around hundreds of nodes is the other slow phase.
    public var dotStraightEdgesFrom: Int
    /// What to do with a graph too big for the engine asked for.
    public var whenTooLarge: WhenTooLarge
    /// Most pixels in a PNG: a bigger drawing is rendered at a lower resolution
    /// (cairo takes seconds and hundreds of MB for a 60-megapixel picture).
    public var maxPixels: Int = 40_000_000

    public struct Size: Sendable, Hashable {
        public var nodes: Int
        public var edges: Int
        public init(nodes: Int, edges: Int) { self.nodes = nodes; self.edges = edges }
    }

    public enum WhenTooLarge: Sendable, Hashable {
        /// Lay it out with `sfdp` if `sfdp` can take it (the rendering says so).
        case switchToSFDP
        /// Throw `RenderError.tooLarge`.
        case refuse
    }

    public init(maxSize: [LayoutEngine: Size], dotSearchLimitFrom: Int, dotCrossingEffort: Double, dotSimplexEffort: Double,
                dotStraightEdgesFrom: Int, whenTooLarge: WhenTooLarge) {
        self.maxSize = maxSize
        self.dotSearchLimitFrom = dotSearchLimitFrom
        self.dotCrossingEffort = dotCrossingEffort
        self.dotSimplexEffort = dotSimplexEffort
        self.dotStraightEdgesFrom = dotStraightEdgesFrom
        self.whenTooLarge = whenTooLarge
    }

    /// Sizes each engine finishes in seconds on two cores (bench/pictures).
    public static let standard = RenderLimits(
        maxSize: [
            .dot: Size(nodes: 2_500, edges: 6_000),
            .neato: Size(nodes: 1_000, edges: 4_000),
            .fdp: Size(nodes: 1_000, edges: 4_000),
            .circo: Size(nodes: 1_500, edges: 5_000),
            .twopi: Size(nodes: 5_000, edges: 20_000),
            .sfdp: Size(nodes: 60_000, edges: 250_000),
        ],
        dotSearchLimitFrom: 150,
        dotCrossingEffort: 0.1,
        dotSimplexEffort: 2,
        dotStraightEdgesFrom: 1_200,
        whenTooLarge: .switchToSFDP
    )

    /// The largest graph `engine` is given.
    public func size(for engine: LayoutEngine) -> Size {
        maxSize[engine] ?? Size(nodes: 1_000, edges: 4_000)
    }

    /// Whether a graph of this size fits `engine`.
    public func fits(nodes: Int, edges: Int, engine: LayoutEngine) -> Bool {
        let s = size(for: engine)
        return nodes <= s.nodes && edges <= s.edges
    }
}
