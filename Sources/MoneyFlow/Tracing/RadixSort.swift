/// Least significant digit first radix sort by a 64-bit key: 11 bits a pass, only the
/// passes the key's width needs. Stable, so equal keys keep their order.
enum RadixSort {
    static let digit = 11

    /// Sorts `items` by `key`, using `scratch` (grown as needed) as the second buffer.
    /// `bits`: every key is below 2^bits (nil: found by a pass over the keys).
    /// - Complexity: O(n · bits / 11): one pass counts every digit, then one pass a digit.
    @inline(__always)
    static func sort<T>(_ items: inout ContiguousArray<T>, scratch: inout ContiguousArray<T>, bits: Int? = nil, by key: (T) -> UInt64) {
        let n = items.count
        guard n > 1 else { return }
        let width = bits ?? {
            var largest: UInt64 = 0
            for e in items { largest |= key(e) }
            return 64 - largest.leadingZeroBitCount
        }()
        let passes = (width + digit - 1) / digit
        guard passes > 0 else { return }
        if scratch.count < n { scratch = items }
        let buckets = 1 << digit, mask = UInt64(buckets - 1)
        var counts = ContiguousArray<Int>(repeating: 0, count: buckets * passes)
        counts.withUnsafeMutableBufferPointer { counts in
            items.withUnsafeBufferPointer { a in
                for i in 0 ..< n {
                    let k = key(a[i])
                    for p in 0 ..< passes { counts[p &* buckets &+ Int(truncatingIfNeeded: (k >> UInt64(p &* digit)) & mask)] &+= 1 }
                }
            }
            for p in 0 ..< passes {
                var sum = 0
                for b in p * buckets ..< (p + 1) * buckets {
                    let c = counts[b]
                    counts[b] = sum
                    sum &+= c
                }
            }
        }
        var inScratch = false
        for p in 0 ..< passes {
            let shift = UInt64(p * digit)
            func pass(_ from: UnsafeMutableBufferPointer<T>, _ to: UnsafeMutableBufferPointer<T>) {
                counts.withUnsafeMutableBufferPointer { counts in
                    let at = UnsafeMutableBufferPointer(rebasing: counts[p * buckets ..< (p + 1) * buckets])
                    for i in 0 ..< n {
                        let e = from[i]
                        let b = Int(truncatingIfNeeded: (key(e) >> shift) & mask)
                        to[at[b]] = e
                        at[b] &+= 1
                    }
                }
            }
            items.withUnsafeMutableBufferPointer { a in
                scratch.withUnsafeMutableBufferPointer { b in
                    if inScratch { pass(b, a) } else { pass(a, b) }
                }
            }
            inScratch.toggle()
        }
        if inScratch {
            items.withUnsafeMutableBufferPointer { a in
                scratch.withUnsafeBufferPointer { b in
                    for i in 0 ..< n { a[i] = b[i] }
                }
            }
        }
    }
}
