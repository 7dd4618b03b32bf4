import FraudGraph
import Testing

@Suite("CaseBuilder")
struct CaseBuilderTests {
    @Test("a row is added whole or not at all")
    func wholeRows() throws {
        var b = CaseBuilder()
        let p = try b.addEntity(id: "P1", kind: .person, name: "Ana", country: "ES", role: "victim")
        let a = try b.addEntity(id: "A1", kind: .account)
        #expect(throws: CaseBuilder.Problem.duplicateID) { try b.addEntity(id: "P1", kind: .account) }
        #expect(throws: CaseBuilder.Problem.missingValue(column: "id")) { try b.addEntity(id: "", kind: .account) }
        // A person cannot send money: nothing is added, not even the id.
        #expect(throws: CaseBuilder.Problem.cannotHoldMoney(column: "from", kind: "person")) {
            try b.addTransfer(id: "T1", from: p, to: a, amount: Money(whole: 1), time: 0)
        }
        try b.addTransfer(id: "T1", from: a, to: a, amount: Money(whole: 1), time: 0)
        let c = b.freeze()
        #expect(c.entities.count == 2 && c.transfers.count == 1)
        #expect(c.entities.displayName(p) == "Ana" && c.entities.displayName(a) == "A1")
        #expect(c.entities.countryOf(p) == "ES" && c.entities.roleOf(p) == "victim" && c.entities.roleOf(a) == nil)
        #expect(c.entities.kind[Int(a)] == EntityKind.Code.account)
    }

    @Test("outside accounts appear with the transfer that names them")
    func outsideAccounts() throws {
        var b = CaseBuilder()
        let a = try b.addEntity(id: "A1", kind: .account)
        var id = "T1", outside = "X9"
        try id.withUTF8 { i in
            try outside.withUTF8 { o in
                _ = try b.addTransfer(id: i, source: .entity(a), target: .outside(o), amount: Money(whole: 5), time: 0,
                                      currency: 1, channel: 0, form: TransferTextForm(amountFractionDigits: 0, timeStyle: .utc, offsetMinutes: 0))
            }
        }
        let c = b.freeze()
        let x = try #require(c.entities.index(of: "X9"))
        #expect(c.entities.isOutside[Int(x)] && c.entities.isExternal(x))
        #expect(c.entities.kindOf(x) == .account)
        #expect(c.outsideAccountCount == 1)
        #expect(c.transfers.currencyOf(0) == "USD")
    }
}
