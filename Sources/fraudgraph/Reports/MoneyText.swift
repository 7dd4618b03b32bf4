import FraudGraph

/// Money for people to read in tables: thousands separators and the exact amount,
/// with at least two decimals (`1,250.50`, `0.0001`), nothing rounded away.
func exactMoney(_ units: Int64) -> String {
    let m = Money(units: units)
    let digits = max(2, m.significantFractionDigits)
    let plain = m.formatted(fractionDigits: digits)
    let negative = plain.hasPrefix("-")
    let body = negative ? String(plain.dropFirst()) : plain
    let parts = body.split(separator: ".", maxSplits: 1)
    let whole = String(parts[0])
    var grouped = ""
    for (i, ch) in whole.enumerated() {
        if i > 0 && (whole.count - i) % 3 == 0 { grouped.append(",") }
        grouped.append(ch)
    }
    return (negative ? "-" : "") + grouped + (parts.count > 1 ? "." + parts[1] : "")
}

/// `exactMoney` for a right-aligned table column: the fraction padded with spaces to
/// four places, so that the decimal points of a column line up (`1,250.50  `,
/// `0.0001`).
func columnMoney(_ units: Int64) -> String {
    let text = exactMoney(units)
    let fraction = text.split(separator: ".", maxSplits: 1).dropFirst().first?.count ?? 0
    return text + String(repeating: " ", count: max(0, 4 - fraction))
}
