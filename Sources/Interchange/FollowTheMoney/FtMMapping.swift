import FraudGraph

/// How FraudGraph's kinds of entities and links correspond to FollowTheMoney schemata.
/// The writer and the reader both ask here, so that a case written to FtM and read
/// back has the same kinds. docs/interchange.md explains each choice.
public enum FtMMapping {
    // MARK: - Entities

    /// The FtM schema an entity of `kind` is written as, unless its `ftm:schema`
    /// attribute names another.
    ///
    /// person: Person; organization: Organization; account: BankAccount; wallet:
    /// CryptoWallet; den: Address (a compound is a place); device, phone, ip and custom
    /// kinds: Asset (FtM has no schema for them; a `kind` marker says which they are).
    public static func defaultSchema(forKind kind: String) -> String {
        switch kind {
        case "person": "Person"
        case "organization": "Organization"
        case "account": "BankAccount"
        case "wallet": "CryptoWallet"
        case "den": "Address"
        default: "Asset"
        }
    }

    /// The kind an entity of FtM schema `schema` is read as, when no `kind` marker
    /// says otherwise: Person: person; Organization, Company, PublicBody, LegalEntity:
    /// organization; BankAccount: account; CryptoWallet: wallet; any other: the schema
    /// name in snake case (`Address`: `address`, `UserAccount`: `user_account`).
    public static func kind(forSchema schema: FtMSchema) -> String {
        if schema.name == "Person" { return "person" }
        if schema.isA("Organization") || schema.name == "LegalEntity" { return "organization" }
        if schema.isA("BankAccount") { return "account" }
        if schema.isA("CryptoWallet") { return "wallet" }
        return snakeCase(schema.name)
    }

    /// `UserAccount` -> `user_account`; `related to` -> `related_to`.
    public static func snakeCase(_ name: String) -> String {
        var out = ""
        var previousLower = false
        for c in name {
            if c == " " || c == "-" {
                out.append("_")
                previousLower = false
            } else if c.isUppercase {
                if previousLower { out.append("_") }
                out.append(contentsOf: c.lowercased())
                previousLower = false
            } else {
                out.append(c)
                previousLower = c.isLowercase || c.isNumber
            }
        }
        return out
    }

    /// Properties whose first value becomes the entity's country when FtM gives no
    /// `country`, in this order.
    public static let countryFallbacks = ["jurisdiction", "mainCountry", "nationality", "citizenship", "birthCountry"]

    /// Case attributes that have another name in FtM, per schema the entity is written
    /// as: a bank account's `bank` is FtM's `bankName` (FtM's `bank` is a reference to
    /// the bank's Organization).
    public static func propertyName(forAttribute name: String, schema: FtMSchema) -> String {
        if schema.isA("BankAccount") && name == "bank" { return "bankName" }
        return name
    }

    /// The attribute an FtM property's values are read into (see `propertyName`).
    public static func attributeName(forProperty name: String, schema: FtMSchema) -> String {
        if schema.isA("BankAccount") && name == "bankName" { return "bank" }
        return name
    }

    // MARK: - Links

    /// The edge schemata FtM draws between two things, with the link kinds they are
    /// read as. Other edge schemata are read as the snake case of FtM's edge label.
    static let kindOfEdgeSchema: [String: String] = [
        "Ownership": "owns",
        "Membership": "member_of",
        "Directorship": "directs",
        "Employment": "works_for",
        "Family": "family",
        "Associate": "associate",
        "UnknownLink": "linked_to",
        "Representation": "represents",
        "Control": "controls",
        "Succession": "succeeded_by",
    ]

    /// The link kind an FtM link entity of `schema` is read as, without a `kind` marker.
    public static func linkKind(forSchema schema: FtMSchema) -> String {
        if schema.name == "Call" { return LinkKind.contacted.name }
        if schema.name == "Similar" { return LinkKind.sameAs.name }
        if let k = kindOfEdgeSchema[schema.name] { return k }
        if let label = schema.edge?.label, !label.isEmpty { return snakeCase(label) }
        return snakeCase(schema.name)
    }

    /// The FtM schema a link of `kind` from an entity of schema `source` to one of
    /// schema `target` is written as, unless its `ftm:schema` attribute names another:
    ///
    /// - `owns` from a legal entity to an asset (bank account, company, ...): Ownership
    /// - `member_of` from a legal entity to an organization: Membership
    /// - `manages`, `recruited` between two people: Associate (relationship = the kind)
    /// - `contacted` between two legal entities: Call
    /// - anything else: UnknownLink (role = the kind)
    public static func defaultLinkSchema(kind: String, source: FtMSchema, target: FtMSchema) -> String {
        switch kind {
        case "owns" where source.isA("LegalEntity") && target.isA("Asset"): "Ownership"
        case "member_of" where source.isA("LegalEntity") && target.isA("Organization"): "Membership"
        case "manages", "recruited":
            source.isA("Person") && target.isA("Person") ? "Associate" : "UnknownLink"
        case "contacted" where source.isA("LegalEntity") && target.isA("LegalEntity"): "Call"
        default: "UnknownLink"
        }
    }

    /// The properties that hold the two ends of a link entity of `schema`: the edge's
    /// source and target, or Call's `caller` and `receiver`, or Similar's `candidate`
    /// and `match`. Nil when the schema is not a link between two things.
    public static func ends(of schema: FtMSchema) -> (source: String, target: String)? {
        if schema.name == "Payment" { return nil }
        if schema.name == "Call" { return ("caller", "receiver") }
        if schema.name == "Similar" { return ("candidate", "match") }
        if let e = schema.edge { return (e.source, e.target) }
        return nil
    }

    /// Whether an entity of schema `entity` may stand in property `property`.
    public static func fits(_ entity: FtMSchema, _ property: FtMProperty?) -> Bool {
        guard let property, let range = property.range else { return false }
        return entity.isA(range)
    }

    /// The property that says what a link is, for people reading FtM: Associate's
    /// `relationship`, an Interest's `role`.
    static func captionProperty(of schema: FtMSchema) -> String? {
        if schema.properties["relationship"] != nil { return "relationship" }
        if schema.properties["role"] != nil { return "role" }
        return nil
    }
}
