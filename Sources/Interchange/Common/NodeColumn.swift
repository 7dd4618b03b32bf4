import FraudGraph
import Foundation

/// A computed value per entity (a ring number, a rank, a score) that an export adds
/// to its nodes as a typed column: GraphML keys and Neo4j properties of type `long`,
/// `double` or `string`. Analyses that land later hand their results to the
/// exporters this way; the command line reads them from CSV files (`--node-columns`).
public struct NodeColumn: Sendable {
    /// One value per entity, by entity index.
    public enum Values: Sendable {
        /// Whole numbers; `NodeColumn.missingInteger` where an entity has none.
        case integer(ContiguousArray<Int64>)
        /// Numbers; NaN where an entity has none.
        case number(ContiguousArray<Double>)
        /// Text; nil where an entity has none.
        case text([String?])
    }

    /// Marks an entity without a value in an integer column.
    public static let missingInteger = Int64.min

    public var name: String
    public var values: Values

    public init(name: String, values: Values) {
        self.name = name
        self.values = values
    }

    /// A column of whole numbers (ring numbers: -1 or missing for no ring, as given).
    public init(name: String, integers: ContiguousArray<Int64>) {
        self.init(name: name, values: .integer(integers))
    }

    /// A column of numbers (ranks, scores).
    public init(name: String, numbers: ContiguousArray<Double>) {
        self.init(name: name, values: .number(numbers))
    }

    /// Number of entities the column has a slot for (the case's entity count).
    public var count: Int {
        switch values {
        case .integer(let v): v.count
        case .number(let v): v.count
        case .text(let v): v.count
        }
    }

    /// The GraphML and Neo4j type of the column: `long`, `double` or `string`.
    public var typeName: String {
        switch values {
        case .integer: "long"
        case .number: "double"
        case .text: "string"
        }
    }

    /// Whether entity `e` has a value.
    public func has(_ e: Int) -> Bool {
        switch values {
        case .integer(let v): v[e] != NodeColumn.missingInteger
        case .number(let v): !v[e].isNaN
        case .text(let v): v[e] != nil
        }
    }

    /// The value of entity `e` as text (`3`, `0.25`, or the text), nil when none.
    public func text(_ e: Int) -> String? {
        switch values {
        case .integer(let v): v[e] == NodeColumn.missingInteger ? nil : String(v[e])
        case .number(let v): v[e].isNaN ? nil : JSON.number(v[e])
        case .text(let v): v[e]
        }
    }

    /// Why a columns file cannot be used.
    public struct LoadError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads `entity,COLUMN,...` (first column `entity`, `id`, `person` or `node`: so
    /// `truth/rings.csv` and `truth/roles.csv` of a generated case read as they are; one row per entity;
    /// entities without a row have no value). A column whose values are all whole
    /// numbers is `long`, all numbers `double`, otherwise `string`.
    public static func load(csv path: String, for c: Case) throws -> [NodeColumn] {
        var reader: CSVReader
        do { reader = try CSVReader(path: path) } catch { throw LoadError(description: error.message) }
        guard try readNext(&reader, path) else { throw LoadError(description: "\(path): the file is empty") }
        let header = reader.strings
        guard header.count >= 2, ["entity", "id", "person", "node"].contains(header[0].lowercased()) else {
            throw LoadError(description: "\(path):1: the header must be entity,COLUMN,... (got \(header.joined(separator: ",")))")
        }
        let n = c.entities.count
        var texts = [[String?]](repeating: [String?](repeating: nil, count: n), count: header.count - 1)
        var seen = [Bool](repeating: false, count: n)
        while try readNext(&reader, path) {
            guard reader.fieldCount == header.count else {
                throw LoadError(description: "\(path):\(reader.line): the row has \(reader.fieldCount) fields but the header has \(header.count)")
            }
            guard let e = c.entities.ids.index(of: reader.field(0)) else {
                throw LoadError(description: "\(path):\(reader.line):1: entity names no entity of the case (\(CaseIssue.printable(reader.string(0))))")
            }
            guard !seen[Int(e)] else {
                throw LoadError(description: "\(path):\(reader.line):1: the entity has a row already (\(CaseIssue.printable(reader.string(0))))")
            }
            seen[Int(e)] = true
            for k in 1 ..< header.count where !reader.field(k).isEmpty { texts[k - 1][Int(e)] = reader.string(k) }
        }
        var out: [NodeColumn] = []
        for (k, column) in texts.enumerated() {
            let name = header[k + 1]
            let present = column.compactMap { $0 }
            if present.allSatisfy({ Int64($0) != nil && Int64($0)! != missingInteger }) {
                out.append(NodeColumn(name: name, integers: ContiguousArray(column.map { $0.flatMap { Int64($0) } ?? missingInteger })))
            } else if present.allSatisfy({ Double($0)?.isFinite == true }) {
                out.append(NodeColumn(name: name, numbers: ContiguousArray(column.map { $0.flatMap { Double($0) } ?? .nan })))
            } else {
                out.append(NodeColumn(name: name, values: .text(column)))
            }
        }
        return out
    }

    private static func readNext(_ reader: inout CSVReader, _ path: String) throws -> Bool {
        do throws(CSVError) { return try reader.next() } catch { throw LoadError(description: "\(path):\(error.line):\(error.column): \(error.message)") }
    }
}
