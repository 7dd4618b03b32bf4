import FraudGraph
import Foundation
@testable import Interchange
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
