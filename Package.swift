// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "FraudGraph",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "FraudGraph", targets: ["FraudGraph"]),
        .library(name: "Interchange", targets: ["Interchange"]),
        .library(name: "Synthetic", targets: ["Synthetic"]),
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
        // Realistic cases with planted truth.
        .target(name: "Synthetic", dependencies: ["FraudGraph", "Interchange"]),
        .executableTarget(name: "fraudgraph", dependencies: [
            "FraudGraph", "Interchange", "Synthetic",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "FraudGraphTests", dependencies: ["FraudGraph"]),
        .testTarget(name: "InterchangeTests", dependencies: ["Interchange", "FraudGraph", "Synthetic"]),
        .testTarget(name: "SyntheticTests", dependencies: ["Synthetic", "Interchange", "FraudGraph"]),
        .testTarget(name: "fraudgraphTests", dependencies: ["fraudgraph", "Interchange", "FraudGraph"]),
    ]
)
