/// Percent-encoding of chosen characters (`%` itself always), so that text a format
/// cannot hold as it is (control characters in XML, characters FollowTheMoney would
/// clean away) is written in plain characters and read back exactly.
public enum PercentEncoding {
    /// `text` with `%` and every scalar for which `mustEncode` is true written as
    /// `%XX` per UTF-8 byte. `mustEncode` is called once for every scalar, in order.
    public static func encode(_ text: String, where mustEncode: (Unicode.Scalar) -> Bool) -> String {
        var out = String.UnicodeScalarView()
        var changed = false
        for scalar in text.unicodeScalars {
            let chosen = mustEncode(scalar)  // asked of every scalar, in order
            if scalar == "%" || chosen {
                changed = true
                for byte in String(scalar).utf8 {
                    out.append("%")
                    out.append(hexDigit(byte >> 4))
                    out.append(hexDigit(byte & 15))
                }
            } else {
                out.append(scalar)
            }
        }
        return changed ? String(out) : text
    }

    private static func hexDigit(_ v: UInt8) -> Unicode.Scalar {
        Unicode.Scalar(v < 10 ? 48 + v : 55 + v)
    }

    /// The text that `encode` made `text` from. A `%` not followed by two hex digits
    /// is kept as it is; bytes that do not form UTF-8 are replaced by U+FFFD.
    public static func decode(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        let source = Array(text.utf8)
        var i = 0
        while i < source.count {
            if source[i] == UInt8(ascii: "%"), i + 2 < source.count, let hi = hexValue(source[i + 1]), let lo = hexValue(source[i + 2]) {
                bytes.append(hi << 4 | lo)
                i += 3
            } else {
                bytes.append(source[i])
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 48 ... 57: c - 48
        case 65 ... 70: c - 55
        case 97 ... 102: c - 87
        default: nil
        }
    }
}
