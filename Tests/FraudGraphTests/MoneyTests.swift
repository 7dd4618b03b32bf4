import FraudGraph
import Testing

@Suite("Money")
struct MoneyTests {
    @Test("parses decimals exactly, in 1/10,000 units")
    func parsesExactly() throws {
        #expect(try Money.parse("1250.50").get().0 == Money(units: 12_505_000))
        #expect(try Money.parse("1250.50").get().fractionDigits == 2)
        #expect(try Money.parse("0.0001").get().0 == Money(units: 1))
        #expect(try Money.parse("7").get().0 == Money(whole: 7))
        #expect(try Money.parse("7").get().fractionDigits == 0)
        // 0.1 + 0.2 is exactly 0.3 here, unlike binary floating point.
        let sum = try Money.parse("0.1").get().0 + Money.parse("0.2").get().0
        #expect(try sum == Money.parse("0.3").get().0)
    }

    @Test("refuses what the spec refuses", arguments: [
        ("", Money.ParseError.empty), ("-5", .notPositive), ("0", .notPositive), ("0.0000", .notPositive),
        ("1.00001", .tooManyDecimals), ("1e5", .notADecimal), ("1,000.00", .notADecimal), (".5", .notADecimal),
        ("5.", .notADecimal), ("+5", .notADecimal), (" 5", .notADecimal), ("5 ", .notADecimal),
        ("99999999999999999999", .tooLarge), ("922337203685478", .tooLarge),
    ])
    func refuses(text: String, error: Money.ParseError) {
        #expect(throws: error) { try Money.parse(text).get() }
    }

    @Test("writes four decimals for JSON and fewer on request")
    func formats() {
        #expect(Money(units: 12_505_000).description == "1250.5000")
        #expect(Money(units: 12_505_000).formatted(fractionDigits: 2) == "1250.50")
        #expect(Money(units: 12_505_000).significantFractionDigits == 1)
        #expect(Money(units: 1).description == "0.0001")
        #expect(Money(units: -15_000).description == "-1.5000")
        #expect(Money(units: 123_456_789_000).readable == "12,345,678.90")
        #expect(Money(units: 9_999).readable == "1.00")
    }

    @Test("reads back what it writes, for random amounts")
    func roundTrips() throws {
        var x: UInt64 = 12345
        for _ in 0 ..< 2000 {
            x = x &* 6364136223846793005 &+ 1442695040888963407
            let m = Money(units: Int64(x >> 20) + 1)
            let digits = m.significantFractionDigits
            let back = try Money.parse(m.formatted(fractionDigits: digits)).get()
            #expect(back.0 == m && back.fractionDigits == digits)
        }
    }
}
