import FraudGraph
import Foundation

/// Reads FollowTheMoney (FtM) JSON lines, one entity per line, into a case.
///
/// How FtM becomes a case (docs/interchange.md has the full table):
/// - Things become entities: Person -> person; Organization, Company, PublicBody,
///   LegalEntity -> organization; BankAccount -> account; CryptoWallet -> wallet; any
///   other schema -> a custom kind named after it (`Address` -> `address`,
///   `UserAccount` -> `user_account`). A schema that is not the kind's default is kept
///   in the attribute `ftm:schema`.
/// - Payments become transfers from `payerAccount` to `beneficiaryAccount`. Where a
///   party has no account, the party's implied account `PARTY/account` (attribute
///   `ftm:implied=true`) is created and owned by the party; where a payment names a
///   party and its account, the party `owns` the account.
/// - Ownership -> `owns`, Membership -> `member_of`, Call -> `contacted`, Similar ->
///   `same_as`, Directorship -> `directs`, Employment -> `works_for`, Family ->
///   `family`, Associate -> `associate`, UnknownLink -> `linked_to`, other edges ->
///   their FtM label in snake case.
/// - Phone numbers, e-mail and IP addresses in any property become `phone`, `email`
///   and `ip` entities (`tel:+855...`, `email:...`, `ip:...`) that the entity `uses`.
/// - Other references (a wallet's `holder`, a user account's `owner`, an entity's
///   `addressEntity`, ...) become links (`owns`, `owns`, `located_at`, or the
///   property's name).
/// - Every other property value becomes an attribute of the same name; the second
///   and later values of a property are the attributes `NAME#2`, `NAME#3`, ...
/// - `fraudgraph:` markers, written by `FtMWriter`, give back what FtM cannot say.
///
/// The file is read three times over a memory map: things first, then payments, then
/// links and reports, so that references may point forward.
public struct FtMReader: Sendable {
    /// Set bad lines aside instead of failing.
    public var lenient = false
    /// Problems kept for the error (all are counted).
    public var maxIssues = 1000
    public var model: FtMModel

    public init(lenient: Bool = false, model: FtMModel = .shared) {
        self.lenient = lenient
        self.model = model
    }

    /// Reads the FtM JSON lines file at `path`.
    /// - Throws: `CaseFolderError` with every problem found (strict), or when the file
    ///   cannot be read (both modes).
    public func read(file path: String) throws(CaseFolderError) -> FtMImport {
        let file: MappedFile
        do {
            file = try MappedFile(path: path)
        } catch {
            throw CaseFolderError(issues: [CaseIssue(file: path, line: 0, column: 0, cause: .unreadableFile,
                                                     message: "cannot read the file: \(error.localizedDescription)", value: path)], totalCount: 1)
        }
        var session = FtMImportSession(path: path, options: self)
        withExtendedLifetime(file) { session.run(file.bytes) }
        if !lenient && session.report.problemCount > 0 {
            throw CaseFolderError(issues: session.issues, totalCount: session.report.problemCount)
        }
        var report = session.report
        report.files = [ImportReport.SourceFile(name: (path as NSString).lastPathComponent, path: path, bytes: file.count,
                                                rows: session.lineCount, rejected: report.rejected.count, sha256: nil)]
        return FtMImport(case: session.builder.freeze(), report: report, notes: session.notes)
    }
}

/// A case read from FtM JSON lines, how it was read, and what the reader made of
/// things the case format has no column for.
public struct FtMImport: Sendable {
    public let `case`: Case
    public let report: ImportReport
    public let notes: InterchangeNotes
}

/// One read of an FtM file.
struct FtMImportSession {
    let path: String
    let options: FtMReader
    let model: FtMModel
    var builder = CaseBuilder()
    var report = ImportReport()
    var issues: [CaseIssue] = []
    var notes = InterchangeNotes()
    var lineCount = 0

    /// FtM ids of every entity in the file, and what each one became.
    var ftmIDs = StringInterner()
    var entityOf: ContiguousArray<Int32> = []
    var transferOf: ContiguousArray<Int32> = []
    var isStandIn: ContiguousArray<Bool> = []
    /// Accounts marked `outside`: created when the first transfer names them.
    var pendingOutside: [Int32: PendingEntity] = [:]
    /// The FtM schema each entity would be written as (index into `schemaList`).
    var writtenSchema: ContiguousArray<UInt16> = []
    var schemaList: [FtMSchema] = []
    var schemaIndex: [String: UInt16] = [:]

    /// Lines to read in the later passes: (start, end, line number).
    var paymentLines: [(Int, Int, Int)] = []
    var linkLines: [(Int, Int, Int)] = []
    var reportLines: [(Int, Int, Int)] = []

