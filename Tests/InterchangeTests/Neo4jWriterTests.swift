import FraudGraph
import Foundation
@testable import Interchange
import Testing

@Suite("Neo4jWriter")
struct Neo4jWriterTests {
    /// Every row of a CSV file, header first.
    static func rows(_ path: String) throws -> [[String]] {
        var reader = try CSVReader(path: path)
        var out: [[String]] = []
        while try reader.next() { out.append(reader.strings) }
        return out
    }

    @Test("headers neo4j-admin reads, one row per entity, link, transfer and report, values exact")
    func files() throws {
        let c = try InterchangeFixtures.handMadeCase()
        let folder = InterchangeFixtures.temporaryFolder() + "/neo4j"
        let ring = NodeColumn(name: "ring", integers: ContiguousArray((0 ..< c.entities.count).map { $0 == 0 ? NodeColumn.missingInteger : Int64($0) }))
        _ = try Neo4jWriter(nodeColumns: [ring]).write(c, toFolder: folder)
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: folder))
        #expect(names == Set(Neo4jWriter.files + ["import.sh", "README.md"]))

        let entities = try Self.rows(folder + "/entities.csv")
        #expect(Array(entities[0].prefix(8)) == ["id:ID(Entity)", ":LABEL", "kind:string", "name:string", "country:string", "role:string", "outside:boolean", "ring:long"])
        #expect(entities.count == 1 + c.entities.count)
        let e = c.entities
        for (i, row) in entities.dropFirst().enumerated() {
            #expect(row[0] == e.ids[Int32(i)])
            #expect(row[3] == e.name[i])  // hostile names come back exactly
            #expect(row[1].hasPrefix("Entity;"))
            #expect(row[1].hasSuffix(";Outside") == e.isOutside[i])
            #expect(row[7] == (i == 0 ? "" : String(i)))
        }
        let p2 = try #require(entities.first { $0[0] == "P2" })
        #expect(p2[1] == "Entity;Person")
        #expect(entities.first { $0[0] == "IP1" }?[1] == "Entity;IP")
        #expect(entities.first { $0[0] == "C1" }?[1] == "Entity;Company")

        let transfers = try Self.rows(folder + "/transfers.csv")
        #expect(Array(transfers[0].prefix(9)) == [":START_ID(Entity)", ":END_ID(Entity)", ":TYPE", "id:string", "amount:string",
                                                  "amount_units:long", "currency:string", "time:datetime", "channel:string"])
        #expect(transfers.count == 1 + c.transfers.count)
        let t2 = try #require(transfers.first { $0[3] == "T2" })
        #expect(Array(t2[0 ..< 9]) == ["A2", "W1", "TRANSFER", "T2", "0.0001", "1", "USDT", "2024-03-01T17:15:00+07:00", "crypto"])
        let t3 = try #require(transfers.first { $0[3] == "T3" })
        let asWritten = try #require(transfers[0].firstIndex(of: "time_as_written:string"))
        #expect(t3[asWritten] == "1709288100")

        let links = try Self.rows(folder + "/links.csv")
        #expect(Array(links[0].prefix(6)) == [":START_ID(Entity)", ":END_ID(Entity)", ":TYPE", "kind:string", "time:datetime", "weight:double"])
        #expect(links.count == 1 + c.links.count)
        #expect(links.dropFirst().map { $0[2] }.contains("LOCATED_AT"))
        #expect(links.dropFirst().map { $0[2] }.contains("CUSTOM_TIE"))

        let reports = try Self.rows(folder + "/reports.csv")
        #expect(Array(reports[0].prefix(5)) == ["id:ID(Report)", ":LABEL", "transfer:string", "victim:string", "reported_at:datetime"])
        #expect(reports.count == 1 + c.reports.count)
        #expect(try Self.rows(folder + "/report_victims.csv").count == 1 + 1)  // one report has a victim
        #expect(try Self.rows(folder + "/report_accounts.csv").count == 1 + c.reports.count)

        let script = try String(contentsOfFile: folder + "/import.sh", encoding: .utf8)
        #expect(script.contains("neo4j-admin database import full neo4j"))
        for file in Neo4jWriter.files { #expect(script.contains(file)) }
    }

    @Test("attribute names that are not property keys are renamed, and the README says so")
    func renamed() throws {
        let c = try InterchangeFixtures.caseFromFiles([
            "entities.csv": "id,kind,home town,1st seen,name!\nP1,person,Phnom Penh,2024,x\n",
        ])
        let folder = InterchangeFixtures.temporaryFolder() + "/neo4j"
        let notes = try Neo4jWriter().write(c, toFolder: folder)
        let header = try Self.rows(folder + "/entities.csv")[0]
        #expect(header.suffix(3) == ["home_town:string", "attr_1st_seen:string", "name_:string"])
        #expect(notes.notes.first?.count == 3)
        let readme = try String(contentsOfFile: folder + "/README.md", encoding: .utf8)
        #expect(readme.contains("| entities.csv | home town | home_town |"))
    }

    @Test("names: labels, relationship types and property keys are plain")
    func names() {
        #expect(Neo4jNames.label(forKind: "cash_point") == "CashPoint")
        #expect(Neo4jNames.label(forKind: "ip") == "IP")
        #expect(Neo4jNames.label(forKind: "9lives") == "Kind9lives")
        #expect(Neo4jNames.relationshipType(forKind: "located_at") == "LOCATED_AT")
        #expect(Neo4jNames.relationshipType(forKind: "paid to;x") == "PAID_TO_X")
        #expect(Neo4jNames.uniqueKeys(["a b", "a_b", "id"], reserved: ["id"]) == ["a_b", "attr_a_b", "attr_id"])
    }
}
