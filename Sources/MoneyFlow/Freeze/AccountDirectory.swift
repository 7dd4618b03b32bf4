import FraudGraph

/// What an investigator needs to ask for an account to be frozen: its country (the
/// entity's `country`), its bank (the entity's `bank` attribute), and whether it is
/// an outside account.
public struct AccountDirectory: Sendable {
    private let entities: EntityTable
    private let bankColumn: Int?

    /// The directory of `c`'s accounts.
    public init(_ c: Case) {
        entities = c.entities
        bankColumn = c.entities.attributes.column(named: "bank")
    }

    /// Country code, or nil when unknown.
    public func country(_ e: Int32) -> String? { entities.countryOf(e) }

    /// The `bank` attribute, or nil when absent or empty.
    public func bank(_ e: Int32) -> String? {
        guard let k = bankColumn, let b = entities.attributes.columns[k][e], !b.isEmpty else { return nil }
        return b
    }

    /// Whether the account is outside the case's view.
    public func isExternal(_ e: Int32) -> Bool { entities.isExternal(e) }
}
