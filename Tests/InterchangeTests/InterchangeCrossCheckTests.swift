import FraudGraph
import Foundation
@testable import Interchange
import Testing

/// The other side's own readers on FraudGraph's exports: the `followthemoney` package
/// validates the FtM file, networkx reads the GraphML. Skipped when Python or the
/// package is not installed.
@Suite("Interchange cross-checks (Python)")
struct InterchangeCrossCheckTests {
    @Test("followthemoney validates the FtM export: schemata, cleaning, required properties, references",
          .enabled(if: Python.has("followthemoney")))
    func followTheMoneyValidates() throws {
        let c = try InterchangeFixtures.handMadeCase()
        let file = InterchangeFixtures.temporaryFolder() + "/case.ftm.json"
        _ = try FtMWriter().write(c, toFile: file)
        let (status, json) = try Python.script("check-ftm.py", [file])
        let summary = try #require(json as? [String: Any])
        let errors = summary["errors"] as? [String] ?? ["no summary"]
        #expect(status == 0, "\(errors)")
        #expect(errors.isEmpty, "\(errors)")
        // Layout note + entities + stand-ins + payments + links + reports.
        let bySchema = summary["bySchema"] as? [String: Int] ?? [:]
        #expect(bySchema["Payment"] == c.transfers.count)
        #expect(bySchema["Person"] == 7)
        #expect(bySchema["BankAccount"] == 4)  // A1, A2 and the outside OUT1, OUT2
        #expect(bySchema["Ownership"] == 3)  // P1->A1, P2->A2, ORG1->C1 (C1 is an Asset); P1->W1 is an UnknownLink
    }

    @Test("networkx reads the GraphML export with the same nodes, edges and attributes",
          .enabled(if: Python.has("networkx")))
    func networkxReads() throws {
        let c = try InterchangeFixtures.handMadeCase()
        let file = InterchangeFixtures.temporaryFolder() + "/case.graphml"
        _ = try GraphMLWriter(nodeColumns: [
            NodeColumn(name: "ring", integers: ContiguousArray((0 ..< c.entities.count).map { Int64($0 % 3) })),
            NodeColumn(name: "rank", numbers: ContiguousArray((0 ..< c.entities.count).map { Double($0) / 4 })),
        ]).write(c, toFile: file)
        let (status, json) = try Python.script("check-graphml.py", [file])
        #expect(status == 0)
        let g = try #require(json as? [String: Any])
        #expect(g["directed"] as? Bool == true)
        let nodes = try #require(g["nodes"] as? [String: [String: Any]])
        let edges = try #require(g["edges"] as? [[Any]])
        let e = c.entities
        #expect(nodes.count == e.count)
        #expect(edges.count == c.links.count + c.transfers.count + c.reports.count)
        let keyOf = ["nn": "name", "nk": "kind", "nc": "country", "nr": "role"]
        for i in 0 ..< e.count {
            let r = Int32(i)
            let id = e.ids[r]
            let encodedID = id.contains("%") || id.unicodeScalars.contains { !GraphMLText.isXMLChar($0.value) }
            let node = try #require(nodes[encodedID ? GraphMLText.encode(id) : id], "node \(id)")
            let encoded = Set((node["fraudgraph_encoded"] as? String ?? "").split(separator: " ").compactMap { keyOf[String($0)] })
            #expect(node["kind"] as? String == e.kinds[e.kind[i]])
            if !encoded.contains("name") { #expect((node["name"] as? String ?? "") == e.name[i]) }
            #expect((node["country"] as? String ?? "") == (e.countryOf(r) ?? ""))
            #expect((node["role"] as? String ?? "") == (e.roleOf(r) ?? ""))
            #expect(node["ring"] as? Int == i % 3)
            #expect(node["rank"] as? Double == Double(i) / 4)
            if e.isOutside[i] { #expect(node["outside"] as? Bool == true) }
        }
        // Transfers: the amount is a number, its text exact; every transfer once.
        var transfers: [String: [String: Any]] = [:]
        for edge in edges {
            let attributes = edge[2] as? [String: Any] ?? [:]
            if attributes["kind"] as? String == "transfer", let id = attributes["id"] as? String { transfers[id] = attributes }
        }
        #expect(transfers.count == c.transfers.count)
        for t in 0 ..< c.transfers.count {
            let tr = c.transfers
            let edge = try #require(transfers[tr.ids[Int32(t)]])
            #expect(edge["amount"] as? Double == Double(tr.amount[t]) / 10_000)
            #expect(edge["currency"] as? String == tr.currencyOf(Int32(t)))
        }
        let kinds = edges.compactMap { ($0[2] as? [String: Any])?["kind"] as? String }
        #expect(kinds.filter { $0 == "report" }.count == c.reports.count)
        #expect(kinds.filter { $0 == "owns" }.count == 4)  // OWNS was read as owns
    }
}
