/// A CSV text that breaks RFC 4180, or a file that cannot be read.
public struct CSVError: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        case cannotOpen(String)
        case readFailed(String)
        /// A `"` inside a field that does not start with one.
        case quoteInUnquotedField
        /// Something other than `,` or a line end after a closing quote.
        case textAfterClosingQuote
        /// A quoted field that runs to the end of the file.
        case unterminatedQuote
        /// Bytes that are not UTF-8.
        case invalidUTF8
        /// A NUL byte, which no text file holds.
        case nulByte
    }

    public var reason: Reason
    /// 1-based line and field number where the problem is.
    public var line: Int
    public var column: Int
    /// The text around the problem (shortened).
    public var value: String

    public var message: String {
        switch reason {
        case .cannotOpen(let why): "cannot open: \(why)"
        case .readFailed(let why): "read failed: \(why)"
        case .quoteInUnquotedField: "a quote inside a field that is not quoted"
        case .textAfterClosingQuote: "text after the closing quote of a field"
        case .unterminatedQuote: "a quoted field is never closed"
        case .invalidUTF8: "text is not valid UTF-8"
        case .nulByte: "a NUL byte: this is not a text file"
        }
    }

    public var description: String { "\(line):\(column): \(message) (\(value))" }
}
