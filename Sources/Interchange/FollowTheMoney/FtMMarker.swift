/// What FollowTheMoney has no property for travels in markers: values of the
/// `description` property (which every schema FraudGraph writes has) of the form
/// `fraudgraph:KEY=VALUE`. FtM tools keep them like any other description, people see
/// them in Aleph, and FraudGraph's reader turns them back into the case's values.
///
/// Keys (see docs/interchange.md): `kind`, `role`, `id`, `name`, `country`, `outside`,
/// `table`, `from`, `to`, `channel`, `time`, `weight`, `transfer`, `victim`,
/// `attr.NAME` (an attribute), `verbatim.COLUMN` (the exact text a case file had),
/// `header.TABLE`, `columns.TABLE`.
///
/// Keys and values are percent-encoded where FtM would change them: `%`, control and
/// invisible characters, white space at the end, and all non-ASCII characters of a
/// value that is not in Unicode NFC; `=` too in keys.
public struct FtMMarker: Sendable, Equatable {
    public static let prefix = "fraudgraph:"

    public var key: String
    public var value: String

    public init(_ key: String, _ value: String = "") {
        self.key = key
        self.value = value
    }

    /// The text written in the `description` property.
    public var text: String {
        FtMMarker.prefix + FtMMarker.encode(key, isKey: true) + "=" + FtMMarker.encode(value, isKey: false)
    }

    /// The marker in a `description` value, or nil when the value is ordinary text.
    public init?(parsing text: String) {
        guard text.hasPrefix(FtMMarker.prefix) else { return nil }
        let body = text.dropFirst(FtMMarker.prefix.count)
        if let eq = body.firstIndex(of: "=") {
            key = PercentEncoding.decode(String(body[..<eq]))
            value = PercentEncoding.decode(String(body[body.index(after: eq)...]))
        } else {
            key = PercentEncoding.decode(String(body))
            value = ""
        }
    }

    /// Whether `encode(_, isKey: false)` leaves these UTF-8 bytes as they are:
    /// printable ASCII without `%`, not ending in a space.
    @inline(__always)
    static func isPlainValue(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for c in b where c < 0x20 || c > 0x7E || c == UInt8(ascii: "%") { return false }
        return b.last != 0x20
    }

    static func encode(_ text: String, isKey: Bool) -> String {
        // Printable ASCII without `%` (and `=` in keys) or a space at the end: as it is.
        var plain = true
        var last: UInt8 = 0
        for c in text.utf8 {
            if c < 0x20 || c > 0x7E || c == UInt8(ascii: "%") || (isKey && c == UInt8(ascii: "=")) { plain = false; break }
            last = c
        }
        if plain && last != 0x20 { return text }
        // NFC is judged with the character before (`:` or `=`): a combining mark at the
        // start could otherwise join it (`=` + U+0338 is `≠`).
        let nfc = FtMText.isNFC((isKey ? ":" : "=") + text)
        // White space at the end would be stripped.
        var trailing = 0
        for s in text.unicodeScalars.reversed() {
            guard FtMText.isPythonSpace(s) else { break }
            trailing += 1
        }
        let count = text.unicodeScalars.count
        var position = 0
        return PercentEncoding.encode(text) { s in
            defer { position += 1 }
            if FtMText.isUnsafe(s.value) || (s.value < 0x20) { return true }
            if isKey && s == "=" { return true }
            if !nfc && s.value >= 0x80 { return true }
            return position >= count - trailing
        }
    }

    /// Splits the `description` values of an entity into markers and ordinary text.
    public static func split(_ values: [String]) -> (markers: [FtMMarker], text: [String]) {
        var markers: [FtMMarker] = [], text: [String] = []
        for v in values {
            if let m = FtMMarker(parsing: v) { markers.append(m) } else { text.append(v) }
        }
        return (markers, text)
    }
}
