/// What reading a case folder found: the files, their fingerprints, the rows taken
/// and, under `--lenient`, the rows set aside and why.
public struct ImportReport: Sendable {
    /// One input file.
    public struct SourceFile: Sendable {
        /// `entities.csv`, `links.csv`, ...
        public var name: String
        /// The path as the user gave it.
        public var path: String
        public var bytes: Int
        /// Data rows read (the header not counted, blank lines skipped).
        public var rows: Int
        /// Rows set aside under `--lenient`.
        public var rejected: Int
        /// Lower-case hex SHA-256 of the file, when asked for.
        public var sha256: String?
    }

    /// A row set aside, with the first problem found in it and its fields as read.
    public struct RejectedRow: Sendable {
        public var issue: CaseIssue
        public var fields: [String]
    }

    /// The files that were present, in reading order.
    public var files: [SourceFile] = []
    /// Rows set aside (lenient reading only), in file order.
    public var rejected: [RejectedRow] = []
    /// Problems found in all (strict reading fails if this is not 0).
    public var problemCount = 0

    public init() {}

    /// Rows set aside, by cause.
    public var rejectedByCause: [String: Int] {
        var out: [String: Int] = [:]
        for r in rejected { out[r.issue.cause.rawValue, default: 0] += 1 }
        return out
    }
}

/// A case read from a folder, with the report of how it was read.
public struct CaseImport: Sendable {
    public let `case`: Case
    public let report: ImportReport
}

/// How far reading has got, for progress displays.
public struct ImportProgress: Sendable {
    public var file: String
    public var bytesRead: Int
    public var totalBytes: Int
}

import FraudGraph
