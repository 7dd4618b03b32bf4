/// JSON string escaping over bytes, for the FtM writer.
enum JSONText {
    /// Appends `bytes` (UTF-8) as a JSON string: `"` and `\` escaped, control
    /// characters as `\n`, `\r`, `\t` or `\u00XX`.
    @inline(__always)
    static func appendString(_ bytes: UnsafeBufferPointer<UInt8>, to buf: inout [UInt8]) {
        buf.append(UInt8(ascii: "\""))
        var clean = true
        for c in bytes where c < 0x20 || c == 0x22 || c == 0x5C {
            clean = false
            break
        }
        if clean {
            buf.append(contentsOf: bytes)
        } else {
            for c in bytes {
                switch c {
                case 0x22: buf.append(0x5C); buf.append(0x22)
                case 0x5C: buf.append(0x5C); buf.append(0x5C)
                case 0x0A: buf.append(0x5C); buf.append(UInt8(ascii: "n"))
                case 0x0D: buf.append(0x5C); buf.append(UInt8(ascii: "r"))
                case 0x09: buf.append(0x5C); buf.append(UInt8(ascii: "t"))
                case 0 ..< 0x20:
                    buf.append(contentsOf: "\\u00".utf8)
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    buf.append(hex[Int(c >> 4)])
                    buf.append(hex[Int(c & 15)])
                default: buf.append(c)
                }
            }
        }
        buf.append(UInt8(ascii: "\""))
    }
}
