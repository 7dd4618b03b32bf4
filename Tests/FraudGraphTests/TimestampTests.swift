import FraudGraph
import Testing

@Suite("Timestamp")
struct TimestampTests {
    @Test("reads the forms the spec names")
    func readsForms() throws {
        let utc = try Timestamp.parse("2024-03-01T10:15:00Z").get()
        #expect(utc.seconds == 1_709_288_100 && utc.style == .utc)
        let offset = try Timestamp.parse("2024-03-01T17:15:00+07:00").get()
        #expect(offset.seconds == 1_709_288_100 && offset.style == .offset && offset.offsetMinutes == 420)
        let west = try Timestamp.parse("2024-03-01T05:15:00-05:00").get()
        #expect(west.seconds == 1_709_288_100 && west.offsetMinutes == -300)
        let unix = try Timestamp.parse("1709288100").get()
        #expect(unix.seconds == 1_709_288_100 && unix.style == .unixSeconds)
        let fraction = try Timestamp.parse("2024-03-01T10:15:00.750Z").get()
        #expect(fraction.seconds == 1_709_288_100 && fraction.style == .other)
        let compact = try Timestamp.parse("2024-03-01 17:15:00+0700").get()
        #expect(compact.seconds == 1_709_288_100 && compact.style == .other)
        // ISO 8601's reduced precision: no seconds, the minute's first.
        let minutes = try Timestamp.parse("2024-03-01T10:15Z").get()
        #expect(minutes.seconds == 1_709_288_100 && minutes.style == .other)
        #expect(try Timestamp.parse("2024-03-01T17:15+07:00").get().seconds == 1_709_288_100)
    }

    @Test("refuses times whose instant is unknown or impossible", arguments: [
        ("", Timestamp.ParseError.empty), ("2024-03-01T10:15:00", .missingOffset), ("2024-03-01", .notATime),
        ("2024-13-01T10:15:00Z", .outOfRange), ("2023-02-29T10:15:00Z", .outOfRange), ("2024-03-01T24:00:00Z", .outOfRange),
        ("yesterday", .notATime), ("2024-03-01T10:15:00+25:00", .outOfRange), ("2024-03-01T10:15:00Zjunk", .notATime),
        ("2024-03-01T10:15", .missingOffset), ("2024-03-01T10:15.5Z", .notATime), ("2024-03-01T10:1Z", .notATime), ("2024-03-01T10:15:Z", .notATime),
        // Instants that four-digit years cannot write: they would print as other dates.
        ("999999999999", .outOfRange), ("-99999999999", .outOfRange), ("253402300800", .outOfRange),
        ("9999-12-31T23:59:59-23:59", .outOfRange), ("0001-01-01T00:00:00+00:01", .outOfRange),
    ])
    func refuses(text: String, error: Timestamp.ParseError) {
        #expect(throws: error) { try Timestamp.parse(text).get() }
    }

    @Test("the first and the last writable instants round-trip")
    func writableEnds() throws {
        for (text, seconds) in [("0001-01-01T00:00:00Z", Int64(-62_135_596_800)), ("9999-12-31T23:59:59Z", 253_402_300_799)] {
            #expect(try Timestamp.parse(text).get().seconds == seconds)
            #expect(Timestamp.iso8601(seconds) == text)
            #expect(try Timestamp.parse(String(seconds)).get().seconds == seconds)
        }
    }

    @Test("leap days and the calendar")
    func calendar() throws {
        #expect(try Timestamp.parse("2024-02-29T00:00:00Z").get().seconds == 1_709_164_800)
        #expect(Timestamp.daysFromCivil(year: 1970, month: 1, day: 1) == 0)
        #expect(Timestamp.daysFromCivil(year: 2000, month: 3, day: 1) == 11_017)
        for day in stride(from: -800_000, through: 800_000, by: 997) {
            let (y, m, d) = Timestamp.civilFromDays(day)
            #expect(Timestamp.daysFromCivil(year: y, month: m, day: d) == day)
        }
    }

    @Test("writes back every form it reads as canonical")
    func writesBack() throws {
        for text in ["2024-03-01T10:15:00Z", "2024-03-01T17:15:00+07:00", "1999-12-31T23:59:59-03:30", "1709288100", "0"] {
            let p = try Timestamp.parse(text).get()
            var out: [UInt8] = []
            Timestamp.append(p.seconds, style: p.style, offsetMinutes: p.offsetMinutes, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == text)
        }
        #expect(Timestamp.iso8601(0) == "1970-01-01T00:00:00Z")
        // Forms that would not come back the same are marked as other.
        #expect(try Timestamp.parse("0012").get().style == .other)
        #expect(try Timestamp.parse("2024-03-01T10:15:00-00:00").get().style == .other)
        #expect(try Timestamp.parse("2016-12-31T23:59:60Z").get().style == .other)
    }
}
