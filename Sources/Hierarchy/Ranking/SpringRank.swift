import FraudGraph

/// SpringRank (De Bacco, Larremore and Moore, "A physical model for efficient
/// ranking in networks", Science Advances 2018): each arc `i -> j` of weight `w` is a
/// spring of rest length 1 pulling `i` one unit above `j`; the scores are the
/// positions of least spring energy `½ Σ w_ij (s_i - s_j - 1)²`.
///
/// They solve the sparse linear system `(D_out + D_in - A - Aᵀ + α I) s = d_out - d_in`
/// (the paper's eq. 3, with the regularisation of eq. 5 when `alpha > 0`), here by
/// conjugate gradients with a Jacobi preconditioner on the CSR arrays: never a dense
/// matrix. With `alpha == 0` the system fixes the scores only up to a constant in
/// each weakly connected component; each component is centred on 0 (the `springrank`
/// Python package centres the whole graph, which is the same on a connected graph).
public struct SpringRank: Sendable {
    /// Regularisation: a spring of strength `alpha` ties every node to 0.
    public var alpha = 0.0
    /// Stop when `‖residual‖ ≤ tolerance · ‖d_out - d_in‖`.
    public var tolerance = 1e-10
    /// Give up (with `converged == false`) after this many iterations; nil: `10 n + 100`.
    public var maxIterations: Int?

    public init() {}

    /// The scores of every node of `graph` (arc `u -> v`: `u` above `v`).
    /// - Complexity: O(m) per iteration; conjugate gradients needs at most `n`
    ///   iterations in exact arithmetic and far fewer on hierarchies.
    public func run(on graph: DirectedGraph) -> SpringRankResult {
        let n = graph.nodeCount
        // MARK: - The system
        var diagonal = ContiguousArray<Double>(repeating: alpha, count: n)
        var rhs = ContiguousArray<Double>(repeating: 0, count: n)
        for u in 0 ..< n {
            for k in graph.outOffsets[u] ..< graph.outOffsets[u + 1] where Int(graph.outTargets[k]) != u {
                let w = Double(graph.outWeights[k])
                let v = Int(graph.outTargets[k])
                diagonal[u] += w; diagonal[v] += w
                rhs[u] += w; rhs[v] -= w
            }
        }
        let component = SpringRank.weakComponents(graph)
        var x = ContiguousArray<Double>(repeating: 0, count: n)
        let bNorm = SpringRank.norm(rhs)
        guard bNorm > 0 else {
            return SpringRankResult(scores: x, component: component, iterations: 0, relativeResidual: 0, converged: true)
        }
        // MARK: - Preconditioned conjugate gradients
        var inverseDiagonal = ContiguousArray<Double>(repeating: 0, count: n)
        for u in 0 ..< n where diagonal[u] > 0 { inverseDiagonal[u] = 1 / diagonal[u] }
        var r = rhs
        var z = ContiguousArray<Double>(repeating: 0, count: n)
        for u in 0 ..< n { z[u] = r[u] * inverseDiagonal[u] }
        var p = z
        var q = ContiguousArray<Double>(repeating: 0, count: n)
        var rz = SpringRank.dot(r, z)
        let limit = maxIterations ?? (10 * n + 100)
        var iterations = 0
        var residual = 1.0
        while iterations < limit {
            iterations += 1
            SpringRank.apply(graph, diagonal: diagonal, to: p, into: &q)
            let pq = SpringRank.dot(p, q)
            guard pq > 0 else { break }
            let step = rz / pq
            for u in 0 ..< n {
                x[u] += step * p[u]
                r[u] -= step * q[u]
            }
            residual = SpringRank.norm(r) / bNorm
            if residual <= tolerance { break }
            for u in 0 ..< n { z[u] = r[u] * inverseDiagonal[u] }
            let rzNext = SpringRank.dot(r, z)
            let beta = rzNext / rz
            rz = rzNext
            for u in 0 ..< n { p[u] = z[u] + beta * p[u] }
        }
        // The true residual, not the recurrence's.
        SpringRank.apply(graph, diagonal: diagonal, to: x, into: &q)
        for u in 0 ..< n { r[u] = rhs[u] - q[u] }
        residual = SpringRank.norm(r) / bNorm
        // MARK: - Centring
        if alpha == 0 {
            var sum = ContiguousArray<Double>(repeating: 0, count: n)
            var size = ContiguousArray<Int>(repeating: 0, count: n)
            for u in 0 ..< n { sum[Int(component[u])] += x[u]; size[Int(component[u])] += 1 }
            for u in 0 ..< n { x[u] -= sum[Int(component[u])] / Double(size[Int(component[u])]) }
        }
        return SpringRankResult(scores: x, component: component, iterations: iterations, relativeResidual: residual,
                                converged: residual <= max(tolerance, 1e-9))
    }

