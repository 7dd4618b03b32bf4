import FraudGraph

/// Writes JSON text straight into bytes, for results too large to build as a `JSON`
/// value first (a trace of every report in a large case). Keys and strings are
/// escaped like `JSON` does (quotes, backslashes, control characters, and `<`, `>`,
/// `&` so the text is safe inside HTML); money is a string with four decimals.
///
/// The writer tracks commas itself: call `beginObject`/`endObject`,
/// `beginArray`/`endArray`, `key`, and the value methods in document order.
struct JSONByteWriter {
    private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]
    private var depth = 0
    private let indent: Int

    init(indent: Int = 2) { self.indent = indent }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The text and a final line break, as bytes (no copy through a `String`).
    consuming func finishedLine() -> [UInt8] {
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    // MARK: - Structure

    mutating func beginObject() { value(); bytes.append(UInt8(ascii: "{")); open() }
    mutating func endObject() { close(); bytes.append(UInt8(ascii: "}")) }
    mutating func beginArray() { value(); bytes.append(UInt8(ascii: "[")); open() }
    mutating func endArray() { close(); bytes.append(UInt8(ascii: "]")) }

    /// Writes `"key": ` (the value follows).
    mutating func key(_ k: String) {
        separate()
        escape(k)
        bytes.append(UInt8(ascii: ":"))
        if indent > 0 { bytes.append(UInt8(ascii: " ")) }
        pendingKey = true
    }

    // MARK: - Values

    mutating func string(_ s: String) { value(); escape(s) }
    mutating func string(_ s: String?) { if let s { string(s) } else { null() } }
    mutating func money(_ units: Int64) {
        value()
        bytes.append(UInt8(ascii: "\""))
        Money(units: units).append(to: &bytes, fractionDigits: 4)
        bytes.append(UInt8(ascii: "\""))
    }
    mutating func int(_ n: Int) { value(); appendDecimal(Int64(n), to: &bytes) }
    mutating func double(_ d: Double) {
        value()
        if !d.isFinite { bytes.append(contentsOf: Array("null".utf8)); return }
        bytes.append(contentsOf: Array((d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)).utf8))
    }
    mutating func bool(_ b: Bool) { value(); bytes.append(contentsOf: Array((b ? "true" : "false").utf8)) }
    mutating func null() { value(); bytes.append(contentsOf: Array("null".utf8)) }
    mutating func time(_ seconds: Int64) {
        value()
        bytes.append(UInt8(ascii: "\""))
        Timestamp.append(seconds, style: .utc, offsetMinutes: 0, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    // MARK: - Layout

    private var pendingKey = false

    private mutating func value() {
        if pendingKey { pendingKey = false; return }
        separate()
    }

    private mutating func separate() {
        if depth > 0 {
            if needsComma[depth] { bytes.append(UInt8(ascii: ",")) }
            needsComma[depth] = true
            newline(depth)
        }
    }

    private mutating func open() {
        depth += 1
        if needsComma.count <= depth { needsComma.append(false) }
        needsComma[depth] = false
    }

    private mutating func close() {
        let hadItems = needsComma[depth]
        depth -= 1
        if hadItems { newline(depth) }
    }

    private mutating func newline(_ level: Int) {
        guard indent > 0 else { return }
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * level))
    }

    private mutating func escape(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        // Most ids need no escaping: copy their bytes.
        var plain = true
        for b in s.utf8 where b < 0x20 || b == 34 || b == 92 || b == 60 || b == 62 || b == 38 || b == 0xE2 {
            plain = false
            break
        }
        if plain {
            bytes.append(contentsOf: s.utf8)
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": bytes.append(contentsOf: [92, 34])
            case "\\": bytes.append(contentsOf: [92, 92])
            case "\n": bytes.append(contentsOf: [92, UInt8(ascii: "n")])
            case "\r": bytes.append(contentsOf: [92, UInt8(ascii: "r")])
            case "\t": bytes.append(contentsOf: [92, UInt8(ascii: "t")])
            case "<": bytes.append(contentsOf: Array("\\u003c".utf8))
            case ">": bytes.append(contentsOf: Array("\\u003e".utf8))
            case "&": bytes.append(contentsOf: Array("\\u0026".utf8))
            case "\u{2028}": bytes.append(contentsOf: Array("\\u2028".utf8))
            case "\u{2029}": bytes.append(contentsOf: Array("\\u2029".utf8))
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    bytes.append(contentsOf: Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8))
                } else {
                    bytes.append(contentsOf: Array(String(scalar).utf8))
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
