import FraudGraph
import Foundation

/// Writes a case as FollowTheMoney (FtM) JSON lines, one entity per line, that the
/// `followthemoney` package reads and validates, and that `FtMReader` reads back into
/// the same case.
///
/// - Entities become Person, Organization, BankAccount, CryptoWallet, Address (dens)
///   or Asset (devices, phones, IPs, custom kinds), or the schema their `ftm:schema`
///   attribute names (`FtMMapping.defaultSchema`).
/// - Transfers become Payments: `payerAccount`/`beneficiaryAccount` are the accounts,
///   `payer`/`beneficiary` their holders (the first person or organization that `owns`
///   them) or, for an account without one, a stand-in LegalEntity `fg-s-...`.
/// - Links become Ownership, Membership, Associate, Call or UnknownLink entities
///   (`FtMMapping.defaultLinkSchema`); reports become Notes on the Payment.
/// - Whatever FtM has no property for, or would change, travels in `fraudgraph:`
///   markers in `description` (`FtMMarker`); a first Note `fg-case` holds the files'
///   headers and attribute columns.
///
/// The file is written in one pass over the case's columns through a 4 MiB buffer.
public struct FtMWriter: Sendable {
    /// The file name the exporter writes in its folder.
    public static let fileName = "case.ftm.json"

    public var model: FtMModel
    /// Rows formatted at a time on each of the two threads: changes the speed, never the output.
    var rowsPerChunk = ChunkedRows.defaultChunkRows
    /// Whether the usual payments and links are written straight into the buffer (the
    /// fast paths): changes the speed, never the output (tests compare both).
    var fastPaths = true

    public init(model: FtMModel = .shared) { self.model = model }

    /// Writes `c` to a new folder `folder` (it appears only when complete) as
    /// `case.ftm.json`.
    @discardableResult
    public func write(_ c: Case, toFolder folder: String) throws -> InterchangeNotes {
        var notes = InterchangeNotes()
        try AtomicFolder.write(folder, isReplaceable: { FileManager.default.fileExists(atPath: $0 + "/" + FtMWriter.fileName) }) { temporary in
            notes = try write(c, toFile: temporary + "/" + FtMWriter.fileName)
        }
        return notes
    }

    /// Writes `c` to the file `path`.
    /// - Complexity: O(entities + links + transfers + reports), memory O(entities).
    @discardableResult
    public func write(_ c: Case, toFile path: String) throws -> InterchangeNotes {
        let out = try ByteWriter(path: path)
        let export = FtMExport(c, model: model, out: out)
        export.rowsPerChunk = rowsPerChunk
        export.fastPaths = fastPaths
        try export.run()
        try out.finish()
        return export.notes
    }
}

/// One export of a case to FtM.
final class FtMExport {
    let c: Case
    let model: FtMModel
    let out: ByteWriter
    var notes = InterchangeNotes()
    var rowsPerChunk = ChunkedRows.defaultChunkRows
    var fastPaths = true

    /// What the export decided before writing: schemata, ids, holders.
    let plan: FtMPlan

    init(_ c: Case, model: FtMModel, out: ByteWriter) {
        self.c = c
        self.model = model
        self.out = out
        plan = FtMPlan(c, model: model)
        notes.add(Self.noteDerivedID, count: plan.derivedID.count, example: plan.derivedID.min { $0.key < $1.key }.map { c.entities.ids[$0.key] })
    }

    /// A helper of `export` that formats chunks of rows into memory with its plan.
    init(formattingFor export: FtMExport) {
        c = export.c
        model = export.model
        out = ByteWriter()
        plan = export.plan
        fastPaths = export.fastPaths
    }

    /// Writes rows `0 ..< count` of a table with `body` (which writes a range of rows
    /// to `out` and adds to `notes`) in chunks on two threads (`ChunkedRows`), and
    /// hands each chunk's counters to `merge` in row order.
    func writeInChunks<Counters>(rows count: Int, _ body: @escaping (FtMExport, Range<Int>) throws -> Counters,
                                 merge: (Counters) -> Void) throws {
        try ChunkedRows.write(
            rows: count, chunkRows: rowsPerChunk, formatters: (FtMExport(formattingFor: self), FtMExport(formattingFor: self)), to: out,
            format: { helper, rows, buffer in
                helper.out.exchange(&buffer)
                defer { helper.out.exchange(&buffer) }
                helper.notes = InterchangeNotes()
                return (try body(helper, rows), helper.notes)
            },
            merge: { chunk in
                notes.merge(chunk.1)
                merge(chunk.0)
            })
    }

    // MARK: - Notes

    static let noteCleanedName = "names that FollowTheMoney would change (white space, quotes, control characters): FtM shows its cleaned form, the exact name is in a fraudgraph:name marker"
    static let noteDerivedID = "ids that are not valid FtM ids: the entity is written as fg-e-HASH and its id is in a fraudgraph:id marker"
    static let noteCountry = "countries that are not FtM country codes: kept in a fraudgraph:country marker"
    static let noteNonBankTransfer = "transfers from or to a wallet or other non-bank account: FtM's Payment can only name bank accounts, so the account is in a fraudgraph:from/to marker and the holder is the payer/beneficiary"
    static let noteStandIn = "accounts without a known holder: a stand-in LegalEntity (fg-s-...) is their payer/beneficiary, as FtM requires one"
    static let noteAttributeMarker = "attribute values with no FtM property that keeps them exactly: kept in fraudgraph:attr markers"
    static let noteTimeMarker = "times FtM cannot hold exactly (offsets, Unix seconds, years outside 1000-2999): kept in fraudgraph:time markers"
    static let noteTransferID = "transfer ids that are not valid FtM ids or clash with an entity id: the Payment is fg-t-HASH and its id is in a fraudgraph:id marker"

