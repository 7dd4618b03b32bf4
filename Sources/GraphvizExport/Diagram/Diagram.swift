import FraudGraph

/// What a picture shows, before it becomes DOT: nodes that stand for entities or
/// groups of them, the ties and money between them, clusters, and the words around
/// them. The view builders (`OverviewDiagram`, `EgoDiagram`, `RingDiagram`,
/// `TraceDiagram`, `OrgChartDiagram`) make diagrams; `DiagramWriter` turns one into
/// a `DOTGraph` with the theme and a legend.
public struct Diagram: Sendable {
    /// The title on top of the picture.
    public var title: String
    /// Smaller lines under the title: what is shown, what was left out or merged.
    public var notes: [String] = []
    public var direction: Direction
    /// The engine the picture is meant for.
    public var engine: LayoutEngine
    public var nodes: [Node] = []
    public var edges: [Edge] = []
    public var clusters: [Cluster] = []
    /// Groups of nodes that belong on one rank (a level of an org chart).
    public var ranks: [[Int]] = []
    /// Legend entries beyond those the theme derives (ring colours).
    public var extraLegend: [LegendEntry] = []
    /// Whether edges carry their amounts and counts as labels.
    public var edgeLabels = true
    /// How the picture was made (tool version, view, input files and their SHA-256),
    /// written as the graph's comment: in the DOT, and as a comment in SVG.
    public var provenance: [String] = []

    public init(title: String, direction: Direction, engine: LayoutEngine) {
        self.title = title; self.direction = direction; self.engine = engine
    }

    public enum Direction: Sendable, Hashable { case leftToRight, topToBottom, free }

    /// What a node stands for, which sets its shape and colour.
    public enum Look: Sendable, Hashable {
        /// One entity of this kind.
        case entity(EntityKind)
        /// An account outside the case's view.
        case outsideAccount
        /// A group (ring) drawn as one node.
        case group
        /// Several entities of one kind drawn as one (a collapsed fan-in).
        case summary(EntityKind)
    }

    public struct Node: Sendable, Hashable {
        public var look: Look
        /// The first, bold line: a name.
        public var title: String
        /// Further lines: id and country, role, amounts.
        public var details: [String]
        /// The full text for SVG tooltips (nil: title and details).
        public var tooltip: String?
        /// A fill colour instead of the kind's (a ring colour).
        public var fill: DOTColor?
        public var marks: Set<Theme.Mark>
        /// Relative size (1: normal); a group node grows with its members.
        public var scale: Double
        public var cluster: Int?
        /// The entity this node draws, or -1.
        public var entity: Int32

        public init(look: Look, title: String, details: [String] = [], tooltip: String? = nil, fill: DOTColor? = nil,
                    marks: Set<Theme.Mark> = [], scale: Double = 1, cluster: Int? = nil, entity: Int32 = -1) {
            self.look = look; self.title = title; self.details = details; self.tooltip = tooltip; self.fill = fill
            self.marks = marks; self.scale = scale; self.cluster = cluster; self.entity = entity
        }
    }

    /// What an edge stands for.
    public enum EdgeLook: Sendable, Hashable {
        /// Ties of this kind (`owns`, `manages`, ...).
        case link(LinkKind)
        /// Money: one or more transfers.
        case transfer
        /// Ties and money between two groups.
        case groupTie
        /// Not drawn: only holds the layout in shape (levels of an org chart).
        case layoutOnly
    }

    public struct Edge: Sendable, Hashable {
        public var from: Int
        public var to: Int
        public var look: EdgeLook
        /// Total money carried, in `currency`.
        public var amount: Money?
        public var currency: String?
        /// Number of transfers or ties merged into this edge.
        public var count: Int
        /// Another label line (a date, a hop).
        public var text: String?
        /// What sets the width (0: width from `amount`, else from `count`).
        public var strength: Double
        /// Whether `dot` may use the edge to rank its ends.
        public var constraint: Bool
        /// Whether the label is drawn (it is in the tooltip either way).
        public var labelled = true
        /// More for the tooltip only (dates, the full amount sent).
        public var detail: String?

        public init(from: Int, to: Int, look: EdgeLook, amount: Money? = nil, currency: String? = nil, count: Int = 1,
                    text: String? = nil, strength: Double = 0, constraint: Bool = true) {
            self.from = from; self.to = to; self.look = look; self.amount = amount; self.currency = currency
            self.count = count; self.text = text; self.strength = strength; self.constraint = constraint
        }

        /// The width-setting strength: `strength`, else the amount, else the count.
        var effectiveStrength: Double {
            if strength > 0 { return strength }
            if let amount { return Double(amount.units) }
            return Double(count)
        }
    }

    public struct Cluster: Sendable, Hashable {
        public var title: String
        public var details: [String]
        public var fill: DOTColor?
        public var parent: Int?
        public init(title: String, details: [String] = [], fill: DOTColor? = nil, parent: Int? = nil) {
            self.title = title; self.details = details; self.fill = fill; self.parent = parent
        }
    }

    /// A legend line the theme cannot derive from the looks used.
    public struct LegendEntry: Sendable, Hashable {
        public var swatch: DOTColor
        public var text: String
        public init(swatch: DOTColor, text: String) { self.swatch = swatch; self.text = text }
    }

    // MARK: - Building

    @discardableResult
    public mutating func add(_ node: Node) -> Int {
        nodes.append(node)
        return nodes.count - 1
    }

    public mutating func add(_ edge: Edge) {
        edges.append(edge)
    }

    @discardableResult
    public mutating func add(_ cluster: Cluster) -> Int {
        clusters.append(cluster)
        return clusters.count - 1
    }

    /// A node for entity `e` of the case, with its name, id, country and role.
    public static func entityNode(_ c: Case, _ e: Int32, marks: Set<Theme.Mark> = [], cluster: Int? = nil, extra: [String] = []) -> Node {
        let outside = c.entities.holdsMoney(e) && c.entities.isExternal(e)
        return Node(look: outside ? .outsideAccount : .entity(c.entities.kindOf(e)),
                    title: EntityText.title(c, e), details: EntityText.details(c, e) + extra,
                    tooltip: EntityText.tooltip(c, e) + (extra.isEmpty ? "" : "\n" + extra.joined(separator: "\n")),
                    marks: marks, cluster: cluster, entity: e)
    }
}
