import FraudGraph
import Foundation
@testable import Interchange
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