    @inline(__always)
    func schema(_ e: Int32) -> FtMSchema { plan.schemata[Int(plan.schemaOf[Int(e)])] }

    /// The FtM id of entity `e`.
    func ftmID(_ e: Int32) -> String { plan.ids.withID(e) { String(decoding: $0, as: UTF8.self) } }

    /// Calls `body` with the FtM id of entity `e` as bytes.
    @inline(__always)
    func withFtMID<R>(_ e: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        plan.ids.withID(e, body)
    }

    // MARK: - Run

    func run() throws {
        try writeLayout()
        try writeInChunks(rows: c.entities.count, { try $0.writeEntities(rows: $1) }, merge: { _ in })
        try writeStandIns()
        var counts = PaymentCounts()
        try writeInChunks(rows: c.transfers.count, { try $0.writePayments(rows: $1) }, merge: { counts.add($0) })
        notes.add(Self.noteNonBankTransfer, count: counts.nonBank, example: counts.firstNonBank)
        notes.add(Self.noteTimeMarker, count: counts.timeMarkers, example: counts.firstTimeMarker)
        notes.add(Self.noteTransferID, count: counts.hashedIDs, example: counts.firstHashedID)
        let linkIDs = claimedLinkIDs()
        try writeInChunks(rows: c.links.count, { try $0.writeLinks(rows: $1, claimedIDs: linkIDs) }, merge: { _ in })
        try writeReports()
    }

    /// The note `fg-case`: headers and attribute columns of the case's files.
    func writeLayout() throws {
        var bag = FtMPropertyBag()
        bag.add("name", "FraudGraph case layout")
        var markers = [FtMMarker("table", "layout"), FtMMarker("version", "1")]
        func list(_ items: [String]) -> String {
            items.map { PercentEncoding.encode($0) { $0 == "," } }.joined(separator: ",")
        }
        let tables: [(String, TableLayout, AttributeColumns)] = [
            ("entities", c.entities.layout, c.entities.attributes), ("links", c.links.layout, c.links.attributes),
            ("transfers", c.transfers.layout, c.transfers.attributes), ("reports", c.reports.layout, c.reports.attributes),
        ]
        for (table, layout, attributes) in tables {
            if !layout.header.isEmpty { markers.append(FtMMarker("header." + table, list(layout.header))) }
            if attributes.count > 0 { markers.append(FtMMarker("columns." + table, list(attributes.names))) }
        }
        for m in markers { bag.add("description", m.text) }
        var id = FtMIdentifiers.layoutID
        id.withUTF8 { bag.writeEntity(id: $0, schema: "Note", to: out) }
        try out.endRecord()
    }

    // MARK: - Entities

    func writeEntities(rows: Range<Int>) throws {
        let e = c.entities
        let first = Int32(rows.lowerBound)
        var attributes = e.attributes.columns.map { SparseCursor($0, from: first) }
        let verbatimColumns = e.layout.verbatim.keys.sorted()
        var verbatim = verbatimColumns.map { SparseCursor(e.layout.verbatim[$0], from: first) }
        let nameProperty = model["Thing"]!.properties["name"]!
        let hasFallbackColumn = e.attributes.names.contains { FtMMapping.countryFallbacks.contains($0) }
        // Each country once: its FtM code (lower case) if FtM knows it, and whether the
        // exact text needs a marker (FtM does not know it, or it is not in upper case).
        let countries: [(ftm: [UInt8]?, needsMarker: Bool)] = (0 ..< e.countries.count).map { k in
            let country = e.countries[UInt16(k)]
            let code = country.lowercased()
            guard model.countryCodes.contains(code) else { return (nil, true) }
            return (Array(code.utf8), code.uppercased() != country)
        }
        // The kind each schema is read as (a kind marker says any other).
        let kindOfSchema = plan.schemata.map { FtMMapping.kind(forSchema: $0) }
        var bag = FtMPropertyBag()
        for i in rows {
            let row = Int32(i)
            let schemaIndex = Int(plan.schemaOf[i])
            let schema = plan.schemata[schemaIndex]
            let kind = e.kinds[e.kind[i]]
            bag.reset()
            var markers: [FtMMarker] = []
            // name
            var nameSlotTaken = false
            if e.name.withBytes(i, { FtMText.isPlainName($0) }) {
                e.name.withBytes(i) { bag.add("name", $0) }
                nameSlotTaken = true
            } else if case let name = e.name[i], !name.isEmpty {
                if FtMText.isKept(name, in: nameProperty) {
                    bag.add("name", name)
                    nameSlotTaken = true
                } else {
                    markers.append(FtMMarker("name", name))
                    notes.add(Self.noteCleanedName, example: name)
                    if let shown = FtMText.cleanedName(name) {
                        bag.add("name", shown)
                        nameSlotTaken = true
                    }
                }
            } else if schema.required.contains("name") {
                // FtM requires a name here: show the id, and say the name is empty.
                if let shown = FtMText.cleanedName(e.ids[row]) {
                    bag.add("name", shown)
                    nameSlotTaken = true
                    markers.append(FtMMarker("name", ""))
                }
            }
            // country
            var countrySlotTaken = false
            let countryCode = Int(e.country[i])
            if countryCode != 0 {
                let country = countries[countryCode]
                if let code = country.ftm {
                    code.withUnsafeBufferPointer { bag.add("country", $0) }
                    countrySlotTaken = true
                }
                if country.needsMarker {
                    markers.append(FtMMarker("country", e.countries[UInt16(countryCode)]))
                    if country.ftm == nil { notes.add(Self.noteCountry, example: e.countries[UInt16(countryCode)]) }
                }
            } else if hasFallbackColumn && FtMMapping.countryFallbacks.contains(where: { e.attributes.value($0, row: row) != nil }) {
                markers.append(FtMMarker("country", ""))  // the reader would take the country from these
            }
            if let role = e.roleOf(row) { markers.append(FtMMarker("role", role)) }
            if kindOfSchema[schemaIndex] != kind { markers.append(FtMMarker("kind", kind)) }
            if plan.isDerived[i] { markers.append(FtMMarker("id", e.ids[row])) }
            if e.isOutside[i] { markers.append(FtMMarker("outside")) }
            // attributes
            var values: [(String, String)] = []
            for k in 0 ..< attributes.count {
                _ = attributes[k].value(at: row) { values.append((e.attributes.names[k], String(decoding: $0, as: UTF8.self))) }
            }
            if !values.isEmpty {
                let defaultSchema = FtMMapping.defaultSchema(forKind: kind)
                placeAttributes(values, schema: schema, bag: &bag, markers: &markers) { name, index, value in
                    switch name {
                    case "ftm:schema":
                        // The reader writes this attribute itself when the schema is not the kind's default.
                        return .marker(unless: index == 1 && value == schema.name && value != defaultSchema)
                    case "name": return index >= 2 && nameSlotTaken ? .property : .markerAlways
                    case "country": return index >= 2 && countrySlotTaken ? .property : .markerAlways
                    default: return .property
                    }
                }
            }
            appendVerbatim(row, columns: verbatimColumns, cursors: &verbatim, to: &markers)
            for m in markers { bag.add("description", m.text) }
            withFtMID(row) { bag.writeEntity(id: $0, schema: schema.name, to: out) }
            try out.endRecord()
        }
    }

