import FraudGraph
import Foundation
import Interchange

/// What a generated case really is, for scoring every analysis: which entities form
/// each ring, who holds which rank in which den, which transfers launder money and
/// how. Written beside the case as `truth/rings.csv`, `truth/roles.csv` and
/// `truth/laundering.csv` (shared/spec/case-format.md).
public struct GroundTruth: Sendable {
    /// A person's place in a den.
    public struct Role: Sendable, Equatable {
        public var person: Int32
        public var den: Int32
        /// boss, manager, broker, leader, recruiter, worker or mule.
        public var role: String
        /// 0 at the top of the den: boss 0; manager and broker 1; leader and
        /// recruiter 2; worker 3; mule 4.
        public var rank: Int
    }

    /// A transfer that launders a ring's money.
    public struct Laundering: Sendable, Equatable {
        public var transfer: Int32
        public var ring: Int32
        /// fan_in, fan_out, cycle, scatter_gather, gather_scatter, bipartite, stack,
        /// random, cash_out.
        public var typology: String
    }

    /// The typologies of `laundering`, in a fixed order.
    public static let typologies = ["fan_in", "fan_out", "cycle", "scatter_gather", "gather_scatter", "bipartite", "stack", "random", "cash_out"]

    /// Ring number (1, 2, ...) of each entity, or -1.
    public var ringOfEntity: [Int32]
    public var roles: [Role]
    public var laundering: [Laundering]

    public init(ringOfEntity: [Int32], roles: [Role], laundering: [Laundering]) {
        self.ringOfEntity = ringOfEntity
        self.roles = roles
        self.laundering = laundering
    }

    /// Number of rings.
    public var ringCount: Int { Int(ringOfEntity.max() ?? 0) }

    /// The entities of each ring, ring `r` at position `r - 1`.
    public var ringMembers: [[Int32]] {
        var out = [[Int32]](repeating: [], count: ringCount)
        for (e, r) in ringOfEntity.enumerated() where r > 0 { out[Int(r) - 1].append(Int32(e)) }
        return out
    }

    // MARK: - Files

    /// Writes `truth/` into `folder`.
    public func write(to folder: String, for c: Case) throws {
        let dir = folder + "/truth"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let rings = try CSVWriter(path: dir + "/rings.csv")
        try rings.row(["entity", "ring"])
        for (e, r) in ringOfEntity.enumerated() where r > 0 {
            try rings.row([c.entities.id(Int32(e)), String(r)])
        }
        try rings.finish()
        let roleFile = try CSVWriter(path: dir + "/roles.csv")
        try roleFile.row(["person", "den", "role", "rank"])
        for r in roles {
            try roleFile.row([c.entities.id(r.person), c.entities.id(r.den), r.role, String(r.rank)])
        }
        try roleFile.finish()
        let launder = try CSVWriter(path: dir + "/laundering.csv")
        try launder.row(["transfer", "ring", "typology"])
        for l in laundering {
            try launder.row([c.transfers.id(l.transfer), String(l.ring), l.typology])
        }
        try launder.finish()
    }

    /// Why truth files could not be read.
    public struct LoadError: Error, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var message: String
        public var description: String { "\(file):\(line): \(message)" }
    }

    /// Reads `truth/` of a generated case folder, resolving ids against `c`.
    public static func load(folder: String, for c: Case) throws -> GroundTruth {
        var ringOf = [Int32](repeating: -1, count: c.entities.count)
        try readRows(folder + "/truth/rings.csv", columns: ["entity", "ring"]) { line, f in
            guard let e = c.entities.index(of: f[0]) else { throw LoadError(file: "rings.csv", line: line, message: "unknown entity \(f[0])") }
            guard let r = Int32(f[1]), r > 0 else { throw LoadError(file: "rings.csv", line: line, message: "bad ring \(f[1])") }
            ringOf[Int(e)] = r
        }
        var roles: [Role] = []
        try readRows(folder + "/truth/roles.csv", columns: ["person", "den", "role", "rank"]) { line, f in
            guard let p = c.entities.index(of: f[0]), let d = c.entities.index(of: f[1]), let rank = Int(f[3]) else {
                throw LoadError(file: "roles.csv", line: line, message: "bad row")
            }
            roles.append(Role(person: p, den: d, role: f[2], rank: rank))
        }
        var laundering: [Laundering] = []
        try readRows(folder + "/truth/laundering.csv", columns: ["transfer", "ring", "typology"]) { line, f in
            guard let t = c.transfers.index(of: f[0]), let r = Int32(f[1]) else {
                throw LoadError(file: "laundering.csv", line: line, message: "bad row")
            }
            laundering.append(Laundering(transfer: t, ring: r, typology: f[2]))
        }
        return GroundTruth(ringOfEntity: ringOf, roles: roles, laundering: laundering)
    }

    private static func readRows(_ path: String, columns: [String], _ body: (Int, [String]) throws -> Void) throws {
        var reader = try CSVReader(path: path)
        guard try reader.next() else { return }
        let header = reader.strings.map { $0.lowercased() }
        let positions = try columns.map { name in
            guard let i = header.firstIndex(of: name) else { throw LoadError(file: path, line: 1, message: "no column \(name)") }
            return i
        }
        while try reader.next() {
            let fields = reader.strings
            guard fields.count == header.count else { throw LoadError(file: path, line: reader.line, message: "wrong field count") }
            try body(reader.line, positions.map { fields[$0] })
        }
    }
}
