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
