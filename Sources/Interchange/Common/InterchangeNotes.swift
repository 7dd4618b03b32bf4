/// What an export or import wants the user to know: where a format could not hold
/// something as it is and how it was carried instead, or what an import made of data
/// the case format has no column for. The command line prints them on stderr, so that
/// nothing changes or vanishes unseen.
public struct InterchangeNotes: Sendable, Equatable {
    /// One kind of note, with how often it came up and a first example.
    public struct Note: Sendable, Equatable {
        public var message: String
        public var count: Int
        public var example: String?
    }

    public private(set) var notes: [Note] = []
    private var positions: [String: Int] = [:]

    public init() {}

    /// Counts one more occurrence of `message`; the first `example` is kept.
    public mutating func add(_ message: String, count: Int = 1, example: String? = nil) {
        guard count > 0 else { return }
        if let k = positions[message] {
            notes[k].count += count
            if notes[k].example == nil { notes[k].example = example }
        } else {
            positions[message] = notes.count
            notes.append(Note(message: message, count: count, example: example))
        }
    }

    /// Adds the notes of a later part of the same work (a chunk of rows written on
    /// another thread): counts add up, the first example stays the first.
    public mutating func merge(_ later: InterchangeNotes) {
        for n in later.notes { add(n.message, count: n.count, example: n.example) }
    }

    /// The count of `message` (0 when it never came up).
    public func count(_ message: String) -> Int { positions[message].map { notes[$0].count } ?? 0 }

    public var isEmpty: Bool { notes.isEmpty }

    /// One line per note: `12 × message (first: X)`.
    public func lines(prefix: String) -> [String] {
        notes.map { n in
            var line = "\(prefix): \(n.count) × \(n.message)"
            if let e = n.example { line += " (first: \(CaseIssue.printable(e, limit: 60)))" }
            return line
        }
    }

    public static func == (a: InterchangeNotes, b: InterchangeNotes) -> Bool { a.notes == b.notes }
}
