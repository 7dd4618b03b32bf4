import Foundation

/// How alike two partitions of the same nodes are: normalised mutual information and
/// the adjusted Rand index, both 1 for identical partitions.
public struct PartitionComparison: Sendable, Equatable {
    /// Normalised mutual information `2 I(A;B) / (H(A) + H(B))` (Danon et al. 2005;
    /// igraph's "nmi", scikit-learn's default): 1 when the partitions agree, 0 when
    /// independent. Two partitions that both put everything in one community agree.
    public let nmi: Double
    /// Adjusted Rand index (Hubert & Arabie 1985): the fraction of node pairs the
    /// partitions agree on, corrected for chance; 1 when identical, about 0 for
    /// random labels, negative for worse than chance.
    public let ari: Double
    /// Mutual information in nats, and each partition's entropy.
    public let mutualInformation: Double
    public let entropyA: Double
    public let entropyB: Double

    /// Compares `a` and `b` (the same number of nodes).
    /// - Complexity: O(n log n), by sorting the pairs of labels.
    public init(_ a: Partition, _ b: Partition) {
        precondition(a.nodeCount == b.nodeCount, "partitions of different node sets")
        let n = a.nodeCount
        guard n > 0 else {
            nmi = 1; ari = 1; mutualInformation = 0; entropyA = 0; entropyB = 0
            return
        }
        // Contingency table cells: sort the (a, b) label pairs, count runs.
        var keys = ContiguousArray<UInt64>(repeating: 0, count: n)
        for v in 0 ..< n { keys[v] = UInt64(UInt32(a.membership[v])) << 32 | UInt64(UInt32(b.membership[v])) }
        keys.sort()
        let sizeA = a.sizes(), sizeB = b.sizes()
        let total = Double(n)
        var mi = 0.0
        var pairsBoth = 0.0
        var i = 0
        while i < n {
            var j = i + 1
            while j < n && keys[j] == keys[i] { j += 1 }
            let nij = Double(j - i)
            let ca = Int(keys[i] >> 32), cb = Int(keys[i] & 0xFFFF_FFFF)
            mi += nij / total * log(nij * total / (Double(sizeA[ca]) * Double(sizeB[cb])))
            pairsBoth += nij * (nij - 1) / 2
            i = j
        }
        func entropy(_ sizes: ContiguousArray<Int>) -> Double {
            var h = 0.0
            for s in sizes where s > 0 { let p = Double(s) / total; h -= p * log(p) }
            return h
        }
        func pairs(_ sizes: ContiguousArray<Int>) -> Double {
            sizes.reduce(0.0) { $0 + Double($1) * Double($1 - 1) / 2 }
        }
        let ha = entropy(sizeA), hb = entropy(sizeB)
        mutualInformation = max(0, mi)
        entropyA = ha
        entropyB = hb
        nmi = ha + hb == 0 ? 1 : min(1, 2 * mutualInformation / (ha + hb))
        let pairsA = pairs(sizeA), pairsB = pairs(sizeB)
        let allPairs = total * (total - 1) / 2
        let expected = allPairs > 0 ? pairsA * pairsB / allPairs : 0
        let maximum = (pairsA + pairsB) / 2
        ari = maximum == expected ? 1 : (pairsBoth - expected) / (maximum - expected)
    }
}
