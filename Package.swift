// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "FraudGraph",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "FraudGraph", targets: ["FraudGraph"]),
        .library(name: "Interchange", targets: ["Interchange"]),
        .library(name: "MoneyFlow", targets: ["MoneyFlow"]),
        .library(name: "Synthetic", targets: ["Synthetic"]),
        .library(name: "GraphvizExport", targets: ["GraphvizExport"]),
        .library(name: "Communities", targets: ["Communities"]),
        .library(name: "Hierarchy", targets: ["Hierarchy"]),
        .library(name: "CaseBrief", targets: ["CaseBrief"]),
        .executable(name: "fraudgraph", targets: ["fraudgraph"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // The case model: entities, links, transfers; frozen columns and CSR projections.
        .target(name: "FraudGraph"),
        // Case folders and other formats in and out; validation and error reporting.
        .target(name: "Interchange", dependencies: [
            "FraudGraph",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // Money-flow tracing under the allocation policies, freeze lists, flow bounds, typologies.
        .target(name: "MoneyFlow", dependencies: ["FraudGraph"]),
        // Realistic cases with planted truth.
        .target(name: "Synthetic", dependencies: ["FraudGraph", "Interchange"]),
        // Graphviz's C library (libgvc), linked in-process; see shared/notes/graphviz.md.
        .systemLibrary(name: "CGraphviz", pkgConfig: "libgvc", providers: [.apt(["libgraphviz-dev"])]),
        // DOT writing (escaping, themes, legends), rendering through libgvc, diagram builders.
        .target(name: "GraphvizExport", dependencies: ["FraudGraph", "CGraphviz"]),
        // Rings: Leiden, Louvain, label propagation, components, k-core, modularity,
        // partition comparison, ring reports.
        .target(name: "Communities", dependencies: ["FraudGraph"]),
        // Centralities, rank inference in command ties, den membership, roles.
        .target(name: "Hierarchy", dependencies: ["FraudGraph"]),
        // The case brief: every analysis run once, written as one self-contained HTML
        // page, Markdown, pictures and tables, with the provenance of every number.
        .target(name: "CaseBrief", dependencies: ["FraudGraph", "Interchange", "Communities", "MoneyFlow", "Hierarchy", "GraphvizExport"]),
        .executableTarget(name: "fraudgraph", dependencies: [
            "FraudGraph", "Interchange", "Synthetic", "GraphvizExport", "Communities", "MoneyFlow", "Hierarchy", "CaseBrief",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Benchmarks and cross-checks of the hierarchy module (bench/hierarchy).
        .executableTarget(name: "hierarchy-bench", dependencies: ["Hierarchy", "FraudGraph", "Interchange", "Synthetic"],
                          path: "bench/hierarchy/HierarchyBench"),

        .testTarget(name: "FraudGraphTests", dependencies: ["FraudGraph"]),
        .testTarget(name: "InterchangeTests", dependencies: ["Interchange", "FraudGraph", "Synthetic"]),
        .testTarget(name: "SyntheticTests", dependencies: ["Synthetic", "Interchange", "FraudGraph"]),
        .testTarget(name: "GraphvizExportTests", dependencies: ["GraphvizExport", "FraudGraph", "Interchange", "Synthetic"]),
        .testTarget(name: "CommunitiesTests", dependencies: ["Communities", "Synthetic", "Interchange", "FraudGraph"]),
        .testTarget(name: "fraudgraphTests", dependencies: ["fraudgraph", "Interchange", "FraudGraph"]),
        .testTarget(name: "MoneyFlowTests", dependencies: ["MoneyFlow", "Synthetic", "FraudGraph"]),
        .testTarget(name: "HierarchyTests", dependencies: ["Hierarchy", "FraudGraph", "Synthetic"]),
        .testTarget(name: "CaseBriefTests", dependencies: ["CaseBrief", "FraudGraph", "Interchange", "Synthetic", "MoneyFlow"]),
    ]
)
