/// xoshiro256** (Blackman and Vigna), seeded through SplitMix64: a fast generator
/// whose output depends only on the seed, so a generated case is the same bytes on
/// every machine and Swift version. Uniform integers use a multiply-shift with no
/// library call, for the same reason.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    @usableFromInline var s0, s1, s2, s3: UInt64

    public init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
    }

    /// A generator for a named part of the case, independent of how much the other
    /// parts drew: changing the rings does not change the background.
    public init(seed: UInt64, stream: UInt64) {
        self.init(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
    }

    @inlinable
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// A uniform integer in `0 ..< n` (n > 0).
    @inlinable
    public mutating func below(_ n: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// A uniform integer in `range`.
    @inlinable
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// A uniform double in [0, 1).
    @inlinable
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// True with probability `p`.
    @inlinable
    public mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// A standard normal deviate (Box-Muller).
    public mutating func normal() -> Double {
        let u1 = max(unit(), 1e-300), u2 = unit()
        return (-2 * _log(u1)).squareRoot() * _cos(2 * Double.pi * u2)
    }

    /// exp(N(mu, sigma)): heavy-tailed positive amounts.
    public mutating func logNormal(mu: Double, sigma: Double) -> Double { _exp(mu + sigma * normal()) }

    /// Poisson with mean `lambda` (Knuth for small means, normal approximation above 30).
    public mutating func poisson(_ lambda: Double) -> Int {
        if lambda > 30 { return max(0, Int((lambda + lambda.squareRoot() * normal()).rounded())) }
        let limit = _exp(-lambda)
        var k = 0
        var p = unit()
        while p > limit { k += 1; p *= unit() }
        return k
    }

    /// One element of a non-empty array.
    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// `k` distinct indices of `0 ..< n`, in the order drawn (k <= n).
    public mutating func sample(_ k: Int, of n: Int) -> [Int] {
        if k * 3 > n {
            var all = Array(0 ..< n)
            for i in 0 ..< k { all.swapAt(i, i + below(n - i)) }
            return Array(all[0 ..< k])
        }
        var seen = Set<Int>(), out: [Int] = []
        while out.count < k {
            let x = below(n)
            if seen.insert(x).inserted { out.append(x) }
        }
        return out
    }
}

import Foundation
@inline(__always) func _log(_ x: Double) -> Double { Foundation.log(x) }
@inline(__always) func _exp(_ x: Double) -> Double { Foundation.exp(x) }
@inline(__always) func _cos(_ x: Double) -> Double { Foundation.cos(x) }
