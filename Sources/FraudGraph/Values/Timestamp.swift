/// Times in FraudGraph are `Int64` seconds since 1970-01-01T00:00:00Z (Unix time).
/// This namespace reads and writes them as text.
///
/// Accepted on input: ISO 8601 date-times with `Z` or an offset
/// (`2024-03-01T10:15:00Z`, `2024-03-01T17:15:00+07:00`, `+0700`, `+07`; a space may
/// stand for `T`; fractions of a second are allowed and dropped), and plain Unix
/// seconds (`1709288100`). A date-time without an offset is refused: its instant is
/// unknown.
public enum Timestamp {
    /// The value that marks "no time given" in optional time columns.
    public static let absent = Int64.min

    /// How a time was written, so that export can write it the same way.
    public enum Style: UInt8, Sendable {
        /// `2024-03-01T10:15:00Z`
        case utc = 0
        /// `2024-03-01T17:15:00+07:00`
        case offset = 1
        /// `1709288100`
        case unixSeconds = 2
        /// anything else that was accepted (fractions, `+0700`, a space for `T`):
        /// the exact text is kept beside the value.
        case other = 3
    }

    /// Why a text is not a time.
    public enum ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        case empty, notATime, missingOffset, outOfRange

        public var description: String {
            switch self {
            case .empty: "time is empty"
            case .notATime: "time is not ISO 8601 (2024-03-01T10:15:00Z) or Unix seconds"
            case .missingOffset: "time has no offset or Z, so its instant is unknown"
            case .outOfRange: "time has a field out of range"
            }
        }
    }

    /// A parsed time: the instant, how it was written, and the written offset.
    public struct Parsed: Sendable, Equatable {
        public var seconds: Int64
        public var style: Style
        public var offsetMinutes: Int16

        @inlinable
        public init(seconds: Int64, style: Style, offsetMinutes: Int16) {
            self.seconds = seconds
            self.style = style
            self.offsetMinutes = offsetMinutes
        }
    }

    /// Parses a time from ASCII bytes.
    /// - Complexity: O(length).
    @inlinable
    public static func parse(_ t: UnsafeBufferPointer<UInt8>) -> Result<Parsed, ParseError> {
        let n = t.count
        if n == 0 { return .failure(.empty) }
        @inline(__always) func digit(_ i: Int) -> Int? {
            guard i < n else { return nil }
            let c = t[i]
            return c >= 48 && c <= 57 ? Int(c - 48) : nil
        }
        @inline(__always) func number(_ i: Int, _ len: Int) -> Int? {
            var v = 0
            for k in i ..< i + len {
                guard let d = digit(k) else { return nil }
                v = v * 10 + d
            }
            return v
        }
        // Unix seconds: digits only (a leading minus for times before 1970).
        var allDigits = true
        for k in 0 ..< n where !(t[k] >= 48 && t[k] <= 57) && !(k == 0 && t[k] == UInt8(ascii: "-") && n > 1) {
            allDigits = false
            break
        }
        if allDigits {
            guard n <= 12 else { return .failure(.outOfRange) }
            var v: Int64 = 0
            let negative = t[0] == UInt8(ascii: "-")
            for k in (negative ? 1 : 0) ..< n { v = v * 10 + Int64(t[k] - 48) }
            // Leading zeros and "-0" read fine but would not be written back the same.
            let canonical = t[negative ? 1 : 0] != UInt8(ascii: "0") || (n == 1)
            let seconds = negative ? -v : v
            guard Self.writable.contains(seconds) else { return .failure(.outOfRange) }
            return .success(Parsed(seconds: seconds, style: canonical ? .unixSeconds : .other, offsetMinutes: 0))
        }
        guard n >= 16,
              let year = number(0, 4), t[4] == UInt8(ascii: "-"),
              let month = number(5, 2), t[7] == UInt8(ascii: "-"),
              let day = number(8, 2),
              let hour = number(11, 2), t[13] == UInt8(ascii: ":"),
              let minute = number(14, 2)
        else { return .failure(.notATime) }
        var style = Style.utc
        let separator = t[10]
        if separator == UInt8(ascii: " ") { style = .other } else if separator != UInt8(ascii: "T") {
            return .failure(.notATime)
        }
        // Seconds may be left out (ISO 8601's reduced precision, 2024-03-01T10:15Z):
        // the minute's first second, written back with its seconds.
        var second = 0
        var i = 16
        if n > 16 && t[16] == UInt8(ascii: ":") {
            guard let s = number(17, 2) else { return .failure(.notATime) }
            second = s
            i = 19
        } else {
            style = .other
        }
        if i == 19 && i < n && t[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while digit(i) != nil { i += 1 }
            if i == start { return .failure(.notATime) }
            style = .other
        }
        guard i < n else { return .failure(.missingOffset) }
        var offset = 0
        if t[i] == UInt8(ascii: "Z") {
            i += 1
        } else if t[i] == UInt8(ascii: "+") || t[i] == UInt8(ascii: "-") {
            let sign = t[i] == UInt8(ascii: "-") ? -1 : 1
            i += 1
            guard let oh = number(i, 2) else { return .failure(.notATime) }
            i += 2
            var om = 0
            if i < n && t[i] == UInt8(ascii: ":") {
                guard let m = number(i + 1, 2) else { return .failure(.notATime) }
                om = m
                i += 3
                if style == .utc { style = .offset }
            } else if let m = number(i, 2) {
                om = m
                i += 2
                style = .other
            } else {
                style = .other
            }
            guard oh <= 23, om <= 59 else { return .failure(.outOfRange) }
            offset = sign * (oh * 60 + om)
            if offset == 0 && sign < 0 { style = .other }  // "-00:00" is written back as "+00:00"
        } else {
            return .failure(.notATime)
        }
        guard i == n else { return .failure(.notATime) }
        guard month >= 1, month <= 12, day >= 1, day <= daysIn(month: month, year: year),
              hour <= 23, minute <= 59, second <= 60
        else { return .failure(.outOfRange) }
        if second == 60 { style = .other }  // a leap second is written back as the next minute
        let days = daysFromCivil(year: year, month: month, day: day)
        let local = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        let seconds = local - Int64(offset * 60)
        guard Self.writable.contains(seconds) else { return .failure(.outOfRange) }
        return .success(Parsed(seconds: seconds, style: style, offsetMinutes: Int16(offset)))
    }

    /// The instants a time may name: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z, the
    /// years ISO 8601 writes with four digits. A time outside (Unix seconds of year
    /// 33658, or a local time whose offset moves it into year 10000) is out of range,
    /// not shown as another date.
    public static let writable: ClosedRange<Int64> = -62_135_596_800 ... 253_402_300_799

    /// Parses a time from a string; see `parse(_:)` on bytes.
    public static func parse(_ text: String) -> Result<Parsed, ParseError> {
        var t = text
        return t.withUTF8 { parse($0) }
    }

    /// `seconds` as `2024-03-01T10:15:00Z`.
    public static func iso8601(_ seconds: Int64) -> String {
        var out: [UInt8] = []
        append(seconds, style: .utc, offsetMinutes: 0, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `seconds` as a calendar date, `2024-03-01` (UTC).
    public static func date(_ seconds: Int64) -> String {
        String(iso8601(seconds).prefix(10))
    }

    /// Writes `seconds` in `style` (`.other` writes as `.utc`).
    @inlinable
    public static func append(_ seconds: Int64, style: Style, offsetMinutes: Int16, to out: inout [UInt8]) {
        if style == .unixSeconds {
            appendDecimal(seconds, to: &out)
            return
        }
        let offset = style == .offset ? Int64(offsetMinutes) : 0
        let local = seconds + offset * 60
        var days = local / 86_400
        var rest = local % 86_400
        if rest < 0 { rest += 86_400; days -= 1 }
        let (y, m, d) = civilFromDays(Int(days))
        @inline(__always) func two(_ v: Int) {
            out.append(48 + UInt8(v / 10))
            out.append(48 + UInt8(v % 10))
        }
        let year = max(0, min(9999, y))
        two(year / 100); two(year % 100)
        out.append(UInt8(ascii: "-")); two(m)
        out.append(UInt8(ascii: "-")); two(d)
        out.append(UInt8(ascii: "T")); two(Int(rest / 3600))
        out.append(UInt8(ascii: ":")); two(Int(rest / 60 % 60))
        out.append(UInt8(ascii: ":")); two(Int(rest % 60))
        if style == .offset {
            let o = Int(offsetMinutes)
            out.append(o < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            two(abs(o) / 60)
            out.append(UInt8(ascii: ":"))
            two(abs(o) % 60)
        } else {
            out.append(UInt8(ascii: "Z"))
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    @inlinable
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date of a day number since 1970-01-01.
    @inlinable
    public static func civilFromDays(_ z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    @inlinable
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
