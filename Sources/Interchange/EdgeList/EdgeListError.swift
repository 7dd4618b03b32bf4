/// A problem in an edge-list file: where it is and what is wrong.
public struct EdgeListError: Error, Sendable, CustomStringConvertible, Equatable {
    public enum Reason: Sendable, Equatable {
        case cannotOpen(String)
        case readFailed(String)
        /// A node that is not a whole number from 0 to 2,147,483,646.
        case badNode
        /// A weight that is not a positive finite number.
        case badWeight
        /// Fewer than two fields, or more than three.
        case wrongFieldCount(Int)
        /// More than 2,147,483,647 nodes or too many edges to index.
        case tooLarge
    }

    public var reason: Reason
    public var path: String
    /// 1-based line and field where the problem is (0 when about the whole file).
    public var line: Int
    public var column: Int
    /// The offending text (shortened).
    public var value: String

    public var message: String {
        switch reason {
        case .cannotOpen(let why): "cannot open: \(why)"
        case .readFailed(let why): "read failed: \(why)"
        case .badNode: "a node must be a whole number from 0 to 2147483646"
        case .badWeight: "a weight must be a positive finite number"
        case .wrongFieldCount(let n): "expected `u v` or `u v w`, found \(n) field\(n == 1 ? "" : "s")"
        case .tooLarge: "the graph is too large"
        }
    }

    /// `FILE:LINE:COLUMN: message (value)`, like every other input error.
    public var description: String {
        line > 0 ? "\(path):\(line):\(column): \(message) (\(value))" : "\(path): \(message)"
    }
}
