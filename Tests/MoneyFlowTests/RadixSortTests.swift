import Testing
@testable import MoneyFlow

@Suite("RadixSort")
struct RadixSortTests {
    @Test("sorts by key, equal keys in their first order, for keys that need 0 to 6 passes",
          arguments: [0, 1, 5, 11, 12, 22, 23, 33, 44, 64])
    func sortsStably(width: Int) {
        var rng = SplitMix(seed: UInt64(width) &+ 1)
        let mask: UInt64 = width == 64 ? .max : (1 << UInt64(width)) - 1
        var scratch = ContiguousArray<(key: UInt64, order: Int)>()
        for n in [0, 1, 2, 7, 300, 5_000] {
            // A quarter of the keys from a few values, so that many are equal.
            let items = ContiguousArray((0 ..< n).map { i in
                (key: rng.next() & mask & (rng.below(4) == 0 ? 0x7 : .max), order: i)
            })
            let expected = items.sorted { ($0.key, $0.order) < ($1.key, $1.order) }.map(\.order)
            var found = items
            RadixSort.sort(&found, scratch: &scratch) { $0.key }
            #expect(found.map(\.order) == expected, "width \(width), n \(n)")
            var given = items
            RadixSort.sort(&given, scratch: &scratch, bits: width) { $0.key }
            #expect(given.map(\.order) == expected, "width \(width) given, n \(n)")
        }
    }
}
