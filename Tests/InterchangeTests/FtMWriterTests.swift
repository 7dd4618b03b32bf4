import FraudGraph
import Foundation
@testable import Interchange
import Synthetic
import Testing

@Suite("FtMWriter")
struct FtMWriterTests {
    @Test("case -> FtM -> case keeps every entity, link, transfer, report and value")
    func roundTrip() throws {
        let original = try InterchangeFixtures.handMadeCase()
        let folder = InterchangeFixtures.temporaryFolder()
        let file = folder + "/case.ftm.json"
        _ = try FtMWriter().write(original, toFile: file)
        let back = try FtMReader().read(file: file).case
        let a = try InterchangeFixtures.fingerprint(original)
        let b = try InterchangeFixtures.fingerprint(back)
        for (x, y) in zip(a, b) where x != y {
            Issue.record("differs:\n\(x)\n---\n\(y)")
        }
        #expect(a == b)
    }
}

extension FtMWriterTests {
    @Test("generated cases (tiny) go case -> FtM -> case unchanged", arguments: [Preset.tiny])
    func generated(_ preset: Preset) throws {
        let original = CaseGenerator(preset: preset, seed: 7).generate().case
        let file = InterchangeFixtures.temporaryFolder() + "/case.ftm.json"
        let notes = try FtMWriter().write(original, toFile: file)
        let back = try FtMReader().read(file: file).case
        #expect(back.difference(from: original, includingLayout: true) == nil)
        #expect(try InterchangeFixtures.fingerprint(back) == InterchangeFixtures.fingerprint(original))
        // Generated ids are valid FtM ids, so none is hashed.
        #expect(notes.count(FtMExport.noteDerivedID) == 0)
    }
}
