/// A small, fast pseudo-random generator (xoshiro256**, seeded through SplitMix64),
/// so that every randomised algorithm gives the same answer for the same seed on
/// every machine and Swift version (the standard library's `random(in:)` may change).
struct SeededRandom: RandomNumberGenerator, Sendable {
    var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// A generator whose whole sequence is fixed by `seed`.
    init(seed: UInt64) {
        var x = seed
        func splitMix(_ x: inout UInt64) -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(&x); s1 = splitMix(&x); s2 = splitMix(&x); s3 = splitMix(&x)
    }

    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// A uniform integer in `0 ..< bound` (bound > 0), by Lemire's multiply-shift
    /// with rejection: unbiased, and the same on every platform.
    mutating func next(below bound: Int) -> Int {
        let b = UInt64(bound)
        var m = next().multipliedFullWidth(by: b)
        if m.low < b {
            let threshold = (0 &- b) % b
            while m.low < threshold { m = next().multipliedFullWidth(by: b) }
        }
        return Int(m.high)
    }

    /// A uniform double in [0, 1).
    mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// `0 ..< n` in a random order (Fisher-Yates).
    mutating func permutation(_ n: Int) -> ContiguousArray<Int32> {
        var p = ContiguousArray<Int32>(unsafeUninitializedCapacity: n) { buf, c in
            for i in 0 ..< n { buf[i] = Int32(i) }
            c = n
        }
        shuffle(&p)
        return p
    }

    /// Shuffles `a` in place (Fisher-Yates).
    mutating func shuffle(_ a: inout ContiguousArray<Int32>) {
        a.withUnsafeMutableBufferPointer { p in
            var i = p.count - 1
            while i > 0 {
                let j = next(below: i + 1)
                p.swapAt(i, j)
                i -= 1
            }
        }
    }
}
