import Foundation

/// Predicts what FollowTheMoney's cleaning does to a value, so that FraudGraph writes
/// only values that FtM keeps exactly as written, and carries any other value in a
/// marker (`FtMMarker`) instead of letting FtM change it.
///
/// FtM cleans every value (`followthemoney.util.sanitize_text`): Unicode NFC, then
/// `normality.remove_unsafe_chars` (control and invisible characters deleted, odd
/// spaces made plain), then `strip()`. Each type cleans further: names and addresses
/// squash runs of white space and lose surrounding quotes, countries must be known
/// codes, dates must read as `YYYY[-MM[-DD[THH[:MM[:SS]]]]]`, and nothing may be
/// longer than the property's `maxLength`. These checks err on the safe side: a value
/// they refuse that FtM would have kept only costs a marker.
public enum FtMText {
    // MARK: - Generic sanitising

    /// Whether FtM's `remove_unsafe_chars` would delete `v` or turn it into a space.
    @inline(__always)
    static func isUnsafe(_ v: UInt32) -> Bool {
        switch v {
        case 0x00 ... 0x08, 0x0B, 0x0C, 0x0E ... 0x1F, 0x7F ... 0x9F, 0xAD, 0x61C, 0xA00, 0x1680,
             0x2000 ... 0x200F, 0x2028, 0x2029, 0x202F, 0x205F, 0x2060 ... 0x2064, 0x3000, 0xFEFF,
             0xD800 ... 0xDFFF:
            return true
        default:
            return false
        }
    }

    /// Whether Python's `str.strip()` removes `s` at either end of a value.
    @inline(__always)
    static func isPythonSpace(_ s: Unicode.Scalar) -> Bool {
        (0x1C ... 0x1F).contains(s.value) || s.properties.isWhitespace
    }

    /// Whether `s` is in Unicode Normalization Form C.
    static func isNFC(_ s: String) -> Bool {
        if s.utf8.allSatisfy({ $0 < 0xCC }) { return true }  // every scalar below U+0300
        return s.unicodeScalars.elementsEqual(s.precomposedStringWithCanonicalMapping.unicodeScalars)
    }

    /// Whether UTF-8 bytes are printable ASCII (spaces allowed inside, not at the
    /// ends): text FtM's generic cleaning keeps as it is. A quick test; false means
    /// "ask the full rules".
    @inline(__always)
    static func isPlainText(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = b.first, let last = b.last, first != 0x20, last != 0x20 else { return false }
        for c in b where c < 0x20 || c > 0x7E { return false }
        return true
    }

    /// Whether UTF-8 bytes are a name FtM keeps as it is: plain text with single
    /// spaces and no quote at both ends. A quick test; false means "ask the full rules".
    @inline(__always)
    static func isPlainName(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard isPlainText(b) else { return false }
        let quote: (UInt8) -> Bool = { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") }
        if b.count >= 2 && quote(b[0]) && quote(b[b.count - 1]) { return false }
        var previousSpace = false
        for c in b {
            if c == 0x20 && previousSpace { return false }
            previousSpace = c == 0x20
        }
        return true
    }

    /// Whether FtM's generic cleaning leaves `s` exactly as it is (and not empty).
    public static func survivesSanitizing(_ s: String) -> Bool {
        var t = s
        if t.withUTF8({ isPlainText($0) }) { return true }
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return false }
        if isPythonSpace(first) || isPythonSpace(last) { return false }
        for scalar in s.unicodeScalars where isUnsafe(scalar.value) { return false }
        return isNFC(s)
    }

    /// Whether a `name` value survives: sanitising, then no surrounding quotes and no
    /// white space other than single plain spaces.
    public static func survivesNameCleaning(_ s: String) -> Bool {
        var t = s
        if t.withUTF8({ isPlainName($0) }) { return true }
        guard survivesSanitizing(s) else { return false }
        let scalars = Array(s.unicodeScalars)
        if scalars.count >= 2, isQuote(scalars[0]), isQuote(scalars[scalars.count - 1]) { return false }
        var previousSpace = false
        for c in scalars {
            if c == " " {
                if previousSpace { return false }
                previousSpace = true
            } else {
                if isPythonSpace(c) { return false }
                previousSpace = false
            }
        }
        return true
    }

    private static func isQuote(_ c: Unicode.Scalar) -> Bool { c == "\"" || c == "'" }

