/// Writes a `DOTGraph` as DOT text. The same graph always gives the same bytes:
/// statements follow the order nodes, edges and clusters were added; attributes are
/// sorted by name.
public enum DOTWriter {
    /// The DOT source of `graph`.
    /// - Complexity: O(size of the graph and its text).
    public static func write(_ graph: DOTGraph) -> String {
        var lines: [String] = []
        lines.reserveCapacity(graph.nodes.count + graph.edges.count + 16)
        lines.append(graph.directed ? "digraph G {" : "graph G {")
        lines.append(contentsOf: graph.attributes.statements(indent: "  "))
        if !graph.nodeDefaults.isEmpty { lines.append("  node " + graph.nodeDefaults.written() + ";") }
        if !graph.edgeDefaults.isEmpty { lines.append("  edge " + graph.edgeDefaults.written() + ";") }

        // MARK: - Clusters, nested, with their nodes
        var clusterNodes = [[Int]](repeating: [], count: graph.clusters.count)
        var childClusters = [[Int]](repeating: [], count: graph.clusters.count)
        var topClusters: [Int] = []
        for (i, node) in graph.nodes.enumerated() { if let c = node.cluster { clusterNodes[c].append(i) } }
        for (c, cluster) in graph.clusters.enumerated() {
            if let p = cluster.parent { childClusters[p].append(c) } else { topClusters.append(c) }
        }
        func writeCluster(_ c: Int, depth: Int) {
            let pad = String(repeating: "  ", count: depth)
            lines.append(pad + "subgraph cluster_\(c) {")
            lines.append(contentsOf: graph.clusters[c].attributes.statements(indent: pad + "  "))
            for n in clusterNodes[c] { lines.append(pad + "  " + nodeStatement(n, graph.nodes[n])) }
            for child in childClusters[c] { writeCluster(child, depth: depth + 1) }
            lines.append(pad + "}")
        }
        for c in topClusters { writeCluster(c, depth: 1) }

        // MARK: - Nodes outside clusters, ranks, edges
        for (i, node) in graph.nodes.enumerated() where node.cluster == nil {
            lines.append("  " + nodeStatement(i, node))
        }
        for group in graph.sameRank {
            lines.append("  { rank=\"same\"; " + group.map { "n\($0);" }.joined(separator: " ") + " }")
        }
        let arrow = graph.directed ? " -> " : " -- "
        for edge in graph.edges {
            let attrs = edge.attributes.written()
            lines.append("  n\(edge.from)" + arrow + "n\(edge.to)" + (attrs.isEmpty ? "" : " " + attrs) + ";")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func nodeStatement(_ i: Int, _ node: DOTGraph.Node) -> String {
        let attrs = node.attributes.written()
        return "n\(i)" + (attrs.isEmpty ? "" : " " + attrs) + ";"
    }
}
