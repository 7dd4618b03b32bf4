import FraudGraph
import Testing

@Suite("StringInterner")
struct StringInternerTests {
    @Test("numbers strings in order of arrival and finds them again")
    func numbers() {
        var s = StringInterner()
        #expect(s.insert("alpha") == (0, true))
        #expect(s.insert("beta") == (1, true))
        #expect(s.insert("alpha") == (0, false))
        #expect(s.insert("") == (2, true))
        #expect(s.index(of: "beta") == 1)
        #expect(s.index(of: "") == 2)
        #expect(s.index(of: "gamma") == nil)
        #expect(s[1] == "beta")
        #expect(s.count == 3)
    }

    @Test("agrees with a Dictionary on 50,000 ids through several growths")
    func agreesWithDictionary() {
        var s = StringInterner()
        var reference: [String: Int32] = [:]
        var x: UInt64 = 99
        for _ in 0 ..< 50_000 {
            x = x &* 6364136223846793005 &+ 1442695040888963407
            let key = "A" + String(x % 30_000) + (x & 1 == 0 ? "" : "🙂")
            let expected = reference[key] ?? Int32(reference.count)
            if reference[key] == nil { reference[key] = expected }
            #expect(s.insert(key).index == expected)
        }
        #expect(s.count == reference.count)
        for (key, i) in reference { #expect(s.index(of: key) == i && s[i] == key) }
        #expect(s.index(of: "A30001") == nil)
    }

    @Test("short, long and very long keys, and keys that differ only in length")
    func keyLengths() {
        var s = StringInterner()
        let keys = ["", "a", "a\u{0}", "12345678", "123456789", String(repeating: "x", count: 254),
                    String(repeating: "x", count: 255), String(repeating: "x", count: 256), String(repeating: "y", count: 256), String(repeating: "x", count: 10_000)]
        for (i, k) in keys.enumerated() { #expect(s.insert(k) == (Int32(i), true)) }
        for (i, k) in keys.enumerated() {
            #expect(s.index(of: k) == Int32(i))
            #expect(s.insert(k) == (Int32(i), false))
        }
        #expect(s.index(of: String(repeating: "x", count: 257)) == nil)
        #expect(s.index(of: "1234567") == nil)
    }

    @Test("prefetching changes no answer")
    func prefetchIsHarmless() {
        var s = StringInterner()
        for i in 0 ..< 1000 { s.insert("id\(i)") }
        let keys = (0 ..< 50).map { "id\($0 * 20)" }
        var hashes = keys.map { k in var k = k; return k.withUTF8 { byteHash($0) } }
        _ = hashes.withUnsafeMutableBufferPointer { s.prefetch(hashes: UnsafeBufferPointer($0)) }
        for (k, key) in keys.enumerated() {
            var key = key
            let found = key.withUTF8 { s.index(of: $0, hash: hashes[k]) }
            #expect(found == Int32(k * 20))
        }
        hashes[0] = 0
    }
}

@Suite("StringInterner.indexing")
struct StringInternerIndexingTests {
    /// Distinct ids, some short (packed in the slot), some long, some empty-free.
    static func ids(_ n: Int, seed: UInt64) -> [String] {
        var x = seed, seen = Set<String>(), out: [String] = []
        while out.count < n {
            x = x &* 6364136223846793005 &+ 1442695040888963407
            let key = (x & 3 == 0 ? "TRANSFER-LONG-" : "T") + String(x >> 40)
            if seen.insert(key).inserted { out.append(key) }
        }
        return out
    }

    @Test("numbers the rows in order and finds each again, for sizes that fill both halves and wrap", arguments: [0, 1, 7, 11, 12, 100, 1_000, 30_000])
    func numbersInOrder(_ n: Int) throws {
        for seed in [1, 2, 3] as [UInt64] {
            let ids = StringInternerIndexingTests.ids(n, seed: seed)
            let interner = try StringInterner.indexing(StringColumn(ids)).get()
            #expect(interner.count == n)
            for (row, id) in ids.enumerated() {
                #expect(interner.index(of: id) == Int32(row))
                #expect(interner[Int32(row)] == id)
            }
            #expect(interner.index(of: "absent") == nil)
            // The same as inserting one by one: same numbers, and the table grows on.
            var grown = interner
            #expect(grown.insert("absent") == (Int32(n), true))
            #expect(grown.insert(ids.first ?? "absent") == (0, false))
        }
    }

    @Test("finds a repeated string, whether short or long, near or far")
    func repeated() {
        for n in [2, 11, 500, 20_000] {
            var ids = StringInternerIndexingTests.ids(n, seed: 9)
            ids.append(ids[n / 2])
            guard case .failure(let r) = StringInterner.indexing(StringColumn(ids)) else {
                Issue.record("no repeat found among \(n + 1)")
                continue
            }
            #expect(r.row == n)
        }
        #expect((try? StringInterner.indexing(StringColumn(["a", "b", "a"])).get()) == nil)
        #expect((try? StringInterner.indexing(StringColumn(["", "x", ""])).get()) == nil)
    }

    @Test("keys crowded where the threads' halves meet, or at the end of the table, are still numbered and found", arguments: [5_000, 30_000, 200_000])
    func crowdedAtEdges(_ n: Int) throws {
        // The table of n keys has `size` slots (load at most 0.7), split between two
        // threads at the middle; a probe that reaches a half's end is set aside.
        var size = 16
        while size * 7 / 10 < n { size <<= 1 }
        // Also a quarter in: where one stretch of a half spills into the next.
        let edges = [size / 4, size / 2, size]
        var crowded: [String] = [], others: [String] = []
        var i = 0
        while crowded.count < 60 || others.count < n - 60 {
            var key = "K\(i)"
            i += 1
            let home = key.withUTF8 { Int(truncatingIfNeeded: byteHash($0)) & (size - 1) }
            if edges.contains(where: { home >= $0 - 4 && home < $0 }) {
                if crowded.count < 60 { crowded.append(key) }
            } else if others.count < n - 60 {
                others.append(key)
            }
        }
        var ids = others + crowded
        ids.swapAt(0, ids.count - 1)
        let interner = try StringInterner.indexing(StringColumn(ids)).get()
        for (row, id) in ids.enumerated() { #expect(interner.index(of: id) == Int32(row)) }
        // A repeat of a crowded key is found at its later row.
        guard case .failure(let r) = StringInterner.indexing(StringColumn(ids + [ids[0]])) else {
            Issue.record("no repeat found")
            return
        }
        #expect(r.row == n)
    }

    @Test("gives the same table every time")
    func deterministic() throws {
        let column = StringColumn(StringInternerIndexingTests.ids(5_000, seed: 4))
        let a = try StringInterner.indexing(column).get(), b = try StringInterner.indexing(column).get()
        #expect(a.memoryFootprint == b.memoryFootprint)
        for row in 0 ..< 5_000 { #expect(a.index(of: b[Int32(row)]) == Int32(row)) }
    }
}