    /// Whether an `address` value survives: as a name, and without the line breaks,
    /// `;`, `<BR>`, `ESQ` and doubled commas that FtM rewrites.
    static func survivesAddressCleaning(_ s: String) -> Bool {
        guard survivesNameCleaning(s) else { return false }
        if s.contains(";") || s.contains("<BR") || s.contains("ESQ") { return false }
        let b = Array(s.utf8)
        for i in 0 ..< b.count where b[i] == UInt8(ascii: ",") {
            var j = i + 1
            if j < b.count && b[j] == UInt8(ascii: " ") { j += 1 }
            if j < b.count && (b[j] == UInt8(ascii: ",") || b[j] == UInt8(ascii: ".")) { return false }
        }
        return true
    }

    // MARK: - Typed values

    /// Whether FtM keeps `value` unchanged in `property` and accepts it as valid.
    public static func isKept(_ value: String, in property: FtMProperty, model: FtMModel = .shared) -> Bool {
        if value.unicodeScalars.count > property.maxLength { return false }
        switch property.type {
        case "string", "text", "html":
            return survivesSanitizing(value)
        case "name":
            return survivesNameCleaning(value)
        case "address":
            return survivesAddressCleaning(value)
        case "identifier":
            return property.format == nil && survivesSanitizing(value)
        case "number":
            return survivesSanitizing(value)
        case "date":
            return isDate(value)
        case "country":
            return model.countryCodes.contains(value)
        case "entity":
            return FtMIdentifiers.isValidID(value)
        default:
            // phone, email, ip, url, gender, language, topic, checksum, mimetype, json:
            // FtM normalises these with rules FraudGraph does not copy.
            return false
        }
    }

    /// Whether `s` is a date FtM keeps as it is: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`,
    /// `YYYY-MM-DDTHH`, `YYYY-MM-DDTHH:MM` or `YYYY-MM-DDTHH:MM:SS`, a real calendar
    /// date, year 1000 to 2999 (FtM refuses others).
    public static func isDate(_ s: String) -> Bool {
        let b = Array(s.utf8)
        func number(_ at: Int, _ n: Int) -> Int? {
            guard at + n <= b.count else { return nil }
            var v = 0
            for k in at ..< at + n {
                guard b[k] >= 48 && b[k] <= 57 else { return nil }
                v = v * 10 + Int(b[k] - 48)
            }
            return v
        }
        guard let year = number(0, 4), year >= 1000, year <= 2999 else { return false }
        if b.count == 4 { return true }
        guard b.count >= 7, b[4] == UInt8(ascii: "-"), let month = number(5, 2), (1 ... 12).contains(month) else { return false }
        if b.count == 7 { return true }
        guard b.count >= 10, b[7] == UInt8(ascii: "-"), let day = number(8, 2), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard day <= days else { return false }
        if b.count == 10 { return true }
        guard b.count >= 13, b[10] == UInt8(ascii: "T"), let hour = number(11, 2), hour <= 23 else { return false }
        if b.count == 13 { return true }
        guard b.count >= 16, b[13] == UInt8(ascii: ":"), let minute = number(14, 2), minute <= 59 else { return false }
        if b.count == 16 { return true }
        guard b.count == 19, b[16] == UInt8(ascii: ":"), let second = number(17, 2), second <= 59 else { return false }
        return true
    }

    // MARK: - Display forms

    /// What FtM would make of a name (its `clean`), so that a name it would change
    /// can still be shown; nil when nothing would be left.
    public static func cleanedName(_ s: String) -> String? {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for c in s.precomposedStringWithCanonicalMapping.unicodeScalars {
            let v = c.value
            let space = isPythonSpace(c) || (isUnsafe(v) && (v == 0xA00 || v == 0x1680 || (0x2000 ... 0x200A).contains(v)
                || v == 0x2028 || v == 0x2029 || v == 0x202F || v == 0x205F || v == 0x3000))
            if space {
                pendingSpace = !out.isEmpty
                continue
            }
            if isUnsafe(v) { continue }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(c)
        }
        var text = String(out)
        while text.count >= 2, let f = text.unicodeScalars.first, let l = text.unicodeScalars.last, isQuote(f), isQuote(l) {
            text = String(text.unicodeScalars.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
        }
        if text.unicodeScalars.count > 384 { text = String(String.UnicodeScalarView(text.unicodeScalars.prefix(384))) }
        text = text.trimmingCharacters(in: .whitespaces)
        return survivesNameCleaning(text) ? text : nil
    }
}