    /// Stand-in payers for accounts that no person or organization owns.
    func writeStandIns() throws {
        var bag = FtMPropertyBag()
        for i in 0 ..< c.entities.count where plan.standInID[Int32(i)] != nil {
            let account = ftmID(Int32(i))
            bag.reset()
            bag.add("name", "Holder of account " + account)
            bag.add("description", FtMMarker("table", "standin").text)
            plan.standInID[Int32(i)]!.withUnsafeBufferPointer { bag.writeEntity(id: $0, schema: "LegalEntity", to: out) }
            try out.endRecord()
            notes.add(Self.noteStandIn, example: c.entities.ids[Int32(i)])
        }
    }

    // MARK: - Attributes

    /// Where an attribute may go.
    enum Placement {
        /// Into the FtM property of its name, if FtM keeps the value there.
        case property
        /// Always into a marker.
        case markerAlways
        /// Into a marker unless the condition holds, in which case nowhere: the reader
        /// makes it again.
        case markerUnless(Bool)

        static func marker(unless condition: Bool) -> Placement { .markerUnless(condition) }
    }

    /// Puts each attribute `(name, value)` of a row into the FtM property of its name
    /// (`alias#2` is the second value of `alias`) when FtM keeps it there and the reader
    /// gives it back under the same name, else into an `attr.NAME` marker.
    func placeAttributes(
        _ values: [(String, String)], schema: FtMSchema, bag: inout FtMPropertyBag, markers: inout [FtMMarker],
        rule: (_ base: String, _ index: Int, _ value: String) -> Placement
    ) {
        for (name, value) in values {
            let target = placementTarget(name, schema: schema)
            let (base, index) = (target.base, target.index)
            switch rule(base, index, value) {
            case .markerAlways:
                markers.append(FtMMarker("attr." + name, value))
                notes.add(Self.noteAttributeMarker, example: name)
                continue
            case .markerUnless(let skip):
                if !skip { markers.append(FtMMarker("attr." + name, value)) }
                continue
            case .property:
                break
            }
            let propertyName = target.propertyName
            if let p = target.property,
               !value.hasPrefix(FtMMarker.prefix),
               bag.count(propertyName) == index - 1,
               FtMText.isKept(value, in: p, model: model),
               !bag.contains(propertyName, value) {
                bag.add(propertyName, value)
            } else {
                markers.append(FtMMarker("attr." + name, value))
                notes.add(Self.noteAttributeMarker, example: name)
            }
        }
    }

    /// Where attribute `name` of an entity of `schema` may go, as `placeAttributes`
    /// decides it before looking at the value: its base name and value number, the
    /// FtM property of that name, and the property if it may take the value (it is not
    /// a reference, and the reader reads it back under the same name).
    struct PlacementTarget {
        var schema: String, attribute: String
        var base: String, index: Int
        var propertyName: String
        var property: FtMProperty?
    }

    /// `PlacementTarget`s made so far (few: schemata times attribute columns).
    var placementTargets: [PlacementTarget] = []

    func placementTarget(_ name: String, schema: FtMSchema) -> PlacementTarget {
        for t in placementTargets where t.attribute == name && t.schema == schema.name { return t }
        let (base, index) = Self.attributeBase(name)
        let propertyName = FtMMapping.propertyName(forAttribute: base, schema: schema)
        var property: FtMProperty?
        if let p = schema.properties[propertyName], p.type != "entity",
           FtMMapping.attributeName(forProperty: propertyName, schema: schema) == base {
            property = p
        }
        let target = PlacementTarget(schema: schema.name, attribute: name, base: base, index: index, propertyName: propertyName, property: property)
        placementTargets.append(target)
        return target
    }

