/// The FollowTheMoney (FtM) data model: schemata, their properties and the types of
/// those properties, as the `followthemoney` Python package defines them.
///
/// The table is generated from the installed package by `scripts/ftm-schema.py`
/// (`FtMModel+Generated.swift`), never copied by hand, so that what FraudGraph writes
/// passes FtM's own checks and what it reads is understood the way FtM means it.
public struct FtMModel: Sendable {
    /// The model of the FtM version the table was generated from.
    public static let shared = FtMModel(text: generatedSchemata, countries: generatedCountryCodes)

    /// Every schema by name.
    public let schemata: [String: FtMSchema]
    /// Lower-case country and territory codes FtM's `country` type accepts (`kh`, `mm`, `zz`, ...).
    public let countryCodes: Set<String>
    /// The FtM version the table comes from.
    public var version: String { FtMModel.generatedVersion }

    init(text: String, countries: String) {
        var schemata: [String: FtMSchema] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 6 else { continue }
            var properties: [String: FtMProperty] = [:]
            for spec in fields[5].split(separator: ",") {
                let p = FtMProperty(spec: String(spec))
                properties[p.name] = p
            }
            var edge: FtMSchema.Edge?
            let e = fields[3].split(separator: ">", omittingEmptySubsequences: false).map(String.init)
            if e.count == 4 { edge = .init(source: e[0], target: e[1], label: e[2], directed: e[3] == "1") }
            schemata[fields[0]] = FtMSchema(
                name: fields[0], isAbstract: fields[1] == "1",
                schemata: Set(fields[2].split(separator: ",").map(String.init)),
                edge: edge,
                required: fields[4].split(separator: ",").map(String.init),
                properties: properties)
        }
        self.schemata = schemata
        countryCodes = Set(countries.split(separator: " ").map(String.init))
    }

    /// The schema called `name`, or nil.
    public subscript(name: String) -> FtMSchema? { schemata[name] }
}

/// One FtM schema (`Person`, `Payment`, `Ownership`, ...).
public struct FtMSchema: Sendable {
    /// How an edge schema links two entities: `Ownership` is `owner` -> `asset`.
    public struct Edge: Sendable {
        public var source: String
        public var target: String
        /// FtM's caption of the edge (`owns`, `paid`, `directs`).
        public var label: String
        public var directed: Bool
    }

    public let name: String
    /// Abstract schemata (`Thing`, `LegalEntity`'s parents) are not written as entities.
    public let isAbstract: Bool
    /// The names of every schema this one is, itself included (`Company` is an
    /// `Organization`, an `Asset`, a `LegalEntity`, a `Thing`, ...).
    public let schemata: Set<String>
    public let edge: Edge?
    public let required: [String]
    public let properties: [String: FtMProperty]

    /// Whether this schema is `other` or descends from it.
    public func isA(_ other: String) -> Bool { schemata.contains(other) }

    /// Whether entities of this schema are things (people, companies, accounts,
    /// addresses, ...) rather than intervals (payments, ownerships, calls, ...).
    public var isThing: Bool { schemata.contains("Thing") }
}

/// One property of a schema: its name, value type and, for entity references, the
/// schema the referenced entity must be.
public struct FtMProperty: Sendable {
    public let name: String
    /// FtM type name: `name`, `string`, `text`, `identifier`, `date`, `number`,
    /// `country`, `entity`, `phone`, `email`, `ip`, `url`, `address`, ...
    public let type: String
    /// For `entity` properties, the schema of the entity referred to.
    public let range: String?
    /// A format that FtM checks identifiers against (`iban`, `bic`, `lei`, ...).
    public let format: String?
    /// The longest value FtM accepts, in Unicode code points.
    public let maxLength: Int

    init(spec: String) {
        var rest = Substring(spec)
        var maxLength = 250
        if let hash = rest.lastIndex(of: "#") {
            maxLength = Int(rest[rest.index(after: hash)...]) ?? 250
            rest = rest[..<hash]
        }
        var format: String?
        if let at = rest.lastIndex(of: "@") {
            format = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        var range: String?
        if let gt = rest.lastIndex(of: ">") {
            range = String(rest[rest.index(after: gt)...])
            rest = rest[..<gt]
        }
        let colon = rest.firstIndex(of: ":")!
        name = String(rest[..<colon])
        type = String(rest[rest.index(after: colon)...])
        self.range = range
        self.format = format
        self.maxLength = maxLength
    }
}
