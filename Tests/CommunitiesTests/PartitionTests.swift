import Foundation
import Communities
import FraudGraph
import Testing

@Suite("Partition")
struct PartitionTests {
    @Test("any labels become communities numbered by their first node")
    func canonical() {
        let p = Partition(labels: [7, 7, -3, 7, 1000, -3])
        #expect(p.membership == [0, 0, 1, 0, 2, 1])
        #expect(p.count == 3)
        #expect(Array(p.sizes()) == [3, 2, 1])
        #expect(Partition(labels: [2, 2, 0, 1]).membership == [0, 0, 1, 2])
        #expect(Partition(labels: [5, 5, 9]) == Partition(labels: [1, 1, 0]))
    }

    @Test("members in CSR form, in increasing order")
    func members() {
        let p = Partition(labels: [1, 0, 1, 2, 0])
        let (offsets, nodes) = p.members()
        #expect(Array(offsets) == [0, 2, 4, 5])
        #expect(Array(nodes) == [0, 2, 1, 4, 3])
        #expect(p.members(of: 1) == [1, 4])
    }

    @Test("singletons and the whole")
    func extremes() {
        #expect(Partition.singletons(3).membership == [0, 1, 2])
        #expect(Partition.whole(3).count == 1)
        #expect(Partition.whole(0).count == 0)
    }
}

@Suite("Modularity")
struct ModularityTests {
    // Two triangles joined by the edge 2-3: m = 7.
    static let twoTriangles = Graphs.graph(6, [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)])

    @Test("worked example: two triangles, Q = 6/7 − 1/2; all in one, Q = 0")
    func worked() {
        let g = ModularityTests.twoTriangles
        #expect(abs(Modularity.of(Partition(labels: [0, 0, 0, 1, 1, 1]), in: g) - (6.0 / 7 - 0.5)) < 1e-12)
        #expect(abs(Modularity.of(.whole(6), in: g)) < 1e-12)
        // γ = 2: 6/7 − 2 · 1/2.
        #expect(abs(Modularity.of(Partition(labels: [0, 0, 0, 1, 1, 1]), in: g, resolution: 2) - (6.0 / 7 - 1)) < 1e-12)
        // CPM γ = 0.5: inner weight 6 minus 0.5 · (3 + 3) pairs.
        #expect(Modularity.cpm(Partition(labels: [0, 0, 0, 1, 1, 1]), in: g, resolution: 0.5) == 3)
    }

    @Test("weighted graphs with self-loops: the same as the dense-matrix definition")
    func naive() {
        for seed in 0 ..< 10 {
            var edges: [(Int32, Int32)] = [], w: [Float] = []
            var r = TestRandom(UInt64(seed))
            for _ in 0 ..< 40 { edges.append((Int32(r.below(12)), Int32(r.below(12)))); w.append(Float(1 + r.below(5))) }
            let g = Graphs.graph(12, edges, weights: w)
            let p = Partition(labels: (0 ..< 12).map { _ in Int32(r.below(4)) })
            for gamma in [0.5, 1, 3] {
                #expect(abs(Modularity.of(p, in: g, resolution: gamma) - Graphs.naiveModularity(p, g, resolution: gamma)) < 1e-9)
            }
        }
    }
}

@Suite("PartitionComparison")
struct PartitionComparisonTests {
    @Test("worked example: [0,0,1,1] against [0,0,1,2]: NMI 0.8, ARI 4/7")
    func worked() {
        // H(a) = ln 2, H(b) = 1.5 ln 2, I = ln 2: NMI = 2 ln 2 / 2.5 ln 2 = 0.8.
        // Pairs: a has 2 inner pairs, b 1, both 1, of 6: ARI = (1 − 2/6) / (1.5 − 2/6) = 4/7.
        let c = PartitionComparison(Partition(labels: [0, 0, 1, 1]), Partition(labels: [0, 0, 1, 2]))
        #expect(abs(c.nmi - 0.8) < 1e-12)
        #expect(abs(c.ari - 4.0 / 7) < 1e-12)
        #expect(abs(c.mutualInformation - log(2.0)) < 1e-12)
    }

    @Test("identical partitions score 1 whatever the labels; independent ones near 0")
    func extremes() {
        let a = Partition(labels: [0, 0, 1, 1, 2, 2]), b = Partition(labels: [9, 9, 4, 4, 7, 7])
        #expect(PartitionComparison(a, b).nmi == 1 && PartitionComparison(a, b).ari == 1)
        // Everything together against everything apart: no information shared.
        let c = PartitionComparison(.whole(4), .singletons(4))
        #expect(c.nmi == 0 && c.ari == 0)
        // A 2x2 grid of labels: the two splits are independent.
        let d = PartitionComparison(Partition(labels: [0, 0, 1, 1]), Partition(labels: [0, 1, 0, 1]))
        #expect(abs(d.nmi) < 1e-12)
        #expect(d.ari < 0)
    }
}
