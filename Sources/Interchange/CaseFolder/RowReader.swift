import FraudGraph

/// Turns one CSV record of a table into one row of the case, or says which column
/// is wrong and why. Nothing is added unless the whole row is good.
struct RowReader: ~Copyable {
    let table: CaseBuilder.Table
    let layout: HeaderLayout
    /// The last currency and channel words seen, with their codes: most rows repeat them.
    private var lastCurrency: [UInt8] = [], lastCurrencyCode: UInt16 = 1
    private var lastChannel: [UInt8] = [], lastChannelCode: UInt16 = 0
    private static var empty: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: nil, count: 0) }

    /// Hashes of the ids of the batch being read, by record: the row's own id and the
    /// two entities it names (from/to, source/target).
    private var idHash = [UInt64](repeating: 0, count: CSVReader.batchCapacity)
    private var firstHash = [UInt64](repeating: 0, count: CSVReader.batchCapacity)
    private var secondHash = [UInt64](repeating: 0, count: CSVReader.batchCapacity)
    /// Where prefetched reads are summed, so they are not optimised away.
    private var prefetchSink: UInt64 = 0

    init(table: CaseBuilder.Table, layout: HeaderLayout) {
        self.table = table
        self.layout = layout
    }

    /// Hashes the ids of a batch and touches the memory their lookups will read.
    mutating func prepare(_ batch: borrowing CSVReader, builder: CaseBuilder) {
        let n = batch.batchCount
        guard n > 0 else { return }
        func hashes(_ k: Int, into out: inout [UInt64]) {
            let i = layout.known[k]
            for r in 0 ..< n {
                let record = batch.record(r)
                out[r] = i >= 0 && i < record.fieldCount ? byteHash(record.field(i)) : 0
            }
        }
        switch table {
        case .entities:
            hashes(0, into: &idHash)
            prefetchSink &+= idHash.withUnsafeBufferPointer { builder.prefetchEntities(hashes: UnsafeBufferPointer(rebasing: $0[0 ..< n])) }
        case .transfers:
            hashes(0, into: &idHash)
            hashes(1, into: &firstHash)
            hashes(2, into: &secondHash)
            prefetchSink &+= firstHash.withUnsafeBufferPointer { builder.prefetchEntities(hashes: UnsafeBufferPointer(rebasing: $0[0 ..< n])) }
            prefetchSink &+= secondHash.withUnsafeBufferPointer { builder.prefetchEntities(hashes: UnsafeBufferPointer(rebasing: $0[0 ..< n])) }
            prefetchSink &+= idHash.withUnsafeBufferPointer { builder.prefetchTransfers(hashes: UnsafeBufferPointer(rebasing: $0[0 ..< n])) }
        case .links:
            hashes(0, into: &firstHash)
            hashes(1, into: &secondHash)
            prefetchSink &+= firstHash.withUnsafeBufferPointer { builder.prefetchEntities(hashes: UnsafeBufferPointer(rebasing: $0[0 ..< n])) }
            prefetchSink &+= secondHash.withUnsafeBufferPointer { builder.prefetchEntities(hashes: UnsafeBufferPointer(rebasing: $0[0 ..< n])) }
        case .reports:
            break
        }
    }

    /// The bytes of known column `k` (empty when the file has no such column).
    @inline(__always)
    private func field(_ record: RecordView, _ k: Int) -> UnsafeBufferPointer<UInt8> {
        let i = layout.known[k]
        return i >= 0 ? record.field(i) : RowReader.empty
    }

    private func has(_ k: Int) -> Bool { layout.known[k] >= 0 }

    /// Reads record number `position` of the prepared batch into `session.builder`;
    /// returns the new row.
    mutating func read(_ record: RecordView, position: Int, into session: inout ReadSession) throws(RowProblem) -> Int32 {
        switch table {
        case .entities: try readEntity(record, idHash[position], &session)
        case .links: try readLink(record, firstHash[position], secondHash[position], &session)
        case .transfers: try readTransfer(record, idHash[position], firstHash[position], secondHash[position], &session)
        case .reports: try readReport(record, &session)
        }
    }

    // MARK: - entities.csv: id, kind, name, country, role

    private func readEntity(_ reader: RecordView, _ idHash: UInt64, _ s: inout ReadSession) throws(RowProblem) -> Int32 {
        let id = field(reader, 0), kind = field(reader, 1)
        if id.isEmpty { throw RowProblem(column: 0, cause: .missingValue, message: "id is empty") }
        let kindCode: (code: UInt16, normalized: Bool)
        let country: UInt16, role: UInt16
        do {
            kindCode = try s.builder.entityKindCode(kind)
            country = try s.builder.countryCode(field(reader, 3))
            role = try s.builder.roleCode(field(reader, 4))
        } catch {
            throw Self.problem(error, column: error == .tooManyDistinct(column: "country") ? 3 : error == .tooManyDistinct(column: "role") ? 4 : 1)
        }
        let row: Int32
        do {
            row = try s.builder.addEntity(id: id, kind: kindCode.code, name: field(reader, 2), country: country, role: role, idHash: idHash)
        } catch {
            if error == .duplicateID, let first = s.builder.entityIndex(id), s.entityLines.indices.contains(Int(first)) {
                throw RowProblem(column: 0, cause: .duplicateID, message: "duplicate entity id (first on line \(s.entityLines[Int(first)]))")
            }
            throw Self.problem(error, column: 0)
        }
        if kindCode.normalized { s.builder.keepVerbatim(.entities, column: "kind", row: row, bytes: kind) }
        s.entityLines.append(Int32(clamping: reader.line))
        return row
    }

    // MARK: - transfers.csv: id, from, to, amount, currency, time, channel

    private mutating func readTransfer(_ reader: RecordView, _ idHash: UInt64, _ fromHash: UInt64, _ toHash: UInt64, _ s: inout ReadSession) throws(RowProblem) -> Int32 {
        let id = field(reader, 0), from = field(reader, 1), to = field(reader, 2)
        let amountText = field(reader, 3), timeText = field(reader, 5)
        if id.isEmpty { throw RowProblem(column: 0, cause: .missingValue, message: "id is empty") }
        let amount: Money, digits: Int
        switch Money.parse(amountText) {
        case .success(let parsed): (amount, digits) = (parsed.0, parsed.fractionDigits)
        case .failure(let why): throw RowProblem(column: 3, cause: .badAmount, message: why.description)
        }
        let time: Timestamp.Parsed
        switch Timestamp.parse(timeText) {
        case .success(let parsed): time = parsed
        case .failure(let why): throw RowProblem(column: 5, cause: .badTime, message: why.description)
        }
        if from.isEmpty { throw RowProblem(column: 1, cause: .missingValue, message: "from is empty") }
        if to.isEmpty { throw RowProblem(column: 2, cause: .missingValue, message: "to is empty") }
        let currency = try Self.code(field(reader, 4), last: &lastCurrency, code: &lastCurrencyCode, column: 4) { (w) throws(CaseBuilder.Problem) in
            try s.builder.currencyCode(w)
        }
        let channel = try Self.code(field(reader, 6), last: &lastChannel, code: &lastChannelCode, column: 6) { (w) throws(CaseBuilder.Problem) in
            try s.builder.channelCode(w)
        }
        let source: CaseBuilder.AccountReference = s.builder.entityIndex(from, hash: fromHash).map { .entity($0) } ?? .outside(from)
        let target: CaseBuilder.AccountReference = s.builder.entityIndex(to, hash: toHash).map { .entity($0) } ?? .outside(to)
        let form = TransferTextForm(amountFractionDigits: digits, timeStyle: time.style, offsetMinutes: time.offsetMinutes)
        let row: Int32
        do {
            row = try s.builder.addTransfer(id: id, source: source, target: target, amount: amount, time: time.seconds,
                                            currency: currency, channel: channel, form: form, idHash: idHash)
        } catch {
            if case .cannotHoldMoney(let column, _) = error {
                throw Self.problem(error, column: column == "from" ? 1 : 2, cause: .notAnAccount)
            }
            if error == .duplicateID, let first = s.builder.transferIndex(id) {
                throw RowProblem(column: 0, cause: .duplicateID, message: "duplicate transfer id (first on line \(s.transferLines[Int(first)]))")
            }
            throw Self.problem(error, column: 0)
        }
        // Keep the exact text where it is not what FraudGraph would write.
        if amountText.count > 1 && amountText[0] == UInt8(ascii: "0") && amountText[1] != UInt8(ascii: ".") {
            s.builder.keepVerbatim(.transfers, column: "amount", row: row, bytes: amountText)
        }
        if time.style == .other { s.builder.keepVerbatim(.transfers, column: "time", row: row, bytes: timeText) }
        if has(4) && field(reader, 4).isEmpty { s.builder.keepVerbatim(.transfers, column: "currency", row: row, bytes: RowReader.empty) }
        s.transferLines.append(Int32(clamping: reader.line))
        return row
    }

    /// The vocabulary code of `word`, remembering the last one.
    @inline(__always)
    private static func code(
        _ word: UnsafeBufferPointer<UInt8>, last: inout [UInt8], code: inout UInt16, column: Int,
        _ intern: (UnsafeBufferPointer<UInt8>) throws(CaseBuilder.Problem) -> UInt16
    ) throws(RowProblem) -> UInt16 {
        if word.count == last.count && last.withUnsafeBufferPointer({ $0.elementsEqual(word) }) { return code }
        do {
            code = try intern(word)
        } catch {
            throw Self.problem(error, column: column)
        }
        last = Array(word)
        return code
    }

    // MARK: - links.csv: source, target, kind, time, weight

    private func readLink(_ reader: RecordView, _ sourceHash: UInt64, _ targetHash: UInt64, _ s: inout ReadSession) throws(RowProblem) -> Int32 {
        let sourceID = field(reader, 0), targetID = field(reader, 1), kind = field(reader, 2)
        let timeText = field(reader, 3), weightText = field(reader, 4)
        guard !sourceID.isEmpty else { throw RowProblem(column: 0, cause: .missingValue, message: "source is empty") }
        guard let source = s.builder.entityIndex(sourceID, hash: sourceHash) else {
            throw RowProblem(column: 0, cause: .unknownReference, message: "source names no entity of this case")
        }
        guard !targetID.isEmpty else { throw RowProblem(column: 1, cause: .missingValue, message: "target is empty") }
        guard let target = s.builder.entityIndex(targetID, hash: targetHash) else {
            throw RowProblem(column: 1, cause: .unknownReference, message: "target names no entity of this case")
        }
        var time = Timestamp.absent
        var timeStyle = Timestamp.Style.utc
        if !timeText.isEmpty {
            switch Timestamp.parse(timeText) {
            case .success(let parsed): (time, timeStyle) = (parsed.seconds, parsed.style)
            case .failure(let why): throw RowProblem(column: 3, cause: .badTime, message: why.description)
            }
        }
        var weight = 1.0
        if !weightText.isEmpty {
            guard let w = Double(String(decoding: weightText, as: UTF8.self)), w.isFinite, w > 0 else {
                throw RowProblem(column: 4, cause: .badWeight, message: "weight must be a positive number")
            }
            weight = w
        }
        let kindCode: (code: UInt16, normalized: Bool)
        do { kindCode = try s.builder.linkKindCode(kind) } catch { throw Self.problem(error, column: 2) }
        let row = s.builder.addLink(source: source, target: target, kind: kindCode.code, time: time, weight: weight)
        if kindCode.normalized { s.builder.keepVerbatim(.links, column: "kind", row: row, bytes: kind) }
        if !timeText.isEmpty && timeStyle != .utc { s.builder.keepVerbatim(.links, column: "time", row: row, bytes: timeText) }
        if has(4) && !weightText.elementsEqual(CanonicalText.weight(weight).utf8) {
            s.builder.keepVerbatim(.links, column: "weight", row: row, bytes: weightText)
        }
        return row
    }

    // MARK: - reports.csv: id, transfer, victim, reported_at

    private func readReport(_ reader: RecordView, _ s: inout ReadSession) throws(RowProblem) -> Int32 {
        let id = field(reader, 0), transferID = field(reader, 1), victimID = field(reader, 2), atText = field(reader, 3)
        if id.isEmpty { throw RowProblem(column: 0, cause: .missingValue, message: "id is empty") }
        guard !transferID.isEmpty else { throw RowProblem(column: 1, cause: .missingValue, message: "transfer is empty") }
        guard let transfer = s.builder.transferIndex(transferID) else {
            throw RowProblem(column: 1, cause: .unknownReference, message: "transfer names no transfer of this case")
        }
        var victim: Int32 = -1
        if !victimID.isEmpty {
            guard let v = s.builder.entityIndex(victimID) else {
                throw RowProblem(column: 2, cause: .unknownReference, message: "victim names no entity of this case")
            }
            victim = v
        }
        var at = Timestamp.absent
        var style = Timestamp.Style.utc
        if !atText.isEmpty {
            switch Timestamp.parse(atText) {
            case .success(let parsed): (at, style) = (parsed.seconds, parsed.style)
            case .failure(let why): throw RowProblem(column: 3, cause: .badTime, message: why.description)
            }
        }
        let row: Int32
        do {
            row = try s.builder.addReport(id: id, transfer: transfer, victim: victim, reportedAt: at)
        } catch {
            if error == .duplicateID, let first = s.builder.reportIndex(id) {
                throw RowProblem(column: 0, cause: .duplicateID, message: "duplicate report id (first on line \(s.reportLines[Int(first)]))")
            }
            throw Self.problem(error, column: 0)
        }
        if !atText.isEmpty && style != .utc { s.builder.keepVerbatim(.reports, column: "reported_at", row: row, bytes: atText) }
        s.reportLines.append(Int32(clamping: reader.line))
        return row
    }

    // MARK: -

    private static func problem(_ p: CaseBuilder.Problem, column: Int, cause: CaseIssue.Cause? = nil) -> RowProblem {
        let c: CaseIssue.Cause
        switch p {
        case .duplicateID: c = .duplicateID
        case .missingValue: c = .missingValue
        case .tooManyDistinct: c = .tooManyDistinct
        case .cannotHoldMoney: c = .notAnAccount
        case .unknownReference: c = .unknownReference
        }
        return RowProblem(column: column, cause: cause ?? c, message: p.description)
    }
}