    /// Links that properties of things imply, added after the link entities.
    var derivedLinks: [DerivedLink] = []
    /// Parties that pay from or into an account, owning it unless a link says so already.
    var impliedOwnership: [(party: Int32, account: Int32)] = []
    var impliedAccount: [Int32: Int32] = [:]
    var usesSeen = Set<Int64>()

    struct PendingEntity {
        var caseID: String
        var ftmIndex: Int32
        var values: EntityValues
        var line: Int
    }

    struct EntityValues {
        var attributes: [(String, String)] = []
        var verbatim: [(String, String)] = []
        var writtenSchema: String
    }

    struct DerivedLink {
        var source: Int32
        var target: String
        var kind: String
        var reversed: Bool
        var line: Int
    }

    /// A problem with one line.
    struct LineProblem: Error {
        var cause: CaseIssue.Cause
        var message: String
        var property: String?
        var value: String
        var column = 1
    }

    init(path: String, options: FtMReader) {
        self.path = path
        self.options = options
        self.model = options.model
    }

    // MARK: - Passes

    mutating func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        // Pass 1: things (and which lines are payments, links, reports).
        var start = 0
        var line = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            line += 1
            var stop = end
            if stop > start && bytes[stop - 1] == 0x0D { stop -= 1 }
            let text = UnsafeBufferPointer(rebasing: bytes[start ..< stop])
            if !isBlank(text) {
                lineCount += 1
                readFirstPass(text, start: start, end: stop, line: line)
            }
            start = end + 1
        }
        // Pass 2: payments; pass 3: links; pass 4: reports.
        for (s, e, n) in paymentLines {
            guard let (record, markers) = reparse(bytes, s, e) else { continue }
            do { try readPayment(record, markers, line: n) } catch { reject(error, line: n, text: UnsafeBufferPointer(rebasing: bytes[s ..< e])) }
        }
        for (s, e, n) in linkLines {
            guard let (record, markers) = reparse(bytes, s, e) else { continue }
            do { try readLink(record, markers, line: n) } catch { reject(error, line: n, text: UnsafeBufferPointer(rebasing: bytes[s ..< e])) }
        }
        addDerivedLinks()
        for (s, e, n) in reportLines {
            guard let (record, markers) = reparse(bytes, s, e) else { continue }
            do { try readReport(record, markers, line: n) } catch { reject(error, line: n, text: UnsafeBufferPointer(rebasing: bytes[s ..< e])) }
        }
        for (_, pending) in pendingOutside.sorted(by: { $0.value.line < $1.value.line }) {
            // Marked outside, but no transfer names it: keep it as an ordinary entity.
            notes.add("entities marked outside that no transfer names: kept as ordinary entities", example: pending.caseID)
            _ = addPendingAsEntity(pending)
        }
    }

    private func isBlank(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        b.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    /// A line read again in a later pass (it parsed in pass 1).
    func reparse(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (FtMEntityRecord, Markers)? {
        guard case .success(let record) = FtMLineParser.parse(UnsafeBufferPointer(rebasing: bytes[start ..< end])) else { return nil }
        return (record, Markers(record))
    }

    mutating func reject(_ p: LineProblem, line: Int, text: UnsafeBufferPointer<UInt8>) {
        let issue = CaseIssue(file: path, line: line, column: p.column, columnName: p.property, cause: p.cause,
                              message: p.message, value: p.value)
        report.problemCount += 1
        if issues.count < options.maxIssues { issues.append(issue) }
        if options.lenient { report.rejected.append(.init(issue: issue, fields: [String(decoding: text, as: UTF8.self)])) }
    }

    // MARK: - Markers

    /// The `fraudgraph:` markers of one record, by key.
    struct Markers {
        var values: [String: String] = [:]
        var attributes: [(String, String)] = []
        var verbatim: [(String, String)] = []
        /// Ordinary `description` texts.
        var descriptions: [String] = []
        var isEmpty: Bool { values.isEmpty && attributes.isEmpty && verbatim.isEmpty }

        init(_ record: FtMEntityRecord) {
            for text in record.values("description") {
                guard let m = FtMMarker(parsing: text) else {
                    descriptions.append(text)
                    continue
                }
                if m.key.hasPrefix("attr.") {
                    attributes.append((String(m.key.dropFirst(5)), m.value))
                } else if m.key.hasPrefix("verbatim.") {
                    verbatim.append((String(m.key.dropFirst(9)), m.value))
                } else if values[m.key] == nil {
                    values[m.key] = m.value
                }
            }
        }

        subscript(key: String) -> String? { values[key] }
    }

    // MARK: - Pass 1: things

    mutating func readFirstPass(_ text: UnsafeBufferPointer<UInt8>, start: Int, end: Int, line: Int) {
        let record: FtMEntityRecord
        switch FtMLineParser.parse(text) {
        case .success(let r): record = r
        case .failure(let e):
            reject(LineProblem(cause: .malformedRow, message: e.message, value: String(decoding: text.prefix(80), as: UTF8.self), column: e.column),
                   line: line, text: text)
            return
        }
        let (index, inserted) = ftmIDs.insert(record.id)
        guard inserted else {
            reject(LineProblem(cause: .duplicateID, message: "the FtM id is used by an earlier line (merge fragments first, e.g. with `ftm aggregate`)",
                               property: "id", value: record.id), line: line, text: text)
            return
        }
        entityOf.append(-1)
        transferOf.append(-1)
        isStandIn.append(false)
        let markers = Markers(record)
        switch markers["table"] {
        case "layout":
            applyLayout(markers)
            return
        case "standin":
            isStandIn[Int(index)] = true
            return
        case "report":
            reportLines.append((start, end, line))
            return
        default: break
        }
        if record.schema == "Payment" {
            paymentLines.append((start, end, line))
            return
        }
        if let schema = model[record.schema], FtMMapping.ends(of: schema) != nil {
            linkLines.append((start, end, line))
            return
        }
        do {
            try readThing(record, markers, ftmIndex: index, line: line)
        } catch {
            reject(error, line: line, text: text)
        }
    }

    mutating func applyLayout(_ markers: Markers) {
        func list(_ text: String) -> [String] {
            text.isEmpty ? [] : text.split(separator: ",", omittingEmptySubsequences: false).map { PercentEncoding.decode(String($0)) }
        }
        for table in CaseBuilder.Table.allCases {
            if let header = markers["header." + table.rawValue] { builder.setHeader(table, list(header)) }
            if let columns = markers["columns." + table.rawValue] {
                for name in list(columns) { builder.addAttributeColumn(table, named: name) }
            }
        }
    }

    /// Adds a thing as an entity.
    mutating func readThing(_ record: FtMEntityRecord, _ markers: Markers, ftmIndex: Int32, line: Int) throws(LineProblem) {
        let schema = model[record.schema]
        if schema == nil { notes.add("entities of schemata this FtM model does not know: read as custom kinds", example: record.schema) }
        let kind = markers["kind"] ?? (schema.map { FtMMapping.kind(forSchema: $0) } ?? FtMMapping.snakeCase(record.schema))
        let caseID = markers["id"] ?? record.id
        var values = EntityValues(writtenSchema: FtMMapping.defaultSchema(forKind: kind))
        var consumed: Set<String> = ["description"]
        // name and country: the first value is the column, unless a marker has the exact text.
        var name = ""
        var names = record.values("name")
        if let exact = markers["name"] {
            name = exact
            if !names.isEmpty { names.removeFirst() }
        } else if !names.isEmpty {
            name = names.removeFirst()
        }
        consumed.insert("name")
        var countries = record.values("country")
        var country = ""
        if let exact = markers["country"] {
            country = exact
            if !countries.isEmpty && model.countryCodes.contains(countries[0]) && countries[0].uppercased() == exact.uppercased() { countries.removeFirst() }
        } else if !countries.isEmpty {
            country = countries.removeFirst().uppercased()
        } else if let fallback = FtMMapping.countryFallbacks.lazy.compactMap({ record.first($0) }).first {
            // No country: a company's jurisdiction or a person's nationality stands in
            // (the property is kept as an attribute too).
            country = fallback.uppercased()
        }
        consumed.insert("country")
        // The schema the writer will choose, and the attribute that makes it choose it.
        if let schema, schema.name != FtMMapping.defaultSchema(forKind: kind) {
            values.attributes.append(("ftm:schema", schema.name))
            if !schema.isAbstract && schema.isThing { values.writtenSchema = schema.name }
        }
        appendValues("name", names, schema: schema, to: &values.attributes)
        appendValues("country", countries, schema: schema, to: &values.attributes)
        appendValues("description", markers.descriptions, schema: schema, to: &values.attributes)
        var pivots: [(kind: String, id: String, value: String)] = []
        for (property, propertyValues) in record.properties where !consumed.contains(property) {
            let p = schema?.properties[property]
            switch p?.type {
            case "entity":
                for v in propertyValues {
                    let reversed = schema?.isThing == true && (property == "holder" || property == "owner")
                    let linkKind = reversed ? LinkKind.owns.name : property == "addressEntity" ? LinkKind.locatedAt.name : property
                    derivedLinks.append(DerivedLink(source: ftmIndex, target: v, kind: linkKind, reversed: reversed, line: line))
                }
            case "phone", "email", "ip":
                for v in propertyValues { pivots.append((p!.type, Self.pivotID(p!.type, v), v)) }
            default:
                appendValues(property, propertyValues, schema: schema, to: &values.attributes)
            }
        }
        values.attributes += markers.attributes
        values.verbatim = markers.verbatim
        if markers["outside"] != nil {
            pendingOutside[ftmIndex] = PendingEntity(caseID: caseID, ftmIndex: ftmIndex, values: values, line: line)
            return
        }
        let e = try addEntity(id: caseID, kind: kind, name: name, country: country, role: markers["role"] ?? "", values: values)
        entityOf[Int(ftmIndex)] = e
        for pivot in pivots {
            let p = try pivotEntity(kind: pivot.kind == "phone" ? "phone" : pivot.kind, id: pivot.id, name: pivot.value)
            addUses(e, p)
        }
    }

    /// FtM's own node ids for phone numbers, e-mail and IP addresses.
    static func pivotID(_ type: String, _ value: String) -> String {
        switch type {
        case "phone": "tel:" + value
        case "email": "email:" + value
        default: "ip:" + value
        }
    }

    /// The entity of a phone number, e-mail or IP address, made on first sight.
    mutating func pivotEntity(kind: String, id: String, name: String) throws(LineProblem) -> Int32 {
        if let e = builder.entityIndex(id) { return e }
        notes.add("\(kind == "phone" ? "phone numbers" : kind == "ip" ? "IP addresses" : "e-mail addresses") in FtM properties: made \(kind) entities that their holders use", example: name)
        return try addEntity(id: id, kind: kind, name: name, country: "", role: "", values: EntityValues(writtenSchema: FtMMapping.defaultSchema(forKind: kind)))
    }

    mutating func addUses(_ user: Int32, _ thing: Int32) {
        let key = Int64(user) << 32 | Int64(thing)
        guard usesSeen.insert(key).inserted else { return }
        derivedUses.append((user, thing))
    }

    var derivedUses: [(Int32, Int32)] = []

    /// Appends the values of a property as attributes `NAME`, `NAME#2`, ... (or, for a
    /// property whose first value went into a column, `NAME#2`, `NAME#3`, ...).
    func appendValues(_ property: String, _ values: [String], schema: FtMSchema?, to out: inout [(String, String)]) {
        guard !values.isEmpty else { return }
        let name = schema.map { FtMMapping.attributeName(forProperty: property, schema: $0) } ?? property
        let first = (property == "name" || property == "country") ? 2 : 1
        for (k, v) in values.enumerated() {
            let index = first + k
            out.append((index == 1 ? name : name + "#\(index)", v))
        }
    }

    /// Adds an entity with its attributes and exact texts.
    mutating func addEntity(id: String, kind: String, name: String, country: String, role: String, values: EntityValues) throws(LineProblem) -> Int32 {
        if builder.entityIndex(id) != nil {
            throw LineProblem(cause: .duplicateID, message: "duplicate entity id", property: "id", value: id)
        }
        let e: Int32
        do {
            e = try builder.addEntity(id: id, kind: EntityKind(kind), name: name, country: country, role: role)
        } catch {
            throw LineProblem(cause: error == .duplicateID ? .duplicateID : .tooManyDistinct, message: error.description, property: nil, value: id)
        }
        setAttributes(.entities, row: e, values.attributes)
        for (column, text) in values.verbatim {
            var t = text
            t.withUTF8 { builder.keepVerbatim(.entities, column: column, row: e, bytes: $0) }
        }
        appendWrittenSchema(values.writtenSchema)
        return e
    }

    mutating func addPendingAsEntity(_ pending: PendingEntity) -> Int32? {
        do {
            let e = try addEntity(id: pending.caseID, kind: "account", name: "", country: "", role: "", values: pending.values)
            entityOf[Int(pending.ftmIndex)] = e
            pendingOutside[pending.ftmIndex] = nil
            return e
        } catch {
            return nil
        }
    }

    /// Sets the attributes of one row, each name once (a repeated name gets `#2`, ...).
    mutating func setAttributes(_ table: CaseBuilder.Table, row: Int32, _ values: [(String, String)]) {
        var used = Set<String>()
        for (name, value) in values where !value.isEmpty {
            var n = name
            var k = 2
            while used.contains(n) { n = name + "#\(k)"; k += 1 }
            used.insert(n)
            let column = builder.addAttributeColumn(table, named: n)
            var v = value
            v.withUTF8 { builder.setAttribute(table, column: column, row: row, bytes: $0) }
        }
    }

    // MARK: - References

    /// What an FtM id names.
    enum Reference {
        case entity(Int32)
        case outside(Int32)
        case standIn
        case transfer(Int32)
        case unknown
    }

    func reference(_ ftmID: String) -> Reference {
        guard let k = ftmIDs.index(of: ftmID) else { return .unknown }
        if entityOf[Int(k)] >= 0 { return .entity(entityOf[Int(k)]) }
        if pendingOutside[k] != nil { return .outside(k) }
        if isStandIn[Int(k)] { return .standIn }
        if transferOf[Int(k)] >= 0 { return .transfer(transferOf[Int(k)]) }
        return .unknown
    }

    /// The entity an FtM id names (creating a pending outside account), or a problem.
    mutating func entity(_ ftmID: String, property: String) throws(LineProblem) -> Int32 {
        switch reference(ftmID) {
        case .entity(let e): return e
        case .outside(let k):
            guard let e = addPendingAsEntity(pendingOutside[k]!) else {
                throw LineProblem(cause: .duplicateID, message: "duplicate entity id", property: property, value: ftmID)
            }
            return e
        default:
            throw LineProblem(cause: .unknownReference, message: "\(property) names no entity of this file", property: property, value: ftmID)
        }
    }

    // MARK: - Pass 2: payments

    mutating func readPayment(_ record: FtMEntityRecord, _ markers: Markers, line: Int) throws(LineProblem) {
        let payment = model["Payment"]!
        let caseID = markers["id"] ?? record.id
        guard builder.transfers.index(of: caseID) == nil else {
            throw LineProblem(cause: .duplicateID, message: "duplicate transfer id", property: "id", value: caseID)
        }
        // Amount.
        var amounts = record.values("amount")
        guard !amounts.isEmpty else { throw LineProblem(cause: .missingValue, message: "the Payment has no amount", property: "amount", value: "") }
        let amountText = amounts.removeFirst()
        let amount: Money, digits: Int
        switch Money.parse(amountText) {
        case .success(let p): (amount, digits) = (p.0, p.fractionDigits)
        case .failure(let why):
            // FtM numbers may carry thousands separators ("1,250.50").
            let plain = amountText.filter { $0 != "," && $0 != " " && $0 != "\u{A0}" }
            guard plain != amountText, case .success(let p) = Money.parse(plain) else {
                throw LineProblem(cause: .badAmount, message: why.description, property: "amount", value: amountText)
            }
            (amount, digits) = (p.0, p.fractionDigits)
        }
        // Time: the exact case text if a marker has it, else the FtM date.
        var timeValue: Timestamp.Parsed
        var dates = record.values("date")
        var extra: [(String, String)] = []
        if let text = markers["time"] {
            guard case .success(let p) = Timestamp.parse(text) else {
                throw LineProblem(cause: .badTime, message: "the time marker is not a time", property: "description", value: text)
            }
            timeValue = p
            if !dates.isEmpty { dates.removeFirst() }  // the same instant, shown as an FtM date
        } else {
            let candidates = dates + record.values("startDate") + record.values("endDate")
            guard let first = candidates.first else {
                throw LineProblem(cause: .badTime, message: "the Payment has no date (a transfer needs a time)", property: "date", value: "")
            }
            guard let d = FtMDate.parse(first) else {
                throw LineProblem(cause: .badTime, message: "the date is not an FtM date (YYYY-MM-DDTHH:MM:SS)", property: "date", value: first)
            }
            timeValue = Timestamp.Parsed(seconds: d.seconds, style: .utc, offsetMinutes: 0)
            if !dates.isEmpty {
                dates.removeFirst()
                if !d.isFull { extra.append(("date", first)) }
            }
        }
        if let exact = markers.verbatim.first(where: { $0.0 == "time" })?.1, case .success(let p) = Timestamp.parse(exact) {
            timeValue = p
        }
        // Accounts.
        let from = try account(record, markers, party: "payer", account: "payerAccount", marker: "from")
        let to = try account(record, markers, party: "beneficiary", account: "beneficiaryAccount", marker: "to")
        let fromID = outsideID(from), toID = outsideID(to)
        // Currency and channel.
        var currencies = record.values("currency")
        var currencyText = ""
        var blankCurrency = false
        if let exact = markers["currency"] {
            currencyText = exact
            if !currencies.isEmpty && currencies[0] == exact { currencies.removeFirst() }
        } else if !currencies.isEmpty {
            currencyText = currencies.removeFirst()
        } else {
            blankCurrency = true
        }
        let currency: UInt16, channel: UInt16
        do {
            currency = try Self.withBytes(currencyText) { (b) throws(CaseBuilder.Problem) in try builder.currencyCode(b) }
            channel = try Self.withBytes(markers["channel"] ?? "") { (b) throws(CaseBuilder.Problem) in try builder.channelCode(b) }
        } catch {
            throw LineProblem(cause: .tooManyDistinct, message: error.description, property: "currency", value: currencyText)
        }
        let form = TransferTextForm(amountFractionDigits: digits, timeStyle: timeValue.style, offsetMinutes: timeValue.offsetMinutes)
        let row: Int32
        let entitiesBefore = builder.entities.count
        do {
            row = try Self.withBytes(caseID) { (id) throws(CaseBuilder.Problem) in
                try Self.withBytes(fromID) { (f) throws(CaseBuilder.Problem) in
                    try Self.withBytes(toID) { (t) throws(CaseBuilder.Problem) in
                        let source: CaseBuilder.AccountReference = from.entity.map { .entity($0) } ?? .outside(f)
                        let target: CaseBuilder.AccountReference = to.entity.map { .entity($0) } ?? .outside(t)
                        return try builder.addTransfer(id: id, source: source, target: target, amount: amount, time: timeValue.seconds,
                                                       currency: currency, channel: channel, form: form)
                    }
                }
            }
        } catch {
            if case .cannotHoldMoney(let column, let kind) = error {
                throw LineProblem(cause: .notAnAccount, message: "the \(column == "from" ? "payer" : "beneficiary") account is a \(kind), which cannot hold money",
                                  property: column == "from" ? "payerAccount" : "beneficiaryAccount", value: caseID)
            }
            throw LineProblem(cause: .duplicateID, message: error.description, property: "id", value: caseID)
        }
        transferOf[Int(ftmIDs.index(of: record.id)!)] = row
        // Outside accounts the transfer brought in, in the order the builder made them.
        if builder.entities.count > entitiesBefore {
            for end in [from, to] {
                guard case .outside(let k) = end, let pending = pendingOutside[k], let e = builder.entityIndex(pending.caseID),
                      Int(e) >= entitiesBefore else { continue }
                outsideCreated(pending, as: e)
            }
        }
        // Attributes: every other property, and the markers'.
        var attributes: [(String, String)] = []
        let consumed: Set<String> = ["payer", "beneficiary", "payerAccount", "beneficiaryAccount", "amount", "currency", "date", "description"]
        appendValues("description", markers.descriptions, schema: payment, to: &attributes)
        for (name, values) in [("amount", amounts), ("currency", currencies), ("date", dates)] where !values.isEmpty {
            for (k, v) in values.enumerated() { attributes.append((name + "#\(k + 2)", v)) }
        }
        attributes += extra
        for (property, values) in record.properties where !consumed.contains(property) {
            appendValues(property, values, schema: payment, to: &attributes)
        }
        for extraParty in ["payer", "beneficiary", "payerAccount", "beneficiaryAccount"] {
            let values = record.values(extraParty)
            if values.count > 1 {
                for (k, v) in values.dropFirst().enumerated() { attributes.append((extraParty + "#\(k + 2)", v)) }
            }
        }
        attributes += markers.attributes
        setAttributes(.transfers, row: row, attributes)
        if blankCurrency { builder.keepVerbatim(.transfers, column: "currency", row: row, bytes: UnsafeBufferPointer(start: nil, count: 0)) }
        for (column, text) in markers.verbatim {
            var t = text
            t.withUTF8 { builder.keepVerbatim(.transfers, column: column, row: row, bytes: $0) }
        }
    }

    /// One end of a payment: an entity, or an outside account the transfer will make.
    enum PaymentEnd {
        case entity(Int32)
        case outside(Int32)

        var entity: Int32? {
            if case .entity(let e) = self { return e }
            return nil
        }
    }

    func outsideID(_ end: PaymentEnd) -> String {
        if case .outside(let k) = end { return pendingOutside[k]!.caseID }
        return ""
    }

    /// Records an outside account that a transfer made: its FtM id, schema, attributes.
    mutating func outsideCreated(_ pending: PendingEntity, as e: Int32) {
        entityOf[Int(pending.ftmIndex)] = e
        pendingOutside[pending.ftmIndex] = nil
        setAttributes(.entities, row: e, pending.values.attributes)
        for (column, text) in pending.values.verbatim {
            var t = text
            t.withUTF8 { builder.keepVerbatim(.entities, column: column, row: e, bytes: $0) }
        }
        appendWrittenSchema(pending.values.writtenSchema)
    }

    mutating func appendWrittenSchema(_ name: String) {
        let s = model[name] ?? model["Asset"]!
        if let k = schemaIndex[s.name] { writtenSchema.append(k) } else {
            let k = UInt16(schemaList.count)
            schemaList.append(s)
            schemaIndex[s.name] = k
            writtenSchema.append(k)
        }
    }

    /// The entity (or outside account) an FtM id names in a payment.
    mutating func paymentEnd(_ ftmID: String, property: String) throws(LineProblem) -> PaymentEnd {
        if case .outside(let k) = reference(ftmID) { return .outside(k) }
        return .entity(try entity(ftmID, property: property))
    }

    /// The account a payment moves money from or to.
    mutating func account(_ record: FtMEntityRecord, _ markers: Markers, party: String, account: String, marker: String) throws(LineProblem) -> PaymentEnd {
        if let ftmID = markers[marker] { return try paymentEnd(ftmID, property: marker) }
        let partyID = record.first(party)
        if let ftmID = record.first(account) {
            let a = try paymentEnd(ftmID, property: account)
            if markers.isEmpty, let partyID, case .entity(let p) = reference(partyID), case .entity(let ae) = a, p != ae {
                impliedOwnership.append((p, ae))
            }
            return a
        }
        guard let partyID else {
            throw LineProblem(cause: .missingValue, message: "the Payment names neither \(party) nor \(account)", property: party, value: "")
        }
        let p = try entity(partyID, property: party)
        if builder.holdsMoney(p) { return .entity(p) }
        if let a = impliedAccount[p] { return .entity(a) }
        // The party's implied account.
        let partyCaseID = builder.entities.ids[p]
        var id = partyCaseID + "/account"
        var k = 2
        while builder.entityIndex(id) != nil { id = partyCaseID + "/account#\(k)"; k += 1 }
        let a = try addEntity(id: id, kind: "account", name: "", country: "", role: "",
                              values: EntityValues(attributes: [("ftm:implied", "true")], writtenSchema: "BankAccount"))
        impliedAccount[p] = a
        impliedOwnership.append((p, a))
        notes.add("payments that name a party but not its account: the party's implied account PARTY/account (ftm:implied=true) was made", example: id)
        return .entity(a)
    }

    // MARK: - Pass 3: links

    mutating func readLink(_ record: FtMEntityRecord, _ markers: Markers, line: Int) throws(LineProblem) {
        let schema = model[record.schema]!
        let ends = FtMMapping.ends(of: schema)!
        let kind = markers["kind"] ?? FtMMapping.linkKind(forSchema: schema)
        var consumed: Set<String> = [ends.source, ends.target, "description"]
        var sources: [Int32] = [], targets: [Int32] = []
        for v in record.values(ends.source) { sources.append(try entity(v, property: ends.source)) }
        for v in record.values(ends.target) { targets.append(try entity(v, property: ends.target)) }
        if schema.name == "Call" {
            // Numbers stand in for a missing caller or receiver; a known one uses them.
            for (property, isSource) in [("callerNumber", true), ("receiverNumber", false)] {
                let numbers = record.values(property)
                guard !numbers.isEmpty else { continue }
                consumed.insert(property)
                var phones: [Int32] = []
                for n in numbers { phones.append(try pivotEntity(kind: "phone", id: Self.pivotID("phone", n), name: n)) }
                let people = isSource ? sources : targets
                for person in people { for phone in phones { addUses(person, phone) } }
                if people.isEmpty {
                    if isSource { sources = phones } else { targets = phones }
                }
            }
        }
        guard !sources.isEmpty else {
            throw LineProblem(cause: .missingValue, message: "the \(schema.name) has no \(ends.source)", property: ends.source, value: "")
        }
        guard !targets.isEmpty else {
            throw LineProblem(cause: .missingValue, message: "the \(schema.name) has no \(ends.target)", property: ends.target, value: "")
        }
        // Time and weight.
        var time = Timestamp.absent
        var dates = record.values("date")
        if let text = markers["time"] {
            guard case .success(let p) = Timestamp.parse(text) else {
                throw LineProblem(cause: .badTime, message: "the time marker is not a time", property: "description", value: text)
            }
            time = p.seconds
        } else if let first = dates.first, let d = FtMDate.parse(first), d.isFull {
            time = d.seconds
            dates.removeFirst()
        }
        consumed.insert("date")
        var weight = 1.0
        if let text = markers["weight"] {
            guard let w = Double(text), w.isFinite, w > 0 else {
                throw LineProblem(cause: .badWeight, message: "the weight marker is not a positive number", property: "description", value: text)
            }
            weight = w
        }
        let kindCode: UInt16
        do {
            kindCode = try Self.withBytes(kind) { (b) throws(CaseBuilder.Problem) in try builder.linkKindCode(b).code }
        } catch {
            throw LineProblem(cause: .tooManyDistinct, message: error.description, property: nil, value: kind)
        }
        // Attributes.
        var attributes: [(String, String)] = []
        for s in sources {
            for t in targets {
                attributes.removeAll()
                // The link entity's own id, unless it is the one the writer makes up.
                if record.id != FtMIdentifiers.linkID(row: builder.links.count) { attributes.append(("ftm:id", record.id)) }
                let defaultSchema = FtMMapping.defaultLinkSchema(kind: kind, source: schemaList[Int(writtenSchema[Int(s)])],
                                                                 target: schemaList[Int(writtenSchema[Int(t)])])
                if schema.name != defaultSchema { attributes.append(("ftm:schema", schema.name)) }
                appendValues("description", markers.descriptions, schema: schema, to: &attributes)
                appendValues("date", dates, schema: schema, to: &attributes)
                for (property, values) in record.properties where !consumed.contains(property) {
                    var values = values
                    if markers["kind"] != nil, property == FtMMapping.captionProperty(of: schema), values.first == kind {
                        values.removeFirst()  // written by FraudGraph to show the kind
                        if values.isEmpty { continue }
                        for (k, v) in values.enumerated() { attributes.append((property + "#\(k + 2)", v)) }
                        continue
                    }
                    appendValues(property, values, schema: schema, to: &attributes)
                }
                attributes += markers.attributes
                let row = builder.addLink(source: s, target: t, kind: kindCode, time: time, weight: weight)
                setAttributes(.links, row: row, attributes)
                for (column, text) in markers.verbatim {
                    var v = text
                    v.withUTF8 { builder.keepVerbatim(.links, column: column, row: row, bytes: $0) }
                }
            }
        }
        if sources.count * targets.count > 1 {
            notes.add("link entities with several sources or targets: one link per pair", example: record.id)
        }
    }

    /// Links implied by properties of things, by phone numbers and by payments.
    mutating func addDerivedLinks() {
        for d in derivedLinks {
            let source = entityOf[Int(d.source)]
            guard source >= 0 else { continue }
            let target: Int32
            switch reference(d.target) {
            case .entity(let e): target = e
            case .outside(let k):
                guard let e = addPendingAsEntity(pendingOutside[k]!) else { continue }
                target = e
            default:
                let issue = CaseIssue(file: path, line: d.line, column: 1, columnName: d.kind, cause: .unknownReference,
                                      message: "\(d.kind) names no entity of this file", value: d.target)
                report.problemCount += 1
                if issues.count < options.maxIssues { issues.append(issue) }
                if options.lenient { report.rejected.append(.init(issue: issue, fields: [d.target])) }
                continue
            }
            guard let code = try? Self.withBytes(d.kind, { (b) throws(CaseBuilder.Problem) in try builder.linkKindCode(b).code }) else { continue }
            if d.reversed {
                builder.addLink(source: target, target: source, kind: code)
            } else {
                builder.addLink(source: source, target: target, kind: code)
            }
        }
        for (user, thing) in derivedUses { builder.addLink(source: user, target: thing, kind: LinkKind.Code.uses) }
        if !impliedOwnership.isEmpty {
            var owned = Set<Int64>()
            let l = builder.links
            for k in 0 ..< l.count where l.kind[k] == LinkKind.Code.owns { owned.insert(Int64(l.source[k]) << 32 | Int64(l.target[k])) }
            for (party, account) in impliedOwnership where owned.insert(Int64(party) << 32 | Int64(account)).inserted {
                builder.addLink(source: party, target: account, kind: LinkKind.Code.owns)
                notes.add("payers and beneficiaries with their accounts: an owns link from the party to the account was added")
            }
        }
    }

    // MARK: - Pass 4: reports

    mutating func readReport(_ record: FtMEntityRecord, _ markers: Markers, line: Int) throws(LineProblem) {
        let caseID = markers["id"] ?? record.id
        var transfer: Int32 = -1, victim: Int32 = -1
        if let payment = markers["transfer"], case .transfer(let t) = reference(payment) { transfer = t }
        guard transfer >= 0 else {
            throw LineProblem(cause: .unknownReference, message: "the report names no Payment of this file", property: "description",
                              value: markers["transfer"] ?? "")
        }
        if let v = markers["victim"] { victim = try entity(v, property: "victim") }
        var at = Timestamp.absent
        if let text = markers["time"], case .success(let p) = Timestamp.parse(text) {
            at = p.seconds
        } else if let created = record.first("createdAt"), let d = FtMDate.parse(created) {
            at = d.seconds
        }
        let row: Int32
        do {
            row = try builder.addReport(id: caseID, transfer: transfer, victim: victim, reportedAt: at)
        } catch {
            throw LineProblem(cause: .duplicateID, message: error.description, property: "id", value: caseID)
        }
        setAttributes(.reports, row: row, markers.attributes)
        for (column, text) in markers.verbatim {
            var v = text
            v.withUTF8 { builder.keepVerbatim(.reports, column: column, row: row, bytes: $0) }
        }
    }

    // MARK: -

    static func withBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) throws(CaseBuilder.Problem) -> R) throws(CaseBuilder.Problem) -> R {
        var s = text
        let result = s.withUTF8 { b in Result { () throws(CaseBuilder.Problem) -> R in try body(b) } }
        return try result.get()
    }
}
