import FraudGraph

/// A small case written out by hand for tests: accounts by id, transfers in file
/// order with amounts as decimal text.
struct CaseSketch {
    var builder = CaseBuilder()

    init(accounts: [String], countries: [String: String] = [:], banks: [String: String] = [:]) {
        for a in accounts {
            let e = try! builder.addEntity(id: a, kind: .account, country: countries[a] ?? "")
            if let bank = banks[a] { builder.setAttribute(.entities, "bank", row: e, bank) }
        }
    }

    /// Adds a transfer; `amount` is decimal text ("7", "0.6").
    @discardableResult
    mutating func pay(_ id: String, _ from: String, _ to: String, _ amount: String, at time: Int64,
                      currency: String = "USD", channel: String = "") -> Int32 {
        let money = try! Money.parse(amount).get().0
        return try! builder.addTransfer(id: id, from: builder.entityIndex(from)!, to: builder.entityIndex(to)!,
                                        amount: money, time: time, currency: currency, channel: channel)
    }

    /// Adds a transfer of `units` 1/10,000 units.
    @discardableResult
    mutating func pay(_ id: String, _ from: String, _ to: String, units: Int64, at time: Int64,
                      currency: String = "USD", channel: String = "") -> Int32 {
        try! builder.addTransfer(id: id, from: builder.entityIndex(from)!, to: builder.entityIndex(to)!,
                                 amount: Money(units: units), time: time, currency: currency, channel: channel)
    }

    func freeze() -> Case { builder.freeze() }
}

extension Case {
    func transfer(_ id: String) -> Int32 { transfers.index(of: id)! }
    func entity(_ id: String) -> Int32 { entities.index(of: id)! }
}

/// `text` as units: "0.6" is 6,000.
func units(_ text: String) -> Int64 { text == "0" ? 0 : try! Money.parse(text).get().0.units }
