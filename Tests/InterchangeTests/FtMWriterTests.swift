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

extension FtMWriterTests {
    @Test("chunks of any size on two threads write the bytes and notes one chunk writes", arguments: [1, 3, 50])
    func chunks(_ rows: Int) throws {
        for original in [try InterchangeFixtures.handMadeCase(), CaseGenerator(preset: .tiny, seed: 3).generate().case] {
            let folder = InterchangeFixtures.temporaryFolder()
            var whole = FtMWriter()
            whole.rowsPerChunk = 1 << 30
            var chunked = FtMWriter()
            chunked.rowsPerChunk = rows
            let wholeNotes = try whole.write(original, toFile: folder + "/whole.ftm.json")
            let chunkedNotes = try chunked.write(original, toFile: folder + "/chunked.ftm.json")
            let a = try Data(contentsOf: URL(fileURLWithPath: folder + "/whole.ftm.json"))
            let b = try Data(contentsOf: URL(fileURLWithPath: folder + "/chunked.ftm.json"))
            #expect(a.count > 1000)
            #expect(a == b)
            #expect(wholeNotes == chunkedNotes)
            #expect(wholeNotes.lines(prefix: "ftm") == chunkedNotes.lines(prefix: "ftm"))
        }
    }
}
