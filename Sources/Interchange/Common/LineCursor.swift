import FraudGraph

/// Writes the bytes of output lines straight into memory that the caller has made room
/// for (`ByteWriter.write(reserving:_:)`): the fast paths of the exporters, where
/// appending to an array piece by piece (a capacity and uniqueness check and a `memmove`
/// call for each id, comma and quote) cost more than the formatting itself.
///
/// The caller makes sure there is room: every write may also touch up to 16 bytes
/// beyond what it writes (whole words are stored, then the cursor moves on by the bytes
/// that count), so reserve 16 bytes more than the line can take.
struct LineCursor {
    var p: UnsafeMutablePointer<UInt8>

    @inline(__always)
    init(_ p: UnsafeMutablePointer<UInt8>) { self.p = p }

    /// Text written in code.
    @inline(__always)
    mutating func put(_ s: StaticString) {
        let n = s.utf8CodeUnitCount
        p.update(from: s.utf8Start, count: n)
        p += n
    }

    @inline(__always)
    mutating func put(_ byte: UInt8) {
        p.pointee = byte
        p += 1
    }

    /// `n` bytes from `source` (short runs, like ids, without a call to `memmove`).
    @inline(__always)
    mutating func copy(_ source: UnsafePointer<UInt8>, _ n: Int) {
        if n >= 8 && n <= 16 {
            let a = UnsafeRawPointer(source).loadUnaligned(as: UInt64.self)
            let b = UnsafeRawPointer(source + n - 8).loadUnaligned(as: UInt64.self)
            UnsafeMutableRawPointer(p).storeBytes(of: a, as: UInt64.self)
            UnsafeMutableRawPointer(p + n - 8).storeBytes(of: b, as: UInt64.self)
        } else {
            p.update(from: source, count: n)
        }
        p += n
    }

    @inline(__always)
    mutating func copy(_ bytes: UnsafeBufferPointer<UInt8>) {
        if let base = bytes.baseAddress { copy(base, bytes.count) }
    }

    /// The decimal digits of `value`.
    @inline(__always)
    mutating func putDecimal(_ value: UInt64) {
        var digits = 1
        var v = value
        while v >= 10 { v /= 10; digits += 1 }
        var q = p + digits
        v = value
        repeat {
            q -= 1
            q.pointee = 48 + UInt8(truncatingIfNeeded: v % 10)
            v /= 10
        } while v > 0
        p += digits
    }

    /// An amount as `Money.append(to:fractionDigits:)` writes it.
    @inline(__always)
    mutating func putAmount(_ units: Int64, fractionDigits: Int) {
        let magnitude = units.magnitude
        if units < 0 { put(UInt8(ascii: "-")) }
        putDecimal(magnitude / 10_000)
        if fractionDigits > 0 {
            // All four decimals are stored; the cursor keeps those asked for.
            let fraction = UInt32(truncatingIfNeeded: magnitude % 10_000)
            let high = fraction / 100, low = fraction % 100
            let word = UInt32(UInt8(ascii: ".")) | (48 + high / 10) << 8 | (48 + high % 10) << 16 | (48 + low / 10) << 24
            UnsafeMutableRawPointer(p).storeBytes(of: word, as: UInt32.self)
            p[4] = 48 + UInt8(truncatingIfNeeded: low % 10)
            p += 1 + Swift.min(fractionDigits, 4)
        }
    }

    /// Two digits of `v` (0...99).
    @inline(__always)
    mutating func putTwo(_ v: Int) {
        p[0] = 48 + UInt8(truncatingIfNeeded: v / 10)
        p[1] = 48 + UInt8(truncatingIfNeeded: v % 10)
        p += 2
    }
}

/// UTC times as `YYYY-MM-DDTHH:MM:SS` (no zone), as `Timestamp.append(_:style: .utc, ...)`
/// writes them without the `Z`, with the `YYYY-MM-DDT` of the last day kept: a table in
/// time order changes day once in thousands of rows.
struct DayCache {
    private var day = Int64.min
    /// The 11 bytes `YYYY-MM-DDT` of `day`, in two words.
    private var prefix: (UInt64, UInt64) = (0, 0)

    /// Writes `seconds` (years 0 to 9999; `FtMDate.fits` checks less) at `cursor`.
    @inline(__always)
    mutating func put(_ seconds: Int64, to cursor: inout LineCursor) {
        var days = seconds / 86_400
        var rest = seconds % 86_400
        if rest < 0 { rest += 86_400; days -= 1 }
        if days != day { setDay(days) }
        UnsafeMutableRawPointer(cursor.p).storeBytes(of: prefix.0, as: UInt64.self)
        UnsafeMutableRawPointer(cursor.p + 8).storeBytes(of: prefix.1, as: UInt64.self)
        cursor.p += 11
        let r = Int(rest)
        cursor.putTwo(r / 3600)
        cursor.put(UInt8(ascii: ":"))
        cursor.putTwo(r / 60 % 60)
        cursor.put(UInt8(ascii: ":"))
        cursor.putTwo(r % 60)
    }

    @inline(never)
    private mutating func setDay(_ days: Int64) {
        day = days
        var text: [UInt8] = []
        Timestamp.append(days * 86_400, style: .utc, offsetMinutes: 0, to: &text)
        var words: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &words) { raw in
            for k in 0 ..< 11 { raw[k] = text[k] }
        }
        prefix = words
    }
}
