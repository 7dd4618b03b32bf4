import Foundation
import Testing

/// The stable command line of shared/spec/cli.md, checked from outside the process.
@Suite("Command line")
struct CLITests {
    static let entities = "id,kind,name,country\nP1,person,Ana,ES\nA1,account,,ES\nA2,account,,KH\n"
    static let transfers = "id,from,to,amount,currency,time\nT1,A1,A2,1250.50,EUR,2024-03-01T10:15:00Z\nT2,A2,X1,0.5,,1709300000\n"

    @Test("validate: exit 0 for a valid case")
    func validateValid() throws {
        let dir = Tool.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Tool.write(["entities.csv": CLITests.entities, "transfers.csv": CLITests.transfers], to: dir + "/case")
        let r = try Tool.run(["validate", dir + "/case"])
        #expect(r.status == 0)
        #expect(r.stdout == "valid: 4 entities, 0 links, 2 transfers, 0 reports\n")
    }

    @Test("validate: one line per problem, FILE:LINE:COLUMN: message (value), non-zero exit")
    func validateInvalid() throws {
        let dir = Tool.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Tool.write(["entities.csv": CLITests.entities + "P1,person,Again,ES\n",
                        "transfers.csv": "id,from,to,amount,time\nT1,A1,A2,-3,2024-03-01T10:15:00Z\nT2,A1,A2,1.23456,2024-03-01T10:15:00Z\n"],
                       to: dir + "/case")
        let r = try Tool.run(["validate", dir + "/case"])
        #expect(r.status != 0)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.split(separator: "\n").map(String.init) == [
            "\(dir)/case/entities.csv:5:1: duplicate entity id (first on line 2) (P1)",
            "\(dir)/case/transfers.csv:2:4: amount must be positive (-3)",
            "\(dir)/case/transfers.csv:3:4: amount has more than 4 decimals (1.23456)",
        ])
    }

    @Test("stats --format json: the shape of cli.md, money as four-decimal strings")
    func statsJSON() throws {
        let dir = Tool.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Tool.write(["entities.csv": CLITests.entities, "transfers.csv": CLITests.transfers,
                        "links.csv": "source,target,kind\nP1,A1,owns\n", "reports.csv": "id,transfer,victim\nR1,T1,P1\n"], to: dir + "/case")
        let r = try Tool.run(["stats", dir + "/case", "--format", "json"])
        #expect(r.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let e = try #require(json["entities"] as? [String: Any])
        #expect(e["total"] as? Int == 4)
        #expect(e["byKind"] as? [String: Int] == ["person": 1, "account": 3])
        let l = try #require(json["links"] as? [String: Any])
        #expect(l["total"] as? Int == 1 && l["byKind"] as? [String: Int] == ["owns": 1])
        let t = try #require(json["transfers"] as? [String: Any])
        #expect(t["total"] as? Int == 2 && t["externalAccounts"] as? Int == 1)
        #expect(t["byCurrency"] as? [String: String] == ["EUR": "1250.5000", "USD": "0.5000"])
        #expect(t["first"] as? String == "2024-03-01T10:15:00Z" && t["last"] as? String == "2024-03-01T13:33:20Z")
        #expect(json["reports"] as? Int == 1)
    }

    @Test("export: a case folder with every value; a bad case leaves nothing behind")
    func export() throws {
        let dir = Tool.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Tool.write(["entities.csv": CLITests.entities, "transfers.csv": CLITests.transfers], to: dir + "/case")
        let ok = try Tool.run(["export", dir + "/case", "--to", dir + "/copy", "--format", "case"])
        #expect(ok.status == 0)
        #expect(try String(contentsOfFile: dir + "/copy/transfers.csv", encoding: .utf8) == CLITests.transfers)
        try Tool.write(["entities.csv": "id,kind\nA,account\n", "transfers.csv": "id,from,to,amount,time\nT,A,A,oops,1\n"], to: dir + "/bad")
        let bad = try Tool.run(["export", dir + "/bad", "--to", dir + "/nothing"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("transfers.csv:2:4: amount is not a decimal number (oops)"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/nothing"))
        // A folder that is not a case is never overwritten.
        try Tool.write(["precious.txt": "keep me"], to: dir + "/mine")
        let refused = try Tool.run(["export", dir + "/case", "--to", dir + "/mine"])
        #expect(refused.status != 0)
        #expect(try String(contentsOfFile: dir + "/mine/precious.txt", encoding: .utf8) == "keep me")
        // Nor a case folder holding more than its tables (evidence, truth/), even the
        // case exported onto itself; a folder of tables alone is replaced.
        try FileManager.default.createDirectory(atPath: dir + "/case/truth", withIntermediateDirectories: true)
        try Tool.write(["truth/rings.csv": "ring,entity\n1,P1\n", "NOTES.txt": "seized phone"], to: dir + "/case")
        let onItself = try Tool.run(["export", dir + "/case", "--to", dir + "/case"])
        #expect(onItself.status != 0)
        #expect(onItself.stderr.contains("holds NOTES.txt, truth that the new case folder would not"), "\(onItself.stderr)")
        #expect(try String(contentsOfFile: dir + "/case/NOTES.txt", encoding: .utf8) == "seized phone")
        #expect(FileManager.default.fileExists(atPath: dir + "/case/truth/rings.csv"))
        let again = try Tool.run(["export", dir + "/case", "--to", dir + "/copy"])
        #expect(again.status == 0, "\(again.stderr)")
    }

    @Test("--lenient writes rejects.csv beside the output")
    func lenient() throws {
        let dir = Tool.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Tool.write(["entities.csv": CLITests.entities, "transfers.csv": CLITests.transfers + "T3,A1,A2,-1,USD,2024-03-01T10:15:00Z\n"], to: dir + "/case")
        let r = try Tool.run(["stats", dir + "/case", "--lenient", "--format", "json", "--out", dir + "/out/stats.json"])
        #expect(r.status == 0)
        #expect(r.stderr.contains("lenient: 1 rows set aside (1 bad amount)"))
        let rejects = try String(contentsOfFile: dir + "/out/rejects.csv", encoding: .utf8)
        #expect(rejects.contains("bad amount,amount must be positive,-1"))
        #expect(FileManager.default.fileExists(atPath: dir + "/out/stats.json"))
    }

    @Test("generate writes a valid case with its truth")
    func generate() throws {
        let dir = Tool.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let g = try Tool.run(["generate", "--preset", "tiny", "--seed", "3", "--out", dir + "/gen"])
        #expect(g.status == 0)
        for f in ["entities.csv", "links.csv", "transfers.csv", "reports.csv", "truth/rings.csv", "truth/roles.csv", "truth/laundering.csv"] {
            #expect(FileManager.default.fileExists(atPath: dir + "/gen/" + f), "\(f)")
        }
        #expect(try Tool.run(["validate", dir + "/gen"]).status == 0)
    }

    @Test("every command answers --help")
    func help() throws {
        for command in ["validate", "stats", "export", "generate", "rings", "communities"] {
            let r = try Tool.run([command, "--help"])
            #expect(r.status == 0 && r.stdout.contains("USAGE"), "\(command)")
        }
        let unknown = try Tool.run(["no-such-command"])
        #expect(unknown.status != 0 && !unknown.stderr.isEmpty)
    }
}
