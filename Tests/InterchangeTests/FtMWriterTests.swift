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

    @Test("the fast paths write the bytes and notes the general paths write")
    func fastPaths() throws {
        let cases = [try InterchangeFixtures.fastPathCase(), try InterchangeFixtures.handMadeCase(),
                     CaseGenerator(preset: .tiny, seed: 3).generate().case]
        for original in cases {
            let folder = InterchangeFixtures.temporaryFolder()
            var general = FtMWriter()
            general.fastPaths = false
            let fastNotes = try FtMWriter().write(original, toFile: folder + "/fast.ftm.json")
            let generalNotes = try general.write(original, toFile: folder + "/general.ftm.json")
            let a = try String(contentsOfFile: folder + "/fast.ftm.json", encoding: .utf8)
            let b = try String(contentsOfFile: folder + "/general.ftm.json", encoding: .utf8)
            #expect(a.contains(#""schema":"Payment""#))
            #expect(a == b)
            #expect(fastNotes == generalNotes)
            #expect(fastNotes.lines(prefix: "ftm") == generalNotes.lines(prefix: "ftm"))
        }
    }

    @Test("a payment and a link of the fast path, line by line")
    func fastPathLines() throws {
        let folder = InterchangeFixtures.temporaryFolder()
        try FtMWriter().write(try InterchangeFixtures.fastPathCase(), toFile: folder + "/case.ftm.json")
        let lines = try String(contentsOfFile: folder + "/case.ftm.json", encoding: .utf8).split(separator: "\n")
        #expect(lines.contains(#"{"id":"T1","schema":"Payment","properties":{"payer":["P1"],"payerAccount":["A1"],"beneficiary":["P2"],"beneficiaryAccount":["A2"],"amount":["1250.50"],"currency":["USD"],"date":["2024-03-01T10:15:00"],"description":["fraudgraph:channel=bank","fraudgraph:attr.memo=plain memo"]}}"#))
        #expect(lines.contains(#"{"id":"T4","schema":"Payment","properties":{"payer":["O1"],"payerAccount":["A3"],"beneficiary":["P1"],"beneficiaryAccount":["A1"],"amount":["10.5"],"currency":["EUR"],"date":["1969-12-31T23:59:59"],"description":["fraudgraph:channel=bank","fraudgraph:attr.memo=back\\slash"]}}"#))
        #expect(lines.contains(#"{"id":"T5","schema":"Payment","properties":{"payer":["P1"],"payerAccount":["A1"],"beneficiary":["fg-s-A4"],"beneficiaryAccount":["A4"],"amount":["922337203685477.5807"],"currency":["USD"],"date":["2024-03-02T00:00:01"],"description":["fraudgraph:channel=bank","fraudgraph:attr.memo=100%25 sure"]}}"#))
        #expect(lines.contains(#"{"id":"fg-l-3","schema":"Ownership","properties":{"owner":["O1"],"asset":["A3"],"date":["2024-01-02T03:04:05"]}}"#))
    }
}
