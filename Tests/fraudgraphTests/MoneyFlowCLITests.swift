import Foundation
import Testing

/// trace, freeze, flow and patterns as scripts outside the repository call them.
@Suite("Money-flow commands")
struct MoneyFlowCLITests {
    /// The worked example of tracing.md: 7 clean in, 3 stolen in, then 2 and 5 out;
    /// then 1 withdrawn in cash from the account that got the 5.
    static let files = [
        "entities.csv": "id,kind,name,country,bank\nP1,person,Ana,ES,\nVA,account,,ES,Santander\nM,account,,KH,ABA\nX,account,,KH,ABA\nA,account,,TH,Kasikorn\nB,account,,MM,\"KBZ, Yangon\"\n",
        "transfers.csv": "id,from,to,amount,time,channel\nT1,X,M,7,2024-03-01T10:00:00Z,bank\nT2,VA,M,3,2024-03-01T11:00:00Z,bank\nT3,M,A,2,2024-03-01T12:00:00Z,bank\nT4,M,B,5,2024-03-01T13:00:00Z,bank\nT5,B,CASH,1,2024-03-02T09:00:00Z,cash_out\n",
        "reports.csv": "id,transfer,victim\nR1,T2,P1\n",
    ]

    /// Victims pay 100 USD and 50 EUR into M; M pays 30 USD on to N, who withdraws 10
    /// in cash.
    static let twoCurrencies = [
        "entities.csv": "id,kind\nVA,account\nVB,account\nM,account\nN,account\n",
        "transfers.csv": "id,from,to,amount,currency,time,channel\nT1,VA,M,100,USD,2024-03-01T10:00:00Z,bank\nT2,VB,M,50,EUR,2024-03-01T11:00:00Z,bank\nT3,M,N,30,USD,2024-03-01T12:00:00Z,bank\nT4,N,CASH,10,USD,2024-03-01T13:00:00Z,cash_out\n",
        "reports.csv": "id,transfer\nR1,T1\nR2,T2\n",
    ]

