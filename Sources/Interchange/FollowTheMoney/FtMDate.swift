import FraudGraph

/// Times as FollowTheMoney dates: `YYYY-MM-DDTHH:MM:SS` in UTC, no offset (FtM drops
/// offsets, and keeps only years 1000 to 2999).
enum FtMDate {
    private static let earliest = Int64(Timestamp.daysFromCivil(year: 1000, month: 1, day: 1)) * 86_400
    private static let latest = Int64(Timestamp.daysFromCivil(year: 3000, month: 1, day: 1)) * 86_400

    /// Whether FtM can hold `seconds` as a date.
    @inline(__always)
    static func fits(_ seconds: Int64) -> Bool { seconds >= earliest && seconds < latest }

    /// Appends `seconds` as `YYYY-MM-DDTHH:MM:SS` (the caller checked `fits`).
    @inline(__always)
    static func append(_ seconds: Int64, to out: inout [UInt8]) {
        Timestamp.append(seconds, style: .utc, offsetMinutes: 0, to: &out)
        out.removeLast()  // the Z
    }

    /// The instant an FtM date names, and whether it is precise to the second. A date
    /// with less precision (`2024-03`) names the start of its period, in UTC.
    static func parse(_ text: String) -> (seconds: Int64, isFull: Bool)? {
        guard FtMText.isDate(text) else { return nil }
        let b = Array(text.utf8)
        func n(_ at: Int, _ len: Int) -> Int {
            var v = 0
            for k in at ..< at + len { v = v * 10 + Int(b[k] - 48) }
            return v
        }
        let year = n(0, 4)
        let month = b.count >= 7 ? n(5, 2) : 1
        let day = b.count >= 10 ? n(8, 2) : 1
        let hour = b.count >= 13 ? n(11, 2) : 0
        let minute = b.count >= 16 ? n(14, 2) : 0
        let second = b.count >= 19 ? n(17, 2) : 0
        let days = Int64(Timestamp.daysFromCivil(year: year, month: month, day: day))
        return (days * 86_400 + Int64(hour * 3600 + minute * 60 + second), b.count == 19)
    }
}
