/// Writing text into XML so that any parser reads back exactly what the case holds.
///
/// - `&`, `<`, `>` (and `"` in attributes) become entity references; carriage returns,
///   and in attributes tabs and line feeds too, become character references, so that
///   XML's line-end and attribute-value normalisation cannot change them.
/// - Characters XML 1.0 cannot hold at all (control characters other than tab, line
///   feed and carriage return; U+FFFE, U+FFFF) are percent-encoded, `%` with them, and
///   the key is listed in the element's `fraudgraph_encoded` value so the reader
///   decodes it. Node ids that hold `%` are encoded too, so that an encoded id can
///   never equal another node's id.
enum GraphMLText {
    /// Whether XML 1.0 can hold `v` (as a character or a character reference).
    @inline(__always)
    static func isXMLChar(_ v: UInt32) -> Bool {
        v == 0x9 || v == 0xA || v == 0xD || (0x20 ... 0xD7FF).contains(v) || (0xE000 ... 0xFFFD).contains(v) || v >= 0x10000
    }

    /// Whether the UTF-8 bytes hold a character XML 1.0 cannot hold.
    @inline(__always)
    static func needsEncoding(_ b: UnsafeBufferPointer<UInt8>, isID: Bool) -> Bool {
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x20 {
                if c != 0x9 && c != 0xA && c != 0xD { return true }
            } else if c == UInt8(ascii: "%") {
                if isID { return true }
            } else if c == 0xEF && i + 2 < n && b[i + 1] == 0xBF && (b[i + 2] == 0xBE || b[i + 2] == 0xBF) {
                return true  // U+FFFE, U+FFFF
            }
            i += 1
        }
        return false
    }

    /// `text` with the characters XML cannot hold (and `%`) percent-encoded.
    static func encode(_ text: String) -> String {
        PercentEncoding.encode(text) { !isXMLChar($0.value) }
    }

    /// Whether `appendContent` writes these bytes as they are (no `&`, `<`, `>`, CR).
    @inline(__always)
    static func isPlainContent(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for c in b where c == UInt8(ascii: "&") || c == UInt8(ascii: "<") || c == UInt8(ascii: ">") || c == 0x0D { return false }
        return true
    }

    /// Appends `b` as element content.
    @inline(__always)
    static func appendContent(_ b: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var plain = true
        for c in b where c == UInt8(ascii: "&") || c == UInt8(ascii: "<") || c == UInt8(ascii: ">") || c == 0x0D {
            plain = false
            break
        }
        if plain {
            out.append(contentsOf: b)
            return
        }
        for c in b {
            switch c {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case 0x0D: out.append(contentsOf: "&#13;".utf8)
            default: out.append(c)
            }
        }
    }

    /// Appends `b` as an attribute value (inside double quotes).
    @inline(__always)
    static func appendAttribute(_ b: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        for c in b {
            switch c {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
            case 0x09: out.append(contentsOf: "&#9;".utf8)
            case 0x0A: out.append(contentsOf: "&#10;".utf8)
            case 0x0D: out.append(contentsOf: "&#13;".utf8)
            default: out.append(c)
            }
        }
    }

    static func appendAttribute(_ s: String, to out: inout [UInt8]) {
        var t = s
        t.withUTF8 { appendAttribute($0, to: &out) }
    }

    /// A list of names as one value: each percent-encoded where it holds `,`, `%` or a
    /// character XML cannot hold, joined by `,`.
    static func list(_ items: [String]) -> String {
        items.map { PercentEncoding.encode($0) { $0 == "," || !isXMLChar($0.value) } }.joined(separator: ",")
    }

    /// The names `list` joined.
    static func unlist(_ text: String) -> [String] {
        text.isEmpty ? [] : text.split(separator: ",", omittingEmptySubsequences: false).map { PercentEncoding.decode(String($0)) }
    }
}