    /// Runs `body` with a temporary folder holding `case/`, made of `caseFiles`.
    static func withCase<R>(_ caseFiles: [String: String] = files, _ body: (String) throws -> R) throws -> R {
        let dir = Tool.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Tool.write(caseFiles, to: dir + "/case")
        return try body(dir)
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("amounts adding up past 64 bits: a clear error from the commands that add them, export still copies them")
    func amountsPastExactSum() throws {
        try Self.withCase(["entities.csv": "id,kind\nA,account\nB,account\n",
                           "transfers.csv": "id,from,to,amount,time\nT1,A,B,500000000000000,2024-03-01T10:00:00Z\nT2,A,B,500000000000000,2024-03-02T10:00:00Z\n",
                           "reports.csv": "id,transfer\nR1,T1\n"]) { dir in
            for command in [["trace", "--reports", "--policy", "fifo"], ["freeze", "--policy", "haircut"], ["patterns"], ["stats"]] {
                let r = try Tool.run([command[0], dir + "/case"] + command.dropFirst())
                #expect(r.status == 2, "\(command)")
                #expect(r.stderr.contains("transfer T2 (500000000000000.0000) brings the case's amounts past 922,337,203,685,477.5807"), "\(command): \(r.stderr)")
            }
            let export = try Tool.run(["export", dir + "/case", "--to", dir + "/copy"])
            #expect(export.status == 0, "\(export.stderr)")
            #expect(try String(contentsOfFile: dir + "/copy/transfers.csv", encoding: .utf8).contains("T2,A,B,500000000000000,"))
        }
    }

    @Test("trace --at in two currencies: what the account holds is given per currency, never added up across them; poison's whole balance once")
    func atAccountPerCurrency() throws {
        try Self.withCase(Self.twoCurrencies) { dir in
            let fifo = try Tool.run(["trace", dir + "/case", "--reports", "--policy", "fifo", "--at", "M"])
            #expect(fifo.status == 0)
            #expect(fifo.stdout.contains("holds 50.00 EUR, 70.00 USD of victims' money from 2 seed transfers"), "\(fifo.stdout)")
            let poison = try Tool.run(["trace", dir + "/case", "--reports", "--policy", "poison", "--at", "M"])
            #expect(poison.status == 0)
            #expect(poison.stdout.contains("its whole balance, 120.00, counts as victims' money under poison, touched from 2 seed transfers"), "\(poison.stdout)")
        }
    }

    @Test("trace table: a holding per account and currency; poison shows a whole balance or withdrawal once, not once per seed")
    func holdingsTablePerCurrency() throws {
        try Self.withCase(Self.twoCurrencies) { dir in
            func rows(_ text: String) -> [[String]] {
                text.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }.filter { ["M", "N", "T4"].contains($0.first ?? "") }
            }
            let fifo = try Tool.run(["trace", dir + "/case", "--reports", "--policy", "fifo"])
            #expect(rows(fifo.stdout) == [["M", "-", "-", "USD", "70.00", "1"], ["M", "-", "-", "EUR", "50.00", "1"],
                                          ["N", "-", "-", "USD", "20.00", "1"], ["T4", "N", "2024-03-01T13:00:00Z", "USD", "10.00"]], "\(fifo.stdout)")
            let poison = try Tool.run(["trace", dir + "/case", "--reports", "--policy", "poison"])
            #expect(rows(poison.stdout) == [["M", "-", "-", "all", "120.00", "2"], ["N", "-", "-", "all", "20.00", "2"],
                                            ["T4", "N", "2024-03-01T13:00:00Z", "USD", "10.00"]], "\(poison.stdout)")
        }
    }

    @Test("poison: many seeds marking a large payment do not overflow (each carries the whole amount)")
    func poisonLargePaymentManySeeds() throws {
        // Two seeds mark B; B then pays 470,000,000,000,000: each seed's share is the
        // whole amount, and the two add up past 64 bits of 1/10,000 units.
        try Self.withCase(["entities.csv": "id,kind\nA,account\nB,account\nC,account\nD,account\n",
                           "transfers.csv": "id,from,to,amount,time\nT1,A,B,0.0001,2024-03-01T10:00:00Z\nT2,C,B,0.0001,2024-03-01T10:01:00Z\nT3,B,D,470000000000000,2024-03-01T10:02:00Z\n",
                           "reports.csv": "id,transfer\nR1,T1\nR2,T2\n"]) { dir in
            for command in [["trace", "--format", "json"], ["trace", "--max-hops", "1"], ["freeze"], ["flow", "--from", "A,C", "--to", "D"]] {
                let r = try Tool.run([command[0], dir + "/case", "--policy", "poison"] + command.dropFirst() + (command[0] == "trace" ? ["--reports"] : []))
                #expect(r.status == 0, "\(command): \(r.stderr)")
            }
            let j = try Self.json(try Tool.run(["trace", dir + "/case", "--reports", "--policy", "poison", "--format", "json"]).stdout)
            let holdings = try #require(j["holdings"] as? [[String: Any]])
            #expect(holdings.count == 1)
            #expect(holdings.first?["tainted"] as? [String: String] == ["T1": "470000000000000.0000", "T2": "470000000000000.0000"])
        }
    }

    @Test("--max-hops -1 is read as a value and refused in words, in trace and in brief")
    func negativeMaxHops() throws {
        try Self.withCase { dir in
            let trace = try Tool.run(["trace", dir + "/case", "--reports", "--policy", "fifo", "--max-hops", "-1"])
            #expect(trace.status != 0 && trace.stderr.contains("--max-hops must be 0 or more"), "\(trace.stderr)")
            let brief = try Tool.run(["brief", dir + "/case", "--out", dir + "/brief", "--max-hops", "-1"])
            #expect(brief.status != 0 && brief.stderr.contains("--max-hops must be 0 or more"), "\(brief.stderr)")
        }
    }

    @Test("trace: haircut's dust is reported per currency")
    func haircutDustPerCurrency() throws {
        // In each currency, three seeds of 0.0001 reach M and M sends 0.0002: each share
        // rounds down to nothing, and M, holding 0.0001, cannot keep three units of dust.
        var transfers = "id,from,to,amount,currency,time\n"
        for (k, currency) in ["USD", "EUR"].enumerated() {
            for i in 1 ... 3 { transfers += "\(currency)\(i),V\(i),M,0.0001,\(currency),2024-03-0\(k + 1)T0\(i):00:00Z\n" }
            transfers += "\(currency)T,M,N,0.0002,\(currency),2024-03-0\(k + 1)T05:00:00Z\n"
        }
        try Self.withCase(["entities.csv": "id,kind\nV1,account\nV2,account\nV3,account\nM,account\nN,account\n",
                           "transfers.csv": transfers,
                           "reports.csv": "id,transfer\n" + ["USD1", "USD2", "USD3", "EUR1", "EUR2", "EUR3"].map { "R\($0),\($0)\n" }.joined()]) { dir in
            let r = try Tool.run(["trace", dir + "/case", "--reports", "--policy", "haircut"])
            #expect(r.status == 0)
            #expect(r.stdout.contains("Haircut rounding: 0.0002 EUR, 0.0002 USD of dust removed from nearly wholly tainted senders"), "\(r.stdout)")
        }
    }

    @Test("trace --format json: the shape of cli.md, exact figures")
    func traceJSON() throws {
        try Self.withCase { dir in
            let r = try Tool.run(["trace", dir + "/case", "--reports", "--policy", "lifo", "--format", "json"])
            #expect(r.status == 0)
            let j = try Self.json(r.stdout)
            #expect(j["policy"] as? String == "lifo")
            #expect(j["maxHops"] is NSNull)
            let seeds = try #require(j["seeds"] as? [[String: Any]])
            #expect(seeds.count == 1)
            #expect(seeds[0]["transfer"] as? String == "T2")
            #expect(seeds[0]["amount"] as? String == "3.0000")
            #expect(seeds[0]["held"] as? String == "3.0000")
            #expect(seeds[0]["exited"] as? String == "0.0000")
            #expect(seeds[0]["cut"] as? String == "0.0000")
            let transfers = try #require(j["transfers"] as? [[String: Any]])
            #expect(transfers.map { $0["id"] as? String } == ["T2", "T3", "T4"])
            #expect(transfers[0]["from"] as? String == "VA" && transfers[0]["to"] as? String == "M")
            #expect(transfers[0]["time"] as? String == "2024-03-01T11:00:00Z")
            #expect(transfers.map { $0["hops"] as? Int } == [0, 1, 1])
            #expect(transfers.map { ($0["tainted"] as? [String: String])?["T2"] } == ["3.0000", "2.0000", "1.0000"])
            let holdings = try #require(j["holdings"] as? [[String: Any]])
            #expect(holdings.map { $0["account"] as? String } == ["A", "B"])
            #expect(holdings[1]["country"] as? String == "MM" && holdings[1]["bank"] as? String == "KBZ, Yangon")
            #expect(holdings[1]["external"] as? Bool == false)
            #expect((j["exits"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("trace: haircut exits through cash, --max-hops cuts, --at tells whose money")
    func traceOptions() throws {
        try Self.withCase { dir in
            let haircut = try Self.json(try Tool.run(["trace", dir + "/case", "--seed", "T2", "--policy", "haircut", "--format", "json"]).stdout)
            let exits = try #require(haircut["exits"] as? [[String: Any]])
            #expect(exits.count == 1 && exits[0]["transfer"] as? String == "T5" && exits[0]["account"] as? String == "B")
            #expect((exits[0]["tainted"] as? [String: String])?["T2"] == "0.3000")
            let cut = try Self.json(try Tool.run(["trace", dir + "/case", "--reports", "--policy", "fifo", "--max-hops", "0", "--format", "json"]).stdout)
            #expect(cut["maxHops"] as? Int == 0)
            let at = try Self.json(try Tool.run(["trace", dir + "/case", "--reports", "--policy", "lifo", "--at", "B", "--format", "json"]).stdout)
            let held = try #require(at["held"] as? [[String: Any]])
            #expect(held.count == 1 && held[0]["amount"] as? String == "1.0000")
            #expect(held[0]["chain"] as? [String] == ["T2", "T4"])
            #expect(held[0]["reports"] as? [String] == ["R1"])
        }
    }

    @Test("trace table: a column's amounts line up on the decimal point, and no line ends in spaces")
    func traceTableAligned() throws {
        var files = Self.files
        // A second seed of a round amount beside one of four decimals.
        files["transfers.csv"] = files["transfers.csv"]!.replacingOccurrences(of: "VA,M,3,", with: "VA,M,3.3333,")
            + "T6,VA,B,2,2024-03-02T10:00:00Z,bank\n"
        try Self.withCase(files) { dir in
            let r = try Tool.run(["trace", dir + "/case", "--seed", "T2", "--seed", "T6", "--policy", "haircut"])
            #expect(r.status == 0)
            let lines = r.stdout.split(separator: "\n").map(String.init)
            #expect(!lines.contains { $0.hasSuffix(" ") })
            let header = try #require(lines.firstIndex { $0.hasPrefix("Seed ") })
            let rows = Array(lines[(header + 1) ... (header + 2)])
            #expect(rows[0].hasPrefix("T2") && rows[0].contains("3.3333") && rows[1].hasPrefix("T6") && rows[1].contains("2.00 "))
            // Amount, held, exited and cut: the same decimal points in both rows.
            let points = rows.map { row in row.indices.filter { row[$0] == "." }.map { row.distance(from: row.startIndex, to: $0) } }
            #expect(points[0].count == 4 && points[0] == points[1])
        }
    }

    @Test("trace: bad seeds and option mixes are errors")
    func traceErrors() throws {
        try Self.withCase { dir in
            let unknown = try Tool.run(["trace", dir + "/case", "--seed", "NOPE", "--policy", "fifo"])
            #expect(unknown.status != 0 && unknown.stderr.contains("NOPE") && unknown.stdout.isEmpty)
            let both = try Tool.run(["trace", dir + "/case", "--reports", "--seed", "T2", "--policy", "fifo"])
            #expect(both.status != 0)
            let policy = try Tool.run(["trace", dir + "/case", "--reports", "--policy", "magic"])
            #expect(policy.status != 0)
        }
    }

    @Test("freeze --out-dir: the grouped list and one request per country")
    func freeze() throws {
        try Self.withCase { dir in
            let r = try Tool.run(["freeze", dir + "/case", "--policy", "haircut", "--format", "csv", "--out-dir", dir + "/freeze"])
            #expect(r.status == 0)
            #expect(r.stdout == "country,bank,currency,accounts,amount\nMM,\"KBZ, Yangon\",USD,1,1.2000\nKH,ABA,USD,1,0.9000\nTH,Kasikorn,USD,1,0.6000\n")
            let files = try FileManager.default.contentsOfDirectory(atPath: dir + "/freeze").sorted()
            #expect(files == ["freeze-KH.csv", "freeze-MM.csv", "freeze-TH.csv", "freeze.csv"])
            let kh = try String(contentsOfFile: dir + "/freeze/freeze-KH.csv", encoding: .utf8)
            #expect(kh.contains("M,,KH,ABA,false,USD,0.9000,T2,2024-03-01T11:00:00Z,R1,P1"))
        }
    }

    @Test("freeze: money that went to an account outside the case is listed as external, country unknown")
    func freezeOutsideAccount() throws {
        try Self.withCase(["entities.csv": "id,kind,country\nV,account,ES\nM,account,KH\n",
                           "transfers.csv": "id,from,to,amount,time\nS,V,M,10,2024-03-01T10:00:00Z\nT,M,OUT-9,4,2024-03-01T11:00:00Z\n",
                           "reports.csv": "id,transfer\nR1,S\n"]) { dir in
            let r = try Tool.run(["freeze", dir + "/case", "--policy", "fifo", "--format", "csv", "--out-dir", dir + "/freeze"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout == "country,bank,currency,accounts,amount\nKH,,USD,1,6.0000\n,,USD,1,4.0000\n")
            let files = try FileManager.default.contentsOfDirectory(atPath: dir + "/freeze").sorted()
            #expect(files == ["freeze-KH.csv", "freeze-unknown.csv", "freeze.csv"])
            let unknown = try String(contentsOfFile: dir + "/freeze/freeze-unknown.csv", encoding: .utf8)
            #expect(unknown.contains("OUT-9,,,,true,USD,4.0000,S,"), "\(unknown)")
        }
    }

    @Test("hostile text from case data: freeze requests never overwrite each other, CSV shows formulas, terminal tables show no control characters")
    func hostileText() throws {
        // Countries "KH" and "K H" reduce to the same file name; a bank is a formula
        // with a CRLF inside; an account id carries an ANSI colour and a right-to-left override.
        try Self.withCase(["entities.csv": "id,kind,country,bank\nV,account,ES,\nM1,account,KH,ABA\nM2,account,K H,\"=HYPERLINK(1)\r\nX\"\nM\u{1B}[31m\u{202E}3,account,TH,\n",
                           "transfers.csv": "id,from,to,amount,time\nS1,V,M1,10,2024-03-01T10:00:00Z\nS2,V,M2,7,2024-03-01T11:00:00Z\nS3,V,M\u{1B}[31m\u{202E}3,5,2024-03-01T12:00:00Z\n",
                           "reports.csv": "id,transfer\nR1,S1\nR2,S2\nR3,S3\n"]) { dir in
            let r = try Tool.run(["freeze", dir + "/case", "--policy", "fifo", "--format", "csv", "--out-dir", dir + "/freeze"])
            #expect(r.status == 0, "\(r.stderr)")
            let files = try FileManager.default.contentsOfDirectory(atPath: dir + "/freeze").sorted()
            #expect(files == ["freeze-KH-2.csv", "freeze-KH.csv", "freeze-TH.csv", "freeze.csv"])
            let second = try String(contentsOfFile: dir + "/freeze/freeze-KH-2.csv", encoding: .utf8)
            #expect(second.contains("M2,,K H,\"'=HYPERLINK(1)\r\nX\",false,USD,7.0000,S2"), "\(second)")
            let table = try Tool.run(["trace", dir + "/case", "--reports", "--policy", "fifo"])
            #expect(table.status == 0)
            #expect(!table.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
            #expect(table.stdout.contains("M?[31m?3"))
        }
    }

    @Test("flow: the max-flow bound, and what a policy attributes beside it")
    func flow() throws {
        try Self.withCase { dir in
            let j = try Self.json(try Tool.run(["flow", dir + "/case", "--from", "VA,X", "--to", "A,B", "--policy", "fifo", "--format", "json"]).stdout)
            #expect(j["maximum"] as? String == "7.0000")
            #expect(j["attributed"] as? String == "7.0000")
            #expect(j["currency"] as? String == "USD")
            let overlap = try Tool.run(["flow", dir + "/case", "--from", "A", "--to", "A"])
            #expect(overlap.status != 0)
        }
    }

    @Test("patterns --format json: findings with typology, score, accounts and transfers")
    func patterns() throws {
        try Self.withCase { dir in
            let r = try Tool.run(["patterns", dir + "/case", "--format", "json"])
            #expect(r.status == 0)
            let j = try Self.json(r.stdout)
            #expect(j["findings"] is [Any])
            #expect((j["counts"] as? [String: Int])?.keys.contains("fan_out") == true)
        }
    }
}
