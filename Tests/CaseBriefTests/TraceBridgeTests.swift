import CaseBrief
import FraudGraph
import GraphvizExport
import Interchange
import MoneyFlow
import Testing

/// The money-flow picture's view of a trace: amounts per currency, and poison's whole
/// amounts counted once.
@Suite("Money-flow picture of a trace")
struct TraceBridgeTests {
    /// Victims pay 100 USD and 50 EUR into M; M pays 30 USD on to N.
    static let twoCurrencies: [String: String] = [
        "entities.csv": """
        id,kind,name,country,bank
        P1,person,Ana,ES,
        P2,person,Ben,FR,
        VA,account,,ES,Santander
        VB,account,,FR,BNP
        M,account,,KH,ABA
        N,account,,TH,Kasikorn

        """,
        "links.csv": """
        source,target,kind
        P1,VA,owns
        P2,VB,owns

        """,
        "transfers.csv": """
        id,from,to,amount,currency,time,channel
        T1,VA,M,100,USD,2024-03-01T10:00:00Z,bank
        T2,VB,M,50,EUR,2024-03-01T11:00:00Z,bank
        T3,M,N,30,USD,2024-03-01T12:00:00Z,bank

        """,
        "reports.csv": """
        id,transfer,victim,reported_at
        R1,T1,P1,2024-03-05T00:00:00Z
        R2,T2,P2,2024-03-05T00:00:00Z

        """,
    ]

    static func traced(_ policy: TracePolicy) throws -> (Case, MoneyTrace) {
        let c = try CaseFolderReader(lenient: false).read(folder: BriefFixtures.writeCase(twoCurrencies)).case
        let trace = Tracer(policy: policy).run(on: c, ledger: Ledger(c.transfers), seeds: Tracer.reportedTransfers(in: c))
        return (c, MoneyTrace(trace, in: c))
    }

    @Test("money held in two currencies is two holdings, labelled each in its own")
    func holdingsPerCurrency() throws {
        let (c, money) = try TraceBridgeTests.traced(.fifo)
        let m = c.entities.index(of: "M")!, n = c.entities.index(of: "N")!
        let held = money.holdings.map { ($0.account, $0.amount, c.transfers.currencies[$0.currency!]) }
        #expect(held.count == 3)
        #expect(held.contains { $0 == (m, Money(whole: 70), "USD") })
        #expect(held.contains { $0 == (m, Money(whole: 50), "EUR") })
        #expect(held.contains { $0 == (n, Money(whole: 30), "USD") })
        let d = TraceDiagram().build(c, trace: money)
        let node = d.nodes.first { $0.entity == m }!
        #expect(node.details.contains("holds 70.00 USD") && node.details.contains("holds 50.00 EUR"))
        let note = d.notes.first { $0.contains("still held") }!
        let stillHeld = note.components(separatedBy: "still held ")[1]
        #expect(stillHeld.contains("100.00 USD") && stillHeld.contains("50.00 EUR"))
    }

    @Test("poison: a transfer or an account two seeds touched counts its whole amount once")
    func poisonCountsWholeAmountsOnce() throws {
        let (c, money) = try TraceBridgeTests.traced(.poison)
        let t3 = c.transfers.index(of: "T3")!
        #expect(money.steps.first { $0.transfer == t3 }?.tainted == Money(whole: 30))
        let m = c.entities.index(of: "M")!
        let held = money.holdings.filter { $0.account == m }
        #expect(held.count == 1 && held[0].currency == nil)
        // M's balances at the end, 70 USD and 50 EUR, as one whole amount.
        #expect(held[0].amount == Money(whole: 120))
    }

    @Test("a poison brief counts an account's whole balance once, however many seeds touched it")
    func poisonBriefCountsWholeBalancesOnce() throws {
        let folder = try BriefFixtures.writeCase(TraceBridgeTests.twoCurrencies)
        var settings = BriefFixtures.fastSettings
        settings.policy = .poison
        let out = BriefFixtures.temporaryFolder() + "/brief"
        try BriefFixtures.brief(caseFolder: folder, out: out, settings: settings)
        let md = try BriefFixtures.read(out + "/brief.md")
        // M ends with 70 USD and 50 EUR: its whole balance is 120, touched by two seeds.
        let table = md.components(separatedBy: "Accounts holding most")[1].components(separatedBy: "\n\n")[1]
        let mRows = table.split(separator: "\n").filter { $0.hasPrefix("| `M` |") }
        #expect(mRows.count == 1, "\(table)")
        #expect(mRows.first?.contains("| 2 | 120.00 ") == true, "\(table)")
    }

    @Test("a poison brief of a large payment two seeds marked: no overflow, the balance counted once per currency")
    func poisonBriefLargePayment() throws {
        let folder = try BriefFixtures.writeCase([
            "entities.csv": "id,kind\nA,account\nB,account\nC,account\nD,account\n",
            "transfers.csv": "id,from,to,amount,time\nT1,A,B,0.0001,2024-03-01T10:00:00Z\nT2,C,B,0.0001,2024-03-01T10:01:00Z\nT3,B,D,470000000000000,2024-03-01T10:02:00Z\n",
            "reports.csv": "id,transfer\nR1,T1\nR2,T2\n",
        ])
        let c = try CaseFolderReader(lenient: false).read(folder: folder).case
        var settings = BriefSettings()
        settings.policy = .poison
        settings.comparedPolicies = [.fifo]
        let analysis = CaseAnalysis(c, settings: settings)
        let poison = try #require(analysis.policyTotals.first { $0.policy == .poison }?.totals["USD"])
        #expect(poison.held == Money(whole: 470_000_000_000_000).units)
        #expect(poison.reported == 2)
    }
}