    // MARK: - Kernels

    /// `y = (diag + ... ) x`: `y_u = diagonal_u x_u - Σ_out w x_v - Σ_in w x_v`.
    static func apply(_ g: DirectedGraph, diagonal: ContiguousArray<Double>, to x: ContiguousArray<Double>, into y: inout ContiguousArray<Double>) {
        let n = g.nodeCount
        g.outOffsets.withUnsafeBufferPointer { oo in
            g.outTargets.withUnsafeBufferPointer { ot in
                g.outWeights.withUnsafeBufferPointer { ow in
                    g.inOffsets.withUnsafeBufferPointer { io in
                        g.inSources.withUnsafeBufferPointer { isrc in
                            g.inWeights.withUnsafeBufferPointer { iw in
                                x.withUnsafeBufferPointer { xs in
                                    diagonal.withUnsafeBufferPointer { d in
                                        y.withUnsafeMutableBufferPointer { ys in
                                            for u in 0 ..< n {
                                                var s = d[u] * xs[u]
                                                for k in oo[u] ..< oo[u + 1] where Int(ot[k]) != u { s -= Double(ow[k]) * xs[Int(ot[k])] }
                                                for k in io[u] ..< io[u + 1] where Int(isrc[k]) != u { s -= Double(iw[k]) * xs[Int(isrc[k])] }
                                                ys[u] = s
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    static func dot(_ a: ContiguousArray<Double>, _ b: ContiguousArray<Double>) -> Double {
        var s = 0.0
        for i in 0 ..< a.count { s += a[i] * b[i] }
        return s
    }

    static func norm(_ a: ContiguousArray<Double>) -> Double { dot(a, a).squareRoot() }

    /// The weakly connected component of each node, numbered by its smallest node.
    static func weakComponents(_ g: DirectedGraph) -> ContiguousArray<Int32> {
        let n = g.nodeCount
        var parent = ContiguousArray<Int32>(0 ..< Int32(n))
        func find(_ a: Int32) -> Int32 {
            var a = a
            while parent[Int(a)] != a {
                parent[Int(a)] = parent[Int(parent[Int(a)])]
                a = parent[Int(a)]
            }
            return a
        }
        for u in 0 ..< n {
            for k in g.outOffsets[u] ..< g.outOffsets[u + 1] {
                let a = find(Int32(u)), b = find(g.outTargets[k])
                if a != b { if a < b { parent[Int(b)] = a } else { parent[Int(a)] = b } }
            }
        }
        for u in 0 ..< n { parent[u] = find(Int32(u)) }
        return parent
    }
}

/// SpringRank scores and how the solver fared.
public struct SpringRankResult: Sendable {
    /// One score per node; higher is higher up (one unit per level of a clean tree).
    public let scores: ContiguousArray<Double>
    /// Weakly connected component of each node (its smallest node index).
    public let component: ContiguousArray<Int32>
    public let iterations: Int
    /// `‖b - L s‖ / ‖b‖` at the end.
    public let relativeResidual: Double
    public let converged: Bool
}