    /// An attribute's name without its value number: `alias#2` is value 2 of `alias`.
    static func attributeBase(_ name: String) -> (base: String, index: Int) {
        if let hash = name.lastIndex(of: "#"), let n = Int(name[name.index(after: hash)...]), n >= 2,
           String(n) == name[name.index(after: hash)...] {
            return (String(name[..<hash]), n)
        }
        return (name, 1)
    }

    /// Markers for the exact text a case file had where it differs from the canonical one.
    func appendVerbatim(_ row: Int32, columns: [String], cursors: inout [SparseCursor], to markers: inout [FtMMarker]) {
        for k in 0 ..< columns.count {
            _ = cursors[k].value(at: row) { markers.append(FtMMarker("verbatim." + columns[k], String(decoding: $0, as: UTF8.self))) }
        }
    }

    // MARK: - Payments

    /// What the payments of a range of rows counted, for the notes.
    struct PaymentCounts {
        var nonBank = 0, timeMarkers = 0, hashedIDs = 0
        var firstNonBank: String?, firstTimeMarker: String?, firstHashedID: String?

        /// Adds the counts of the rows that come next.
        mutating func add(_ later: PaymentCounts) {
            if nonBank == 0 { firstNonBank = later.firstNonBank }
            if timeMarkers == 0 { firstTimeMarker = later.firstTimeMarker }
            if hashedIDs == 0 { firstHashedID = later.firstHashedID }
            nonBank += later.nonBank
            timeMarkers += later.timeMarkers
            hashedIDs += later.hashedIDs
        }
    }

    func writePayments(rows: Range<Int>) throws -> PaymentCounts {
        let t = c.transfers
        let first = Int32(rows.lowerBound)
        var attributes = t.attributes.columns.map { SparseCursor($0, from: first) }
        let verbatimColumns = t.layout.verbatim.keys.sorted()
        var verbatim = verbatimColumns.map { SparseCursor(t.layout.verbatim[$0], from: first) }
        let payment = model["Payment"]!
        let currencyProperty = payment.properties["currency"]!
        // Per-code texts, made once: currencies FtM keeps, markers for the others and for channels.
        let currencyText = (0 ..< t.currencies.count).map { Array(t.currencies[UInt16($0)].utf8) }
        let currencyKept = (0 ..< t.currencies.count).map { FtMText.isKept(t.currencies[UInt16($0)], in: currencyProperty) }
        let currencyMarker = (0 ..< t.currencies.count).map { Array(FtMMarker("currency", t.currencies[UInt16($0)]).text.utf8) }
        let channelMarker = (0 ..< t.channels.count).map { Array(FtMMarker("channel", t.channels[UInt16($0)]).text.utf8) }
        let isBank = plan.schemata.map { $0.isA("BankAccount") }
        let schemaOf = plan.schemaOf
        var nonBank = 0, timeMarkers = 0, hashedIDs = 0
        var firstNonBank: String?, firstTimeMarker: String?, firstHashedID: String?
        var bag = FtMPropertyBag()
        let plainTable = t.attributes.count == 0 && t.layout.verbatim.isEmpty
        // Attribute columns whose values always go into markers, whatever they are (no
        // Payment property takes them): the marker's `fraudgraph:attr.NAME=` as bytes.
        let markerKeys: [[UInt8]?] = t.attributes.names.map { name in
            let (base, _) = Self.attributeBase(name)
            switch base {
            case "payer", "beneficiary", "payerAccount", "beneficiaryAccount", "amount", "currency", "date": break
            default:
                let propertyName = FtMMapping.propertyName(forAttribute: base, schema: payment)
                if let p = payment.properties[propertyName], p.type != "entity",
                   FtMMapping.attributeName(forProperty: propertyName, schema: payment) == base { return nil }
            }
            return Array((FtMMarker.prefix + FtMMarker.encode("attr." + name, isKey: true) + "=").utf8)
        }
        var attributeMarkerNoted = false, attributeMarkersLater = 0
        // The usual payment needs no marker but its channel: written straight out.
        // Each currency and channel marker as JSON text, back to back in one buffer.
        var codeText: [UInt8] = []
        var currencyStart: [Int] = [], channelStart: [Int] = []
        for w in currencyText { currencyStart.append(codeText.count); w.withUnsafeBufferPointer { JSONText.appendString($0, to: &codeText) } }
        currencyStart.append(codeText.count)
        for w in channelMarker { channelStart.append(codeText.count); w.withUnsafeBufferPointer { JSONText.appendString($0, to: &codeText) } }
        channelStart.append(codeText.count)
        codeText.append(0)  // never empty
        var timeText: [UInt8] = []
        // Each attribute marker's `"fraudgraph:attr.NAME=` as JSON, for the fast path.
        let markerKeyJSON: [[UInt8]?] = markerKeys.map { key in
            key.map { k in
                var json: [UInt8] = []
                k.withUnsafeBufferPointer { JSONText.appendString($0, to: &json) }
                json.removeLast()
                return json
            }
        }
        let clashes = plan.transferIDClashes
        var days = DayCache()
        // Plain pointers, not closures over arrays: the loop's state is then checked for
        // exclusive access when compiled, not at run time.
        let holder = plan.holder
        let entries = plan.ids.entries, ids = plan.ids.bytes.baseAddress!  // never empty
        let codes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: codeText.count)
        _ = codes.initialize(from: codeText)
        defer { codes.deallocate() }
        let codeBytes = UnsafePointer(codes.baseAddress!)

