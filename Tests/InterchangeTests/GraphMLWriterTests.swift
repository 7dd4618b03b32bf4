import FraudGraph
import Foundation
@testable import Interchange
import Synthetic
import Testing

@Suite("GraphMLWriter")
struct GraphMLWriterTests {
    @Test("case -> GraphML -> case keeps every entity, link, transfer, report and value")
    func roundTrip() throws {
        let original = try InterchangeFixtures.handMadeCase()
        let folder = InterchangeFixtures.temporaryFolder()
        let file = folder + "/case.graphml"
        _ = try GraphMLWriter().write(original, toFile: file)
        let back = try GraphMLReader().read(file: file).case
        let a = try InterchangeFixtures.fingerprint(original)
        let b = try InterchangeFixtures.fingerprint(back)
        for (x, y) in zip(a, b) where x != y {
            Issue.record("differs:\n\(x)\n---\n\(y)")
        }
        #expect(a == b)
    }
}

extension GraphMLWriterTests {
    @Test("generated cases (tiny) go case -> GraphML -> case unchanged", arguments: [Preset.tiny])
    func generated(_ preset: Preset) throws {
        let generated = CaseGenerator(preset: preset, seed: 7).generate()
        let original = generated.case
        let file = InterchangeFixtures.temporaryFolder() + "/case.graphml"
        let ring = NodeColumn(name: "ring", integers: ContiguousArray(generated.truth.ringOfEntity.map { $0 > 0 ? Int64($0) : NodeColumn.missingInteger }))
        try GraphMLWriter(nodeColumns: [ring]).write(original, toFile: file)
        let back = try GraphMLReader().read(file: file)
        // The ring column comes back as an attribute; without it the cases are equal.
        let rings = try #require(back.case.entities.attributes.column(named: "ring"))
        let column = back.case.entities.attributes.columns[rings]
        #expect(column.count == generated.truth.ringOfEntity.filter { $0 > 0 }.count)
        for (e, r) in generated.truth.ringOfEntity.enumerated() where r > 0 {
            #expect(column[Int32(e)] == String(r))
        }
        try GraphMLWriter().write(original, toFile: file)
        let plain = try GraphMLReader().read(file: file).case
        #expect(plain.difference(from: original, includingLayout: true) == nil)
        #expect(try InterchangeFixtures.fingerprint(plain) == InterchangeFixtures.fingerprint(original))
    }
}
