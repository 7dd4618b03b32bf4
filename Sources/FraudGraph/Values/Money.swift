/// An exact amount of money in units of 1/10,000 of a currency unit.
///
/// FraudGraph never holds money in binary floating point: `Money(units: 12_505_000)`
/// is 1250.50 exactly, and sums and splits are integer arithmetic.
public struct Money: Hashable, Comparable, Sendable, AdditiveArithmetic, CustomStringConvertible {
    /// Amount in 1/10,000 units.
    public var units: Int64

    /// Units in one whole currency unit.
    public static let unitsPerWhole: Int64 = 10_000

    /// The largest amount a case can hold: about 922 trillion.
    public static let max = Money(units: Int64.max)

    public static let zero = Money(units: 0)

    @inlinable public init(units: Int64) { self.units = units }

    /// Whole currency units, exactly.
    public init(whole: Int64) { units = whole * Money.unitsPerWhole }

    @inlinable public static func + (a: Money, b: Money) -> Money { Money(units: a.units + b.units) }
    @inlinable public static func - (a: Money, b: Money) -> Money { Money(units: a.units - b.units) }
    @inlinable public static func < (a: Money, b: Money) -> Bool { a.units < b.units }

    /// The amount with exactly four decimals, as in JSON output: `"1250.5000"`.
    public var description: String { formatted(fractionDigits: 4) }

    /// The amount with `fractionDigits` decimals (0...4); digits beyond are dropped
    /// only if they are zero, so the result always reads back to the same amount
    /// when the amount has no more significant decimals than that.
    public func formatted(fractionDigits: Int) -> String {
        var out: [UInt8] = []
        append(to: &out, fractionDigits: fractionDigits)
        return String(decoding: out, as: UTF8.self)
    }

    /// The amount with thousands separators and two decimals for people to read:
    /// `"1,250.50"` (rounded half away from zero to the cent).
    public var readable: String {
        let negative = units < 0
        let magnitude = units.magnitude
        let cents = (magnitude + 50) / 100
        let whole = cents / 100, frac = cents % 100
        let digits = String(whole)
        var grouped = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(ch)
        }
        return (negative ? "-" : "") + grouped + "." + (frac < 10 ? "0" : "") + String(frac)
    }

    /// Writes the amount as ASCII with `fractionDigits` decimals (0...4).
    @inlinable
    public func append(to out: inout [UInt8], fractionDigits: Int) {
        var magnitude = units.magnitude
        if units < 0 { out.append(UInt8(ascii: "-")) }
        let whole = magnitude / 10_000
        magnitude %= 10_000
        appendDecimal(whole, to: &out)
        if fractionDigits > 0 {
            out.append(UInt8(ascii: "."))
            var divisor: UInt64 = 1_000
            for _ in 0 ..< Swift.min(fractionDigits, 4) {
                out.append(UInt8(ascii: "0") + UInt8(magnitude / divisor))
                magnitude %= divisor
                divisor /= 10
            }
        }
    }

    /// The fewest decimals (0...4) that write this amount exactly.
    @inlinable
    public var significantFractionDigits: Int {
        var frac = units.magnitude % 10_000
        if frac == 0 { return 0 }
        var digits = 4
        while frac % 10 == 0 { frac /= 10; digits -= 1 }
        return digits
    }

    /// Why a text is not an amount.
    public enum ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        case empty, notADecimal, tooManyDecimals, notPositive, tooLarge

        public var description: String {
            switch self {
            case .empty: "amount is empty"
            case .notADecimal: "amount is not a decimal number"
            case .tooManyDecimals: "amount has more than 4 decimals"
            case .notPositive: "amount must be positive"
            case .tooLarge: "amount is too large"
            }
        }
    }

    /// Parses a positive decimal with at most four decimals (`1250`, `1250.5`,
    /// `0.0001`) from ASCII bytes. Returns the amount and the number of decimals
    /// written. Signs, exponents, separators and blanks are refused.
    /// - Complexity: O(length).
    @inlinable
    public static func parse(_ text: UnsafeBufferPointer<UInt8>) -> Result<(Money, fractionDigits: Int), ParseError> {
        let n = text.count
        if n == 0 { return .failure(.empty) }
        var i = 0
        var whole: Int64 = 0
        var sawDigit = false
        if text[0] == UInt8(ascii: "-") { return .failure(.notPositive) }
        while i < n {
            let c = text[i]
            guard c >= 48 && c <= 57 else { break }
            sawDigit = true
            let (m, o1) = whole.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int64(c - 48))
            if o1 || o2 { return .failure(.tooLarge) }
            whole = s
            i += 1
        }
        guard sawDigit else { return .failure(.notADecimal) }
        var frac: Int64 = 0
        var digits = 0
        if i < n {
            guard text[i] == UInt8(ascii: ".") else { return .failure(.notADecimal) }
            i += 1
            guard i < n else { return .failure(.notADecimal) }
            while i < n {
                let c = text[i]
                guard c >= 48 && c <= 57 else { return .failure(.notADecimal) }
                digits += 1
                if digits > 4 { return .failure(.tooManyDecimals) }
                frac = frac * 10 + Int64(c - 48)
                i += 1
            }
        }
        var scale: Int64 = 1
        for _ in digits ..< 4 { scale *= 10 }
        let (w, o) = whole.multipliedReportingOverflow(by: 10_000)
        if o { return .failure(.tooLarge) }
        let (units, o2) = w.addingReportingOverflow(frac * scale)
        if o2 { return .failure(.tooLarge) }
        if units == 0 { return .failure(.notPositive) }
        return .success((Money(units: units), digits))
    }

    /// Parses an amount from a string; see `parse(_:)` on bytes.
    public static func parse(_ text: String) -> Result<(Money, fractionDigits: Int), ParseError> {
        var t = text
        return t.withUTF8 { parse($0) }
    }
}

/// Appends the decimal digits of `value` as ASCII.
@inlinable
public func appendDecimal(_ value: UInt64, to out: inout [UInt8]) {
    if value < 10 {
        out.append(48 + UInt8(value))
        return
    }
    var buffer: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: enough for 20 digits
    var v = value
    var count = 0
    withUnsafeMutableBytes(of: &buffer) { raw in
        while v > 0 {
            raw[23 - count] = 48 + UInt8(v % 10)
            v /= 10
            count += 1
        }
        out.append(contentsOf: raw[(24 - count)...])
    }
}

/// Appends the decimal digits of a signed `value` as ASCII.
@inlinable
public func appendDecimal(_ value: Int64, to out: inout [UInt8]) {
    if value < 0 { out.append(UInt8(ascii: "-")) }
    appendDecimal(value.magnitude, to: &out)
}