        // MARK: Fast path
        // The usual payment: both ends bank accounts, a currency and a time FtM keeps as
        // they are, its own id, and nothing to say in markers but its channel and
        // attributes that only markers take, with values that need no encoding. Its line
        // is written straight into the buffer, a run of such rows at a time, byte for
        // byte as the general path below writes it.

        /// The bytes the line of row `i` can take if it goes the fast path, or nil.
        func fastLength(_ i: Int) -> Int? {
            let row = Int32(i)
            let a = entries[Int(t.source[i])], b = entries[Int(t.target[i])]
            guard a & b & FtMEntityIDs.isBank != 0 else { return nil }
            let currency = Int(t.currency[i])
            guard currencyKept[currency] else { return nil }
            let form = t.textForm[i]
            guard FtMDate.fits(t.time[i]), form.timeStyle == .utc || form.timeStyle == .other else { return nil }
            let channel = Int(t.channel[i])
            // Fixed text (under 200 bytes), amount (26), date (19), ids (four), codes.
            var length = 256 + Int((a >> 8) & 255) + Int((a >> 16) & 255) + Int((b >> 8) & 255) + Int((b >> 16) & 255)
                + currencyStart[currency + 1] - currencyStart[currency] + channelStart[channel + 1] - channelStart[channel]
            if !plainTable {
                for k in 0 ..< verbatim.count where verbatim[k].has(row) { return nil }
                for k in 0 ..< attributes.count where attributes[k].has(row) {
                    guard let key = markerKeyJSON[k] else { return nil }
                    var plain = false
                    _ = attributes[k].value(at: row) { value in
                        plain = FtMMarker.isPlainValue(value) && !value.contains { $0 == 0x22 || $0 == 0x5C }
                        length += key.count + value.count + 4
                    }
                    if !plain { return nil }
                }
            }
            if !clashes.isEmpty && clashes.contains(row) { return nil }
            let idLength = t.ids.withBytes(row) { FtMIdentifiers.isVerbatimEntityID($0) ? $0.count : -1 }
            return idLength < 0 ? nil : length + idLength
        }

