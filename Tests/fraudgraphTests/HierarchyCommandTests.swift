import Foundation
import Testing

/// `fraudgraph hierarchy` and `fraudgraph centrality`, from outside the process.
@Suite("Command line: hierarchy and centrality")
struct HierarchyCommandTests {
    /// A den: B manages M, M manages W; the boss's name tries to break out of JSON and HTML.
    static let entities = """
    id,kind,name
    D1,den,"Lotus <Park>"
    B,person,"Mr ""Big"" </script>"
    M,person,Mia
    W,person,"Wu\u{07}"
    X,person,Stranger
    """ + "\n"
    static let links = "source,target,kind,weight\nB,D1,located_at,\nM,D1,located_at,\nW,D1,located_at,\nB,M,manages,\nM,W,manages,\nM,W,contacted,5\nW,M,contacted,1\n"

    func makeCase() throws -> String {
        let dir = Tool.temporaryFolder()
        try Tool.write(["entities.csv": Self.entities, "links.csv": Self.links], to: dir + "/case")
        return dir
    }

    @Test("hierarchy --format json: the shape of cli.md, levels from the top")
    func hierarchyJSON() throws {
        let dir = try makeCase()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try Tool.run(["hierarchy", dir + "/case", "--format", "json"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("\\u003c/script\\u003e"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let dens = try #require(json["dens"] as? [[String: Any]])
        #expect(dens.count == 1 && dens[0]["den"] as? String == "D1")
        let people = try #require(dens[0]["people"] as? [[String: Any]])
        #expect(people.map { $0["id"] as? String } == ["B", "M", "W"])
        #expect(people.map { $0["level"] as? Int } == [0, 1, 2])
        #expect(people.map { $0["role"] as? String } == ["boss", "leader", "worker"])
        let scores = people.compactMap { $0["score"] as? Double }
        #expect(scores.count == 3 && scores[0] > scores[1] && scores[1] > scores[2])
        let evidence = try #require(people[1]["evidence"] as? [String: Any])
        let above = try #require(evidence["above"] as? [[String: Any]])
        #expect(above.first?["id"] as? String == "W")
        #expect((above.first?["for"] as? [String: Double])?["contacted"] == 5)
    }

    @Test("hierarchy: table cleans control characters; unknown den is an error")
    func hierarchyTableAndErrors() throws {
        let dir = try makeCase()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let table = try Tool.run(["hierarchy", dir + "/case"])
        #expect(table.status == 0 && table.stdout.contains("Den D1") && !table.stdout.contains("\u{07}"))
        let missing = try Tool.run(["hierarchy", dir + "/case", "--den", "D9"])
        #expect(missing.status != 0 && missing.stderr.contains("no entity with id \"D9\""))
        let notDen = try Tool.run(["hierarchy", dir + "/case", "--den", "B"])
        #expect(notDen.status != 0 && notDen.stderr.contains("not a den"))
        let badWeight = try Tool.run(["hierarchy", dir + "/case", "--weight", "bribes=1"])
        #expect(badWeight.status != 0 && badWeight.stderr.contains("unknown evidence kind"))
    }

    @Test("centrality --format json: the most central entities, and bad options")
    func centrality() throws {
        let dir = try makeCase()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try Tool.run(["centrality", dir + "/case", "--measure", "betweenness", "--kind", "person", "--top", "2", "--format", "json"])
        #expect(r.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["measure"] as? String == "betweenness" && json["sampledSources"] is NSNull)
        let top = try #require(json["top"] as? [[String: Any]])
        #expect(top.count == 2 && top[0]["id"] as? String == "M" && top[0]["rank"] as? Int == 1)
        let bad = try Tool.run(["centrality", dir + "/case", "--measure", "fame"])
        #expect(bad.status != 0 && bad.stderr.contains("--measure must be one of"))
    }
}
