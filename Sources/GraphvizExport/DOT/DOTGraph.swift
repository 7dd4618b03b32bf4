/// A Graphviz graph as a value: nodes, edges, clusters and their attributes. Node
/// names in the DOT text are generated (`n0`, `n1`, ...) and never come from data;
/// everything a case says is in attribute values, escaped by `DOTValue`.
public struct DOTGraph: Hashable, Sendable {
    public var directed: Bool
    /// Attributes of the whole graph (layout settings, the title and legend label).
    public var attributes = DOTAttributes()
    /// Defaults for every node and every edge.
    public var nodeDefaults = DOTAttributes()
    public var edgeDefaults = DOTAttributes()
    public private(set) var nodes: [Node] = []
    public private(set) var edges: [Edge] = []
    public private(set) var clusters: [Cluster] = []
    /// Groups of nodes that `dot` puts on one rank.
    public private(set) var sameRank: [[Int]] = []

    public init(directed: Bool) { self.directed = directed }

    public struct Node: Hashable, Sendable {
        public var attributes: DOTAttributes
        /// The cluster the node is drawn in, or nil.
        public var cluster: Int?
    }

    public struct Edge: Hashable, Sendable {
        public var from: Int
        public var to: Int
        public var attributes: DOTAttributes
    }

    public struct Cluster: Hashable, Sendable {
        public var attributes: DOTAttributes
        /// The enclosing cluster, or nil for a top-level cluster.
        public var parent: Int?
    }

    /// Adds a node; returns its number.
    @discardableResult
    public mutating func addNode(_ attributes: DOTAttributes, cluster: Int? = nil) -> Int {
        precondition(cluster == nil || cluster! < clusters.count, "no such cluster")
        nodes.append(Node(attributes: attributes, cluster: cluster))
        return nodes.count - 1
    }

    /// Adds an edge between two nodes already added.
    public mutating func addEdge(from: Int, to: Int, _ attributes: DOTAttributes = DOTAttributes()) {
        precondition(from >= 0 && from < nodes.count && to >= 0 && to < nodes.count, "no such node")
        edges.append(Edge(from: from, to: to, attributes: attributes))
    }

    /// Adds a cluster (a box drawn around its nodes by `dot` and `fdp`).
    @discardableResult
    public mutating func addCluster(_ attributes: DOTAttributes, parent: Int? = nil) -> Int {
        precondition(parent == nil || parent! < clusters.count, "no such cluster")
        clusters.append(Cluster(attributes: attributes, parent: parent))
        return clusters.count - 1
    }

    /// Asks `dot` to put these nodes on one rank.
    public mutating func alignOnOneRank(_ group: [Int]) {
        precondition(group.allSatisfy { $0 >= 0 && $0 < nodes.count }, "no such node")
        if group.count > 1 { sameRank.append(group) }
    }

    public mutating func setNodeAttribute(_ node: Int, _ attribute: DOTAttribute, _ value: DOTValue?) {
        nodes[node].attributes[attribute] = value
    }

    public mutating func setEdgeAttribute(_ edge: Int, _ attribute: DOTAttribute, _ value: DOTValue?) {
        edges[edge].attributes[attribute] = value
    }
}
