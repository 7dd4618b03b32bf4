import Foundation
import Testing

/// `fraudgraph rings` and `fraudgraph communities`, checked from outside the process
/// against shared/spec/cli.md.
@Suite("Rings command line")
struct RingsCLITests {
    @Test("rings --format json: the shape of cli.md, money as four-decimal strings, the planted rings first")
    func ringsJSON() throws {
        let dir = Tool.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try Tool.run(["generate", "--preset", "tiny", "--seed", "7", "--out", dir + "/case"]).status == 0)
        let r = try Tool.run(["rings", dir + "/case", "--format", "json", "--min-size", "5", "--seed", "3"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["algorithm"] as? String == "leiden")
        #expect(json["quality"] as? String == "cpm")
        #expect(json["resolution"] as? Double == 0.002)
        #expect(json["seed"] as? Int == 3)
        let q = try #require(json["modularity"] as? Double)
        #expect(q > 0.3 && q < 1)
        let rings = try #require(json["rings"] as? [[String: Any]])
        #expect(rings.count >= 2)
        for (i, ring) in rings.enumerated() {
            #expect(ring["id"] as? Int == i + 1)
            let members = try #require(ring["members"] as? [String])
            #expect(ring["size"] as? Int == members.count)
            let byKind = try #require(ring["byKind"] as? [String: Int])
            #expect(byKind.values.reduce(0, +) == members.count)
            #expect(ring["dens"] is [String] && ring["countries"] is [String])
            let money = try #require(ring["victimMoney"] as? String)
            #expect(money.range(of: #"^[0-9]+\.[0-9]{4}$"#, options: .regularExpression) != nil)
        }
        // The two planted rings, each with its den and the victims' money, lead.
        let truth = try String(contentsOfFile: dir + "/case/truth/rings.csv", encoding: .utf8)
        var planted: [String: Set<String>] = [:]
        for line in truth.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ","); planted[String(f[1]), default: []].insert(String(f[0]))
        }
        for ring in rings.prefix(2) {
            let members = Set(ring["members"] as! [String])
            let best = planted.values.map { Double($0.intersection(members).count) / Double($0.union(members).count) }.max()!
            #expect(best > 0.8)
            #expect((ring["dens"] as! [String]).count == 1)
            #expect(ring["victimMoney"] as! String != "0.0000")
        }
        // victimMoney is the sum of the reported payments into the ring's members.
        func rows(_ file: String) throws -> [[String: String]] {
            let lines = try String(contentsOfFile: dir + "/case/" + file, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(lines[0], $0)) }
        }
        var transfers: [String: (to: String, amount: Decimal)] = [:]
        for t in try rows("transfers.csv") { transfers[t["id"]!] = (t["to"]!, Decimal(string: t["amount"]!)!) }
        let reported = try rows("reports.csv").map { transfers[$0["transfer"]!]! }
        for ring in rings {
            let members = Set(ring["members"] as! [String])
            let expected = reported.filter { members.contains($0.to) }.reduce(Decimal(0)) { $0 + $1.amount }
            #expect(Decimal(string: ring["victimMoney"] as! String) == expected)
        }
    }

    @Test("rings: table and csv; bad options and a missing case fail with a message")
    func ringsFormats() throws {
        let dir = Tool.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try Tool.run(["generate", "--preset", "tiny", "--seed", "7", "--out", dir + "/case"]).status == 0)
        let table = try Tool.run(["rings", dir + "/case"])
        #expect(table.status == 0 && table.stdout.contains("victim money"))
        let csv = try Tool.run(["rings", dir + "/case", "--format", "csv", "--min-size", "5"])
        #expect(csv.status == 0)
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.first == "ring,entity,kind,name,country,strength")
        #expect(lines.count > 100)
        let weighted = try Tool.run(["rings", dir + "/case", "--weight", "owns=5", "--weight", "hubDegree=50", "--format", "json"])
        #expect(weighted.status == 0 && weighted.stdout.contains("\"hubDegree\": 50"))
        let unknown = try Tool.run(["rings", dir + "/case", "--weight", "bogus=1"])
        #expect(unknown.status != 0 && unknown.stderr.contains("unknown weight bogus"))
        let missing = try Tool.run(["rings", dir + "/nothing"])
        #expect(missing.status != 0 && !missing.stderr.isEmpty)
    }

    @Test("communities --edgelist: one community per line; json with modularity and seconds")
    func communities() throws {
        let dir = Tool.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Two triangles joined by one edge, and node 6 alone.
        try Tool.write(["g.txt": "0 1\n1 2\n0 2\n3 4\n4 5\n3 5\n2 3\n"], to: dir)
        let m = try Tool.run(["communities", "--edgelist", dir + "/g.txt"])
        #expect(m.status == 0)
        #expect(m.stdout == "0\n0\n0\n1\n1\n1\n")
        for algorithm in ["leiden", "louvain", "lpa", "components"] {
            let r = try Tool.run(["communities", "--edgelist", dir + "/g.txt", "--algorithm", algorithm, "--format", "json", "--resolution", "1"])
            #expect(r.status == 0)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            #expect(json["modularity"] is Double)
            let seconds = try #require(json["seconds"] as? [String: Double])
            #expect(seconds["load"] != nil && seconds["detect"] != nil)
            #expect((json["membership"] as? [Int])?.count == 6)
        }
        let cpm = try Tool.run(["communities", "--edgelist", dir + "/g.txt", "--quality", "cpm", "--resolution", "0.5"])
        #expect(cpm.stdout == "0\n0\n0\n1\n1\n1\n")
        let needsResolution = try Tool.run(["communities", "--edgelist", dir + "/g.txt", "--quality", "cpm"])
        #expect(needsResolution.status != 0)
    }

    @Test("communities: a bad line is reported with file and line, and a non-zero exit")
    func badEdgeList() throws {
        let dir = Tool.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Tool.write(["g.txt": "0 1\n1 two\n"], to: dir)
        let r = try Tool.run(["communities", "--edgelist", dir + "/g.txt"])
        #expect(r.status != 0)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == "\(dir)/g.txt:2:2: a node must be a whole number from 0 to 2147483646 (two)\n")
    }
}
