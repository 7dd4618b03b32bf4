import Foundation
import Testing

/// `fraudgraph export --format ftm|graphml|neo4j` and `fraudgraph import`, from outside.
@Suite("Command line: import and export formats")
struct InterchangeCommandTests {
    static let entities = "id,kind,name,country,note\nP1,person,\"Ana \"\"La Jefa\"\"\",ES,\"two\nlines\"\nA1,account,,ES,\nW1,wallet,,KH,\n"
    static let transfers = "id,from,to,amount,currency,time\nT1,A1,W1,1250.50,EUR,2024-03-01T17:15:00+07:00\nT2,W1,X1,0.5,,1709300000\n"
    static let links = "source,target,kind\nP1,A1,owns\nP1,W1,owns\n"
    static let reports = "id,transfer,victim,reported_at\nR1,T1,P1,2024-03-02T00:00:00Z\n"

    func makeCase() throws -> String {
        let dir = Tool.temporaryFolder()
        try Tool.write(["entities.csv": Self.entities, "transfers.csv": Self.transfers, "links.csv": Self.links, "reports.csv": Self.reports], to: dir + "/case")
        return dir
    }

    func files(_ folder: String) throws -> [String: String] {
        var out: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            out[name] = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
        }
        return out
    }

    @Test("export --format ftm / graphml, then import: the same case folder", arguments: ["ftm", "graphml"])
    func roundTrip(_ format: String) throws {
        let dir = try makeCase()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let export = try Tool.run(["export", dir + "/case", "--to", dir + "/out", "--format", format])
        #expect(export.status == 0, "\(export.stderr)")
        let file = dir + "/out/" + (format == "ftm" ? "case.ftm.json" : "case.graphml")
        #expect(FileManager.default.fileExists(atPath: file))
        let imported = try Tool.run(["import", file, "--to", dir + "/back"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout == "imported: 4 entities, 2 links, 2 transfers, 1 reports into \(dir)/back\n")
        #expect(try Tool.run(["export", dir + "/case", "--to", dir + "/copy"]).status == 0)
        #expect(try files(dir + "/back") == files(dir + "/copy"))
        if format == "ftm" {
            // What FtM cannot say is said on stderr.
            #expect(export.stderr.contains("ftm: 2 × transfers from or to a wallet or other non-bank account"))
            #expect(export.stderr.contains("ftm: 1 × accounts without a known holder"))
        }
    }

    @Test("export --format neo4j writes the import files and the command; --node-columns adds typed columns")
    func neo4j() throws {
        let dir = try makeCase()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "entity,ring,rank\nP1,1,0.5\nA1,1,\n".write(toFile: dir + "/columns.csv", atomically: true, encoding: .utf8)
        let r = try Tool.run(["export", dir + "/case", "--to", dir + "/neo", "--format", "neo4j", "--node-columns", dir + "/columns.csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: dir + "/neo"))
        #expect(names.isSuperset(of: ["entities.csv", "transfers.csv", "links.csv", "reports.csv", "import.sh", "README.md"]))
        let header = try String(contentsOfFile: dir + "/neo/entities.csv", encoding: .utf8).split(separator: "\n")[0]
        #expect(header.contains("ring:long,rank:double"))
        let g = try Tool.run(["export", dir + "/case", "--to", dir + "/g", "--format", "graphml", "--node-columns", dir + "/columns.csv"])
        #expect(g.status == 0)
        #expect(try String(contentsOfFile: dir + "/g/case.graphml", encoding: .utf8).contains("attr.name=\"ring\" attr.type=\"long\""))
        // Node columns do not go with the case format.
        #expect(try Tool.run(["export", dir + "/case", "--to", dir + "/x", "--node-columns", dir + "/columns.csv"]).status != 0)
    }

    @Test("import: bad lines fail with FILE:LINE:COLUMN: message (value); --lenient writes rejects.csv")
    func badImport() throws {
        let dir = Tool.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = """
        {"id": "p1", "schema": "Person", "properties": {"name": ["A"]}}
        not json
        {"id": "own", "schema": "Ownership", "properties": {"owner": ["p1"], "asset": ["nobody"]}}

        """
        try text.write(toFile: dir + "/in.ftm.json", atomically: true, encoding: .utf8)
        let r = try Tool.run(["import", dir + "/in.ftm.json", "--to", dir + "/case"])
        #expect(r.status != 0)
        #expect(r.stderr.split(separator: "\n").map(String.init) == [
            "\(dir)/in.ftm.json:2:1: an entity line must be a JSON object (not json)",
            "\(dir)/in.ftm.json:3:1: asset names no entity of this file (nobody)",
        ])
        #expect(!FileManager.default.fileExists(atPath: dir + "/case"))
        let lenient = try Tool.run(["import", dir + "/in.ftm.json", "--to", dir + "/case", "--lenient"])
        #expect(lenient.status == 0)
        #expect(lenient.stdout == "imported: 1 entities, 0 links, 0 transfers, 0 reports into \(dir)/case\n")
        let rejects = try String(contentsOfFile: dir + "/rejects.csv", encoding: .utf8)
        #expect(rejects.split(separator: "\n").count == 3)
    }
}
