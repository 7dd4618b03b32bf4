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

extension GraphMLWriterTests {
    @Test("chunks of any size on two threads write the bytes and notes one chunk writes", arguments: [1, 3, 50])
    func chunks(_ rows: Int) throws {
        for original in [try InterchangeFixtures.handMadeCase(), CaseGenerator(preset: .tiny, seed: 3).generate().case] {
            let folder = InterchangeFixtures.temporaryFolder()
            var whole = GraphMLWriter()
            whole.rowsPerChunk = 1 << 30
            var chunked = GraphMLWriter()
            chunked.rowsPerChunk = rows
            let wholeNotes = try whole.write(original, toFile: folder + "/whole.graphml")
            let chunkedNotes = try chunked.write(original, toFile: folder + "/chunked.graphml")
            let a = try Data(contentsOf: URL(fileURLWithPath: folder + "/whole.graphml"))
            let b = try Data(contentsOf: URL(fileURLWithPath: folder + "/chunked.graphml"))
            #expect(a.count > 1000)
            #expect(a == b)
            #expect(wholeNotes == chunkedNotes)
            #expect(wholeNotes.lines(prefix: "graphml") == chunkedNotes.lines(prefix: "graphml"))
        }
    }

    @Test("the fast path writes the bytes and notes the general path writes")
    func fastPaths() throws {
        let cases = [try InterchangeFixtures.fastPathCase(), try InterchangeFixtures.handMadeCase(),
                     CaseGenerator(preset: .tiny, seed: 3).generate().case]
        for original in cases {
            let folder = InterchangeFixtures.temporaryFolder()
            var general = GraphMLWriter()
            general.fastPaths = false
            let fastNotes = try GraphMLWriter().write(original, toFile: folder + "/fast.graphml")
            let generalNotes = try general.write(original, toFile: folder + "/general.graphml")
            let a = try String(contentsOfFile: folder + "/fast.graphml", encoding: .utf8)
            let b = try String(contentsOfFile: folder + "/general.graphml", encoding: .utf8)
            #expect(a.contains("<data key=\"ek\">transfer</data>"))
            #expect(a == b)
            #expect(fastNotes == generalNotes)
        }
        let folder = InterchangeFixtures.temporaryFolder()
        try GraphMLWriter().write(try InterchangeFixtures.fastPathCase(), toFile: folder + "/case.graphml")
        let text = try String(contentsOfFile: folder + "/case.graphml", encoding: .utf8)
        #expect(text.contains(#"<edge source="A3" target="A1"><data key="ek">transfer</data><data key="ei">T4</data><data key="ea">10.5</data><data key="ec">EUR</data><data key="et">1969-12-31T23:59:59Z</data><data key="ech">bank</data>"#))
    }
}
