import FraudGraph
import Foundation
@testable import Interchange
import Testing

/// What FollowTheMoney keeps, worked out by hand from followthemoney 4.11's cleaning
/// (`sanitize_text`, `normality.remove_unsafe_chars`, name and date types). The
/// cross-check test asks the package itself about FraudGraph's whole export.
@Suite("FtMText")
struct FtMTextTests {
    @Test("sanitising keeps plain text and refuses what FtM would change")
    func sanitising() {
        #expect(FtMText.survivesSanitizing("Somchai Rattanakosin"))
        #expect(FtMText.survivesSanitizing("a\nb\tc"))  // text keeps tabs and new lines inside
        #expect(FtMText.survivesSanitizing("Nguyễn 😀"))
        #expect(!FtMText.survivesSanitizing(" lead"))  // stripped
        #expect(!FtMText.survivesSanitizing("trail\n"))
        #expect(!FtMText.survivesSanitizing("bell\u{07}"))  // control character deleted
        #expect(!FtMText.survivesSanitizing("zero\u{200B}width"))
        #expect(!FtMText.survivesSanitizing("e\u{301}"))  // not NFC
        #expect(!FtMText.survivesSanitizing(""))
    }

    @Test("names lose surrounding quotes and repeated white space; dates are YYYY[-MM[-DD[THH[:MM[:SS]]]]], 1000-2999")
    func typed() {
        #expect(FtMText.survivesNameCleaning("O'Neil \"Ali\""))
        #expect(!FtMText.survivesNameCleaning("\"Ali\""))
        #expect(!FtMText.survivesNameCleaning("two  spaces"))
        #expect(!FtMText.survivesNameCleaning("new\nline"))
        #expect(FtMText.cleanedName("  \"Boss\"\u{01}  X\n") == "\"Boss\" X")  // as followthemoney.types.name.clean
        #expect(FtMText.isDate("2024-02-29T23:59:59"))
        #expect(FtMText.isDate("2024-03"))
        #expect(!FtMText.isDate("2023-02-29"))
        #expect(!FtMText.isDate("2024-03-01T10:15:00Z"))
        #expect(!FtMText.isDate("0999-01-01"))
        #expect(!FtMText.isDate("3000"))
        let country = FtMModel.shared["Thing"]!.properties["country"]!
        #expect(FtMText.isKept("kh", in: country))
        #expect(!FtMText.isKept("KH", in: country))
        #expect(!FtMText.isKept("xx", in: country))
        let phone = FtMModel.shared["LegalEntity"]!.properties["phone"]!
        #expect(!FtMText.isKept("+85512345678", in: phone))  // FtM normalises phones its own way: markers
    }

    @Test("markers read back exactly, and FtM's cleaning cannot touch them")
    func markers() {
        for value in ["", "plain", InterchangeFixtures.hostileName, InterchangeFixtures.hostileAttribute, "e\u{301}", "%41", "a=b", "\u{338}x", "end "] {
            let marker = FtMMarker("attr.we=ird key\u{1}", value)
            #expect(FtMMarker(parsing: marker.text) == marker)
            #expect(FtMText.survivesSanitizing(marker.text), "\(marker.text)")
        }
        #expect(FtMMarker(parsing: "an ordinary description") == nil)
        #expect(FtMMarker("outside").text == "fraudgraph:outside=")
    }

    @Test("ids: valid FtM ids stay, others are hashed, the same way every time")
    func identifiers() {
        #expect(FtMIdentifiers.entityID("P0001234") == "P0001234")
        #expect(FtMIdentifiers.entityID("a.b-c") == "a.b-c")
        #expect(FtMIdentifiers.entityID("weird id") == FtMIdentifiers.entityID("weird id"))
        #expect(FtMIdentifiers.entityID("weird id").hasPrefix("fg-e-"))
        #expect(FtMIdentifiers.entityID("weird id").count == 45)
        #expect(FtMIdentifiers.entityID("fg-e-x").hasPrefix("fg-e-") && FtMIdentifiers.entityID("fg-e-x") != "fg-e-x")
        #expect(FtMIdentifiers.entityID("-x") != "-x")
        #expect(FtMIdentifiers.entityID(String(repeating: "a", count: 201)).count == 45)
        #expect(FtMIdentifiers.isValidID("a"))
        #expect(!FtMIdentifiers.isValidID("a."))
    }

    @Test("the generated model is the package's: schemata, edges, ranges, countries")
    func model() throws {
        let m = FtMModel.shared
        let payment = try #require(m["Payment"])
        #expect(payment.required.sorted() == ["beneficiary", "payer"])
        #expect(payment.properties["payerAccount"]?.range == "BankAccount")
        #expect(m["Ownership"]?.edge?.source == "owner")
        #expect(m["Company"]?.isA("Asset") == true)
        #expect(m["Thing"]?.isAbstract == true)
        #expect(m.countryCodes.contains("kh") && m.countryCodes.contains("mm"))
        #expect(m.schemata.count >= 70)
    }
}

@Suite("PercentEncoding")
struct PercentEncodingTests {
    @Test("encodes the chosen characters and % , decodes back")
    func roundTrip() {
        let text = "a%b\u{1}😀,c"
        let encoded = PercentEncoding.encode(text) { $0.value < 0x20 || $0 == "," }
        #expect(encoded == "a%25b%01😀%2Cc")
        #expect(PercentEncoding.decode(encoded) == text)
        #expect(PercentEncoding.decode("100% sure %zz") == "100% sure %zz")
    }
}

@Suite("NodeColumn")
struct NodeColumnTests {
    @Test("a columns file reads typed: whole numbers long, numbers double, else text")
    func load() throws {
        let c = try InterchangeFixtures.caseFromFiles(["entities.csv": "id,kind\nP1,person\nP2,person\nP3,person\n"])
        let file = InterchangeFixtures.temporaryFolder() + "/rings.csv"
        try Data("entity,ring,rank,role\nP3,2,0.5,boss\nP1,1,1,\n".utf8).write(to: URL(fileURLWithPath: file))
        let columns = try NodeColumn.load(csv: file, for: c)
        #expect(columns.map(\.name) == ["ring", "rank", "role"])
        #expect(columns.map(\.typeName) == ["long", "double", "string"])
        #expect((0 ..< 3).map { columns[0].text($0) } == ["1", nil, "2"])
        #expect((0 ..< 3).map { columns[1].text($0) } == ["1", nil, "0.5"])
        #expect((0 ..< 3).map { columns[2].text($0) } == [nil, nil, "boss"])
        try Data("entity,ring\nP9,1\n".utf8).write(to: URL(fileURLWithPath: file))
        #expect(throws: NodeColumn.LoadError.self) { try NodeColumn.load(csv: file, for: c) }
    }
}
