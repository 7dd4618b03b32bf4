/// One problem in a case folder: where it is (file, line, column), what is wrong, and
/// the value that is wrong. Printed as `FILE:LINE:COLUMN: message (value)`.
public struct CaseIssue: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem it is; `--lenient` counts rejected rows by cause.
    public enum Cause: String, Sendable, CaseIterable {
        case unreadableFile = "unreadable file"
        case emptyFile = "empty file"
        case missingColumn = "missing column"
        case badHeader = "bad header"
        case malformedRow = "malformed row"
        case invalidText = "invalid text"
        case missingValue = "missing value"
        case duplicateID = "duplicate id"
        case unknownReference = "unknown reference"
        case notAnAccount = "not an account"
        case badAmount = "bad amount"
        case badTime = "bad time"
        case badWeight = "bad weight"
        case tooManyDistinct = "too many distinct values"
    }

    /// The file as the user named it (`case/transfers.csv`).
    public var file: String
    /// 1-based line where the record starts (1 is the header).
    public var line: Int
    /// 1-based field number in the record.
    public var column: Int
    /// The column's name from the header, when known.
    public var columnName: String?
    public var cause: Cause
    public var message: String
    /// The offending value as written (shortened, control characters escaped).
    public var value: String

    public init(file: String, line: Int, column: Int, columnName: String? = nil, cause: Cause, message: String, value: String) {
        self.file = file
        self.line = line
        self.column = column
        self.columnName = columnName
        self.cause = cause
        self.message = message
        self.value = CaseIssue.printable(value)
    }

    public var description: String { "\(file):\(line):\(column): \(message) (\(value))" }

    /// `text` made safe to print on a terminal: at most 80 characters, control
    /// characters and quotes escaped, so data cannot move the cursor or fake a line.
    public static func printable(_ text: String, limit: Int = 80) -> String {
        var out = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= limit {
                out += "… [\(text.utf8.count) bytes]"
                break
            }
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\\": out += "\\\\"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80 ..< 0xA0).contains(scalar.value)
                    || scalar.properties.generalCategory == .format {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
            count += 1
        }
        return out
    }
}

/// A case folder that could not be loaded: every problem found (up to a limit), and
/// how many there were in all. Nothing of the case is kept.
public struct CaseFolderError: Error, Sendable, CustomStringConvertible {
    public var issues: [CaseIssue]
    public var totalCount: Int

    public init(issues: [CaseIssue], totalCount: Int) {
        self.issues = issues
        self.totalCount = totalCount
    }

    public var description: String {
        var lines = issues.map(\.description)
        if totalCount > issues.count { lines.append("... and \(totalCount - issues.count) more problems") }
        return lines.joined(separator: "\n")
    }
}
