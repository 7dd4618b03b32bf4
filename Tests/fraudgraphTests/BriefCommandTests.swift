import Foundation
import Testing

@Suite("brief and demo")
struct BriefCommandTests {
    static let files: [String: String] = [
        "entities.csv": "id,kind,name,country,bank\nP1,person,Ana,ES,\nVA,account,,ES,Santander\nM,account,,KH,ABA\nX,account,,KH,ABA\nA,account,,TH,Kasikorn\n",
        "transfers.csv": "id,from,to,amount,time,channel\nT1,X,M,7,2024-03-01T10:00:00Z,bank\nT2,VA,M,3,2024-03-01T11:00:00Z,bank\nT3,M,A,2,2024-03-01T12:00:00Z,bank\nT4,M,A,-5,2024-03-01T13:00:00Z,bank\n",
        "reports.csv": "id,transfer,victim\nR1,T2,P1\n",
    ]

    @Test("brief --lenient: the page says what was set aside, and rejects.csv is inside the brief")
    func lenientBrief() throws {
        let dir = Tool.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Tool.write(Self.files, to: dir + "/case")
        let strict = try Tool.run(["brief", dir + "/case", "--out", dir + "/brief", "--figure-formats", "svg", "--quiet"])
        #expect(strict.status != 0 && strict.stderr.contains("transfers.csv:5:"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/brief"))
        let r = try Tool.run(["brief", dir + "/case", "--out", dir + "/brief", "--lenient", "--figure-formats", "svg", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let rejects = try String(contentsOfFile: dir + "/brief/rejects.csv", encoding: .utf8)
        #expect(rejects.contains("T4"))
        let md = try String(contentsOfFile: dir + "/brief/brief.md", encoding: .utf8)
        #expect(md.contains("**Rows set aside:** 1 bad amount"))
        // Written again over its own brief: allowed.
        let again = try Tool.run(["brief", dir + "/case", "--out", dir + "/brief", "--lenient", "--figure-formats", "svg", "--quiet"])
        #expect(again.status == 0)
    }

    @Test("brief: bad options are errors before any work")
    func badOptions() throws {
        let dir = Tool.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Tool.write(Self.files, to: dir + "/case")
        for args in [["--figure-formats", "gif"], ["--policy", "magic"], ["--max-hops", "-1"], ["--rings-shown", "500"]] {
            let r = try Tool.run(["brief", dir + "/case", "--out", dir + "/brief"] + args)
            #expect(r.status != 0, "\(args)")
        }
        let missing = try Tool.run(["demo", "--case", dir + "/nowhere", "--out", dir + "/out"])
        #expect(missing.status != 0 && missing.stderr.contains("no case at"))
    }
}

@Suite("export --with-analyses")
struct ExportWithAnalysesTests {
    @Test("GraphML nodes carry ring, den, den_level, den_role and rank_score; Neo4j nodes the same properties")
    func analysesOnNodes() throws {
        let dir = Tool.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // A den of three: P1 manages P2, who manages P3; they share a phone and their accounts pay each other.
        try Tool.write([
            "entities.csv": "id,kind,name,country\nD1,den,Blue Tower,KH\nP1,person,Boss,KH\nP2,person,Lead,KH\nP3,person,Caller,KH\nF1,phone,,KH\n",
            "links.csv": "source,target,kind\nP1,D1,located_at\nP2,D1,located_at\nP3,D1,located_at\nP1,P2,manages\nP2,P3,manages\nP1,F1,uses\nP2,F1,uses\nP3,F1,uses\n",
            "transfers.csv": "id,from,to,amount,time\n",
        ], to: dir + "/case")
        let r = try Tool.run(["export", dir + "/case", "--to", dir + "/gml", "--format", "graphml", "--with-analyses", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir + "/gml").filter { $0.hasSuffix(".graphml") }
        let xml = try String(contentsOfFile: dir + "/gml/" + files[0], encoding: .utf8)
        for key in ["ring", "den", "den_level", "den_role", "rank_score"] { #expect(xml.contains("attr.name=\"\(key)\""), "\(key)") }
        #expect(xml.contains(">boss<") && xml.contains(">D1<"))
        let neo = try Tool.run(["export", dir + "/case", "--to", dir + "/neo", "--format", "neo4j", "--with-analyses", "--quiet"])
        #expect(neo.status == 0, "\(neo.stderr)")
        let refused = try Tool.run(["export", dir + "/case", "--to", dir + "/ftm", "--format", "ftm", "--with-analyses"])
        #expect(refused.status != 0)
    }
}