        /// Writes the line of row `i`, which `fastLength` let through.
        func writeFastPayment(_ i: Int, _ line: inout LineCursor) {
            let row = Int32(i)
            let a = entries[Int(t.source[i])], b = entries[Int(t.target[i])]
            @inline(__always) func party(_ entry: UInt64, _ line: inout LineCursor) {
                line.copy(ids + Int(entry >> 24), Int((entry >> 16) & 255))
            }
            @inline(__always) func account(_ entry: UInt64, _ line: inout LineCursor) {
                line.copy(ids + Int(entry >> 24) + Int((entry >> 16) & 255), Int((entry >> 8) & 255))
            }
            line.put(#"{"id":""#)
            t.ids.withBytes(row) { line.copy($0) }
            line.put(#"","schema":"Payment","properties":{"payer":[""#)
            party(a, &line)
            line.put(#""],"payerAccount":[""#)
            account(a, &line)
            line.put(#""],"beneficiary":[""#)
            party(b, &line)
            line.put(#""],"beneficiaryAccount":[""#)
            account(b, &line)
            line.put(#""],"amount":[""#)
            line.putAmount(t.amount[i], fractionDigits: t.textForm[i].amountFractionDigits)
            line.put(#""],"currency":["#)
            let currency = Int(t.currency[i])
            line.copy(codeBytes + currencyStart[currency], currencyStart[currency + 1] - currencyStart[currency])
            line.put(#"],"date":[""#)
            days.put(t.time[i], to: &line)
            let channel = Int(t.channel[i])
            var described = channel != 0
            if described {
                line.put(#""],"description":["#)
                line.copy(codeBytes + channelStart[channel], channelStart[channel + 1] - channelStart[channel])
            } else {
                line.put("\"]")
            }
            if !plainTable {
                // The attribute markers follow the channel's in `description`, as
                // `placeAttributes` would put them.
                for k in 0 ..< attributes.count {
                    guard let key = markerKeyJSON[k] else { continue }
                    let had = attributes[k].value(at: row) { value in
                        if described { line.put(",") } else { line.put(#","description":["#) }
                        key.withUnsafeBufferPointer { line.copy($0) }
                        line.copy(value)
                        line.put("\"")
                    }
                    guard had else { continue }
                    described = true
                    if attributeMarkerNoted {
                        attributeMarkersLater += 1
                    } else {
                        notes.add(Self.noteAttributeMarker, example: t.attributes.names[k])
                        attributeMarkerNoted = true
                    }
                }
            }
            if described { line.put("]}}\n") } else { line.put("}}\n") }
        }

        var i = rows.lowerBound
        while i < rows.upperBound {
            if fastPaths, let first = fastLength(i) {
                let runStart = i
                var length = first
                let room = out.reserve(Swift.max(1 << 16, length + 16))
                var line = LineCursor(room.baseAddress!)
                let end = room.baseAddress! + room.count
                while end - line.p >= length + 16 {
                    writeFastPayment(i, &line)
                    i += 1
                    guard i < rows.upperBound, let next = fastLength(i) else { break }
                    length = next
                }
                out.commit(line.p - room.baseAddress!, of: room)
                try out.endRecord()
                if i > runStart { continue }
            }

            // MARK: General path
            let row = Int32(i)
            let from = t.source[i], to = t.target[i]
            let form = t.textForm[i]
            let time = t.time[i]
            let currency = Int(t.currency[i])
            defer { i += 1 }
            bag.reset()
            var markers: [FtMMarker] = []
            // Parties and accounts.
            for end in 0 ..< 2 {
                let account = end == 0 ? from : to
                let h = holder[Int(account)]
                if h >= 0 {
                    withFtMID(h) { bag.add(end == 0 ? "payer" : "beneficiary", $0) }
                } else {
                    plan.standInID[account]!.withUnsafeBufferPointer { bag.add(end == 0 ? "payer" : "beneficiary", $0) }
                }
                if isBank[Int(schemaOf[Int(account)])] {
                    withFtMID(account) { bag.add(end == 0 ? "payerAccount" : "beneficiaryAccount", $0) }
                } else {
                    markers.append(FtMMarker(end == 0 ? "from" : "to", ftmID(account)))
                    if nonBank == 0 { firstNonBank = t.ids[row] }
                    nonBank += 1
                }
            }
            bag.add("amount") { Money(units: t.amount[i]).append(to: &$0, fractionDigits: form.amountFractionDigits) }
            if currencyKept[currency] {
                currencyText[currency].withUnsafeBufferPointer { bag.add("currency", $0) }
            } else {
                currencyMarker[currency].withUnsafeBufferPointer { bag.add("description", $0) }
            }
            if FtMDate.fits(time) { bag.add("date") { FtMDate.append(time, to: &$0) } }
            if !FtMDate.fits(time) || form.timeStyle == .offset || form.timeStyle == .unixSeconds {
                timeText.removeAll(keepingCapacity: true)
                Timestamp.append(time, style: form.timeStyle == .other ? .utc : form.timeStyle, offsetMinutes: form.offsetMinutes, to: &timeText)
                markers.append(FtMMarker("time", String(decoding: timeText, as: UTF8.self)))
                if timeMarkers == 0 { firstTimeMarker = t.ids[row] }
                timeMarkers += 1
            }
            let channel = Int(t.channel[i])
            if channel != 0 { channelMarker[channel].withUnsafeBufferPointer { bag.add("description", $0) } }
            // The id: its own when FtM accepts it and no entity has it.
            let verbatimID = t.ids.withBytes(row) { FtMIdentifiers.isVerbatimEntityID($0) } && !plan.transferIDClashes.contains(row)
            if !verbatimID {
                markers.append(FtMMarker("id", t.ids[row]))
                if hashedIDs == 0 { firstHashedID = t.ids[row] }
                hashedIDs += 1
            }
            if !plainTable {
                var values: [(String, String)] = []
                for k in 0 ..< attributes.count {
                    _ = attributes[k].value(at: row) { values.append((t.attributes.names[k], String(decoding: $0, as: UTF8.self))) }
                }
                if !values.isEmpty {
                    placeAttributes(values, schema: payment, bag: &bag, markers: &markers) { name, _, _ in
                        switch name {
                        case "payer", "beneficiary", "payerAccount", "beneficiaryAccount", "amount", "currency", "date":
                            return .markerAlways
                        default: return .property
                        }
                    }
                }
                appendVerbatim(row, columns: verbatimColumns, cursors: &verbatim, to: &markers)
            }
            for m in markers { bag.add("description", m.text) }
            if verbatimID {
                t.ids.withBytes(row) { bag.writeEntity(id: $0, schema: "Payment", to: out) }
            } else {
                var id = FtMIdentifiers.hashed("fg-t-", t.ids[row])
                id.withUTF8 { bag.writeEntity(id: $0, schema: "Payment", to: out) }
            }
            try out.endRecord()
        }
        notes.add(Self.noteAttributeMarker, count: attributeMarkersLater)
        return PaymentCounts(nonBank: nonBank, timeMarkers: timeMarkers, hashedIDs: hashedIDs,
                             firstNonBank: firstNonBank, firstTimeMarker: firstTimeMarker, firstHashedID: firstHashedID)
    }

    /// The FtM id of transfer `t`, as the payments were written.
    func paymentID(_ t: Int32) -> String {
        let tr = c.transfers
        let verbatim = tr.ids.withBytes(t) { FtMIdentifiers.isVerbatimEntityID($0) } && !plan.transferIDClashes.contains(t)
        return verbatim ? tr.ids[t] : FtMIdentifiers.hashed("fg-t-", tr.ids[t])
    }

    // MARK: - Links

    /// The links that keep the FtM id they were read with (their `ftm:id` attribute):
    /// a valid id no entity, transfer or earlier link has.
    func claimedLinkIDs() -> Set<Int32> {
        let l = c.links
        guard let k = l.attributes.column(named: "ftm:id") else { return [] }
        let column = l.attributes.columns[k]
        var usedIDs = Set<String>()
        var claimed = Set<Int32>()
        for p in 0 ..< column.count {
            let own = column.values[p]
            if FtMIdentifiers.isValidID(own), !own.hasPrefix(FtMIdentifiers.reservedPrefix),
               c.entities.index(of: own) == nil, c.transfers.index(of: own) == nil, usedIDs.insert(own).inserted {
                claimed.insert(column.rows[p])
            }
        }
        return claimed
    }

    func writeLinks(rows: Range<Int>, claimedIDs: Set<Int32>) throws {
        let l = c.links
        let first = Int32(rows.lowerBound)
        var attributes = l.attributes.columns.map { SparseCursor($0, from: first) }
        let verbatimColumns = l.layout.verbatim.keys.sorted()
        var verbatim = verbatimColumns.map { SparseCursor(l.layout.verbatim[$0], from: first) }
        let schemaColumn = l.attributes.column(named: "ftm:schema")
        let idColumn = l.attributes.column(named: "ftm:id")
        var timeBuffer: [UInt8] = []
        var bag = FtMPropertyBag()

        // MARK: Fast path
        // The usual link: no attributes or exact texts, weight 1, a time FtM keeps (or
        // none), and a kind its default schema says without a marker. Its line is the
        // schema's text around the two ends' ids (and the date), made once for each
        // kind and pair of entity schemata, and written straight into the buffer.
        let schemaCount = plan.schemata.count
        /// Per kind and pair of schemata: an index into `forms` (-1: general path, -2: not yet made).
        var formOf = [Int32](repeating: -2, count: l.kinds.count * schemaCount * schemaCount)
        /// `","schema":"NAME","properties":{"SOURCE":["`, then `"],"TARGET":["` (JSON).
        var forms: [(head: [UInt8], middle: [UInt8])] = []
        func form(kind: Int, _ s: Int, _ t: Int) -> Int {
            let key = (kind * schemaCount + s) * schemaCount + t
            if formOf[key] == -2 {
                formOf[key] = -1
                let kindName = l.kinds[UInt16(kind)]  // `kind` is a code
                let linkSchema = model[FtMMapping.defaultLinkSchema(kind: kindName, source: plan.schemata[s], target: plan.schemata[t])]!
                if FtMMapping.linkKind(forSchema: linkSchema) == kindName, let ends = FtMMapping.ends(of: linkSchema) {
                    // As `FtMPropertyBag.writeEntity` writes them: names as they are, ids need no escaping.
                    let head = Array(#"","schema":""#.utf8) + Array(linkSchema.name.utf8) + Array(#"","properties":{""#.utf8)
                        + Array(ends.source.utf8) + Array(#"":[""#.utf8)
                    let middle = Array(#""],""#.utf8) + Array(ends.target.utf8) + Array(#"":[""#.utf8)
                    formOf[key] = Int32(forms.count)
                    forms.append((head, middle))
                }
            }
            return Int(formOf[key])
        }
        let schemaOf = plan.schemaOf
        let entries = plan.ids.entries, ids = plan.ids.bytes.baseAddress!  // never empty
        var days = DayCache()
        /// The form of row `i` if it goes the fast path, or -1.
        func fastForm(_ i: Int) -> Int {
            let row = Int32(i)
            guard l.weight[i] == 1 else { return -1 }
            let time = l.time[i]
            guard time == Timestamp.absent || FtMDate.fits(time) else { return -1 }
            for k in 0 ..< attributes.count where attributes[k].has(row) { return -1 }
            for k in 0 ..< verbatim.count where verbatim[k].has(row) { return -1 }
            return form(kind: Int(l.kind[i]), Int(schemaOf[Int(l.source[i])]), Int(schemaOf[Int(l.target[i])]))
        }
        var i = rows.lowerBound
        while i < rows.upperBound {
            var f = fastPaths ? fastForm(i) : -1
            if f >= 0 {
                let runStart = i
                do {
                    @inline(__always) func id(_ entity: Int32, _ line: inout LineCursor) {
                        let entry = entries[Int(entity)]
                        line.copy(ids + Int(entry >> 24) + Int((entry >> 16) & 255), Int((entry >> 8) & 255))
                    }
                    // Fixed text under 100 bytes, the id's number (20), two ids, the date.
                    let room = out.reserve(1 << 16)
                    var line = LineCursor(room.baseAddress!)
                    let end = room.baseAddress! + room.count
                    while end - line.p >= 1024 {
                        let form = forms[f]
                        line.put(#"{"id":"fg-l-"#)
                        line.putDecimal(UInt64(i + 1))
                        form.head.withUnsafeBufferPointer { line.copy($0) }
                        id(l.source[i], &line)
                        form.middle.withUnsafeBufferPointer { line.copy($0) }
                        id(l.target[i], &line)
                        let time = l.time[i]
                        if time != Timestamp.absent {
                            line.put(#""],"date":[""#)
                            days.put(time, to: &line)
                        }
                        line.put("\"]}}\n")
                        i += 1
                        guard i < rows.upperBound else { break }
                        f = fastForm(i)
                        guard f >= 0 else { break }
                    }
                    out.commit(line.p - room.baseAddress!, of: room)
                }
                try out.endRecord()
                if i > runStart { continue }
            }

            // MARK: General path
            defer { i += 1 }
            let row = Int32(i)
            let source = l.source[i], target = l.target[i]
            let kind = l.kinds[l.kind[i]]
            let sourceSchema = schema(source), targetSchema = schema(target)
            bag.reset()
            var markers: [FtMMarker] = []
            var values: [(String, String)] = []
            for k in 0 ..< attributes.count {
                _ = attributes[k].value(at: row) { values.append((l.attributes.names[k], String(decoding: $0, as: UTF8.self))) }
            }
            // The schema: the one `ftm:schema` asks for if the two ends fit it.
            let defaultName = FtMMapping.defaultLinkSchema(kind: kind, source: sourceSchema, target: targetSchema)
            var linkSchema = model[defaultName]!
            var schemaFromAttribute = false
            if let k = schemaColumn, let asked = values.first(where: { $0.0 == l.attributes.names[k] })?.1,
               let s = model[asked], !s.isAbstract, let ends = FtMMapping.ends(of: s),
               FtMMapping.fits(sourceSchema, s.properties[ends.source]), FtMMapping.fits(targetSchema, s.properties[ends.target]) {
                linkSchema = s
                schemaFromAttribute = asked != defaultName
            }
            // The id: the FtM id it was read with, if it is still free; else `fg-l-ROW`.
            var id = FtMIdentifiers.linkID(row: i)
            var idFromAttribute = false
            if let k = idColumn, claimedIDs.contains(row), let own = values.first(where: { $0.0 == l.attributes.names[k] })?.1 {
                id = own
                idFromAttribute = true
            }
            let ends = FtMMapping.ends(of: linkSchema)!
            withFtMID(source) { bag.add(ends.source, $0) }
            withFtMID(target) { bag.add(ends.target, $0) }
            var captionTaken: String?
            if FtMMapping.linkKind(forSchema: linkSchema) != kind {
                markers.append(FtMMarker("kind", kind))
                if let caption = FtMMapping.captionProperty(of: linkSchema), let p = linkSchema.properties[caption],
                   FtMText.isKept(kind, in: p) {
                    bag.add(caption, kind)
                    captionTaken = caption
                }
            }
            let time = l.time[i]
            var dateTaken = false
            if time != Timestamp.absent {
                if FtMDate.fits(time) {
                    bag.add("date") { FtMDate.append(time, to: &$0) }
                    dateTaken = true
                } else {
                    timeBuffer.removeAll(keepingCapacity: true)
                    Timestamp.append(time, style: .utc, offsetMinutes: 0, to: &timeBuffer)
                    markers.append(FtMMarker("time", String(decoding: timeBuffer, as: UTF8.self)))
                    notes.add(Self.noteTimeMarker, example: "link \(i + 1)")
                }
            }
            if l.weight[i] != 1 { markers.append(FtMMarker("weight", CanonicalText.weight(l.weight[i]))) }
            if !values.isEmpty {
                placeAttributes(values, schema: linkSchema, bag: &bag, markers: &markers) { name, index, value in
                    if name == "ftm:schema" { return .marker(unless: index == 1 && schemaFromAttribute) }
                    if name == "ftm:id" { return .marker(unless: index == 1 && idFromAttribute && value == id) }
                    if name == ends.source || name == ends.target { return .markerAlways }
                    if name == "date" {
                        // The reader takes the first date, when it is precise to the second, as the time.
                        if time != Timestamp.absent { return index >= 2 && dateTaken ? .property : .markerAlways }
                        return index == 1 && FtMDate.parse(value)?.isFull == true ? .markerAlways : .property
                    }
                    if let caption = captionTaken, name == caption { return index >= 2 ? .property : .markerAlways }
                    return .property
                }
            }
            appendVerbatim(row, columns: verbatimColumns, cursors: &verbatim, to: &markers)
            for m in markers { bag.add("description", m.text) }
            id.withUTF8 { bag.writeEntity(id: $0, schema: linkSchema.name, to: out) }
            try out.endRecord()
        }
    }

    // MARK: - Reports

    func writeReports() throws {
        let r = c.reports
        var attributes = r.attributes.columns.map { SparseCursor($0) }
        let verbatimColumns = r.layout.verbatim.keys.sorted()
        var verbatim = verbatimColumns.map { SparseCursor(r.layout.verbatim[$0]) }
        var timeBuffer: [UInt8] = []
        var bag = FtMPropertyBag()
        for i in 0 ..< r.count {
            let row = Int32(i)
            bag.reset()
            var markers = [FtMMarker("table", "report"), FtMMarker("id", r.ids[row])]
            bag.add("name", FtMText.cleanedName("Report " + r.ids[row]) ?? "Report")
            // FtM lets nothing refer to a Payment: the note is on the victim and the receiving
            // account, and names the payment in a marker.
            markers.append(FtMMarker("transfer", paymentID(r.transfer[i])))
            if r.victim[i] >= 0 {
                withFtMID(r.victim[i]) { bag.add("entity", $0) }
                markers.append(FtMMarker("victim", ftmID(r.victim[i])))
            }
            let account = c.transfers.target[Int(r.transfer[i])]
            if account != r.victim[i] { withFtMID(account) { bag.add("entity", $0) } }
            let at = r.reportedAt[i]
            if at != Timestamp.absent {
                if FtMDate.fits(at) { bag.add("createdAt") { FtMDate.append(at, to: &$0) } } else {
                    timeBuffer.removeAll(keepingCapacity: true)
                    Timestamp.append(at, style: .utc, offsetMinutes: 0, to: &timeBuffer)
                    markers.append(FtMMarker("time", String(decoding: timeBuffer, as: UTF8.self)))
                }
            }
            for k in 0 ..< attributes.count {
                _ = attributes[k].value(at: row) { markers.append(FtMMarker("attr." + r.attributes.names[k], String(decoding: $0, as: UTF8.self))) }
            }
            appendVerbatim(row, columns: verbatimColumns, cursors: &verbatim, to: &markers)
            for m in markers { bag.add("description", m.text) }
            var id = FtMIdentifiers.reportID(r.ids[row])
            id.withUTF8 { bag.writeEntity(id: $0, schema: "Note", to: out) }
            try out.endRecord()
        }
    }
}
