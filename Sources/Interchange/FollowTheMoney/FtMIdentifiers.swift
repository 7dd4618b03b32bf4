import Crypto

/// Stable FollowTheMoney entity ids for a case's rows.
///
/// FtM ids must match `^[0-9a-zA-Z]([0-9a-zA-Z.-]*[0-9a-zA-Z])?$` and be at most 200
/// characters. FraudGraph keeps a case id as the FtM id whenever it can, so that
/// other tools and people see the same ids, and otherwise derives one:
///
/// | row                 | FtM id                                                    |
/// |---------------------|-----------------------------------------------------------|
/// | entity              | its id, if valid and not starting `fg-`; else `fg-e-HASH`  |
/// | transfer (Payment)  | its id, if valid, not `fg-...`, not an entity id; else `fg-t-HASH` |
/// | link                | `fg-l-N` (N = the link's row, from 1)                     |
/// | report (Note)       | `fg-r-ID` if valid; else `fg-rh-HASH`                      |
/// | stand-in payer      | `fg-s-ACCOUNT` (ACCOUNT = the account's FtM id); else `fg-sh-HASH` |
/// | case layout (Note)  | `fg-case`                                                 |
///
/// HASH is the first 40 hex digits of the SHA-256 of the id's UTF-8. Case ids never
/// become `fg-...` ids verbatim, so the forms cannot collide. Where the FtM id is not
/// the case id, the exact case id travels in an `id` marker.
public enum FtMIdentifiers {
    /// Ids FraudGraph derives start with this; case ids that do are hashed.
    public static let reservedPrefix = "fg-"
    /// The longest id FtM accepts.
    public static let maxLength = 200

    /// Whether `id` is a valid FtM entity id.
    public static func isValidID(_ id: String) -> Bool {
        var s = id
        return s.withUTF8 { isValidID($0) }
    }

    /// Whether these UTF-8 bytes are a valid FtM entity id.
    @inlinable
    public static func isValidID(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = b.count
        guard n > 0, n <= 200 else { return false }
        @inline(__always) func alnum(_ c: UInt8) -> Bool {
            (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
        }
        guard alnum(b[0]), alnum(b[n - 1]) else { return false }
        var i = 1
        while i < n - 1 {
            let c = b[i]
            if !(alnum(c) || c == UInt8(ascii: ".") || c == UInt8(ascii: "-")) { return false }
            i += 1
        }
        return true
    }

    /// Whether the bytes start with `fg-`.
    @inlinable
    public static func isReserved(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        b.count >= 3 && b[0] == UInt8(ascii: "f") && b[1] == UInt8(ascii: "g") && b[2] == UInt8(ascii: "-")
    }

    /// Whether a case entity id can be its own FtM id.
    @inlinable
    public static func isVerbatimEntityID(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        isValidID(b) && !isReserved(b)
    }

    /// `prefix` followed by the first 40 hex digits of the SHA-256 of `text`.
    public static func hashed(_ prefix: String, _ text: String) -> String {
        let digest = SHA256.hash(data: Array(text.utf8))
        var hex = prefix
        for byte in digest.prefix(20) {
            hex.append(hexDigits[Int(byte >> 4)])
            hex.append(hexDigits[Int(byte & 15)])
        }
        return hex
    }

    private static let hexDigits: [Character] = Array("0123456789abcdef")

    /// The FtM id of an entity whose case id is `id`.
    public static func entityID(_ id: String) -> String {
        var s = id
        return s.withUTF8 { isVerbatimEntityID($0) } ? id : hashed("fg-e-", id)
    }

    /// The FtM id of link row `row` (0-based).
    public static func linkID(row: Int) -> String { "fg-l-\(row + 1)" }

    /// The FtM id of a report.
    public static func reportID(_ id: String) -> String {
        let candidate = "fg-r-" + id
        return isValidID(candidate) ? candidate : hashed("fg-rh-", id)
    }

    /// The FtM id of the stand-in payer of an account without a known holder.
    public static func standInID(accountFtMID: String) -> String {
        let candidate = "fg-s-" + accountFtMID
        return isValidID(candidate) ? candidate : hashed("fg-sh-", accountFtMID)
    }

    /// The FtM id of the note that holds the case's layout.
    public static let layoutID = "fg-case"
}
