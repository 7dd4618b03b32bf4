/// Collects a case row by row, then freezes it into a `Case`.
///
/// Readers (case folders, FollowTheMoney, a future SQLite store) and the generator
/// fill a builder. Every `add` either adds a whole row or changes nothing and says
/// why, so a rejected row never leaves half of itself behind.
public struct CaseBuilder: Sendable {
    public private(set) var entities = EntityTable()
    public private(set) var links = LinkTable()
    public private(set) var transfers = TransferTable()
    public private(set) var reports = ReportTable()
    /// One bit an entity: can it send or receive money? The check every transfer
    /// makes twice; 2.3M entities fit in 290 KB, which stays in cache where the
    /// kind column would not.
    private var moneyHolders: [UInt64] = []

    public init() {}

    private mutating func noteEntity(_ e: Int32, kind: UInt16) {
        let word = Int(e) >> 6
        if word >= moneyHolders.count { moneyHolders.append(0) }
        if EntityKind.Code.holdsMoney(kind) { moneyHolders[word] |= 1 << UInt64(Int(e) & 63) }
    }

    @inline(__always)
    private func canHoldMoney(_ e: Int32) -> Bool {
        moneyHolders[Int(e) >> 6] & (1 << UInt64(Int(e) & 63)) != 0
    }

    /// The four tables of a case.
    public enum Table: String, Sendable, CaseIterable {
        case entities, links, transfers, reports
    }

    /// Why a row was not added.
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        /// The id is already taken in this table.
        case duplicateID
        /// A required value is empty.
        case missingValue(column: String)
        /// A column has more distinct values than a vocabulary holds (65,536).
        case tooManyDistinct(column: String)
        /// A transfer names an entity that cannot hold money.
        case cannotHoldMoney(column: String, kind: String)
        /// An id that no entity, or no transfer, has.
        case unknownReference(column: String)

        public var description: String {
            switch self {
            case .duplicateID: "duplicate id"
            case .missingValue(let c): "\(c) is empty"
            case .tooManyDistinct(let c): "\(c) has more than 65,536 distinct values"
            case .cannotHoldMoney(let c, let k): "\(c) is a \(k), not an account or wallet"
            case .unknownReference(let c): "\(c) names no known entity"
            }
        }
    }

    /// An entity named by a transfer: one the case has, or an outside account to add.
    public enum AccountReference {
        case entity(Int32)
        /// An id the case does not have yet: it becomes an outside account
        /// (kind `account`, `external=true`) when the transfer is added.
        case outside(UnsafeBufferPointer<UInt8>)
    }

    // MARK: - Vocabulary codes

    /// The code of an entity kind; a known kind in another letter case
    /// (`Person`) is the known kind, and `normalized` says so.
    public mutating func entityKindCode(_ word: UnsafeBufferPointer<UInt8>) throws(Problem) -> (code: UInt16, normalized: Bool) {
        if word.isEmpty { throw .missingValue(column: "kind") }
        if let code = entities.kinds.code(of: word) { return (code, false) }
        if let known = EntityKind.known(matching: String(decoding: word, as: UTF8.self)),
           let code = entities.kinds.code(of: known.name) { return (code, true) }
        guard let code = entities.kinds.intern(word) else { throw .tooManyDistinct(column: "kind") }
        return (code, false)
    }

    /// The code of a link kind; a known kind in another letter case is the known kind.
    public mutating func linkKindCode(_ word: UnsafeBufferPointer<UInt8>) throws(Problem) -> (code: UInt16, normalized: Bool) {
        if word.isEmpty { throw .missingValue(column: "kind") }
        if let code = links.kinds.code(of: word) { return (code, false) }
        if let known = LinkKind.known(matching: String(decoding: word, as: UTF8.self)),
           let code = links.kinds.code(of: known.name) { return (code, true) }
        guard let code = links.kinds.intern(word) else { throw .tooManyDistinct(column: "kind") }
        return (code, false)
    }

    /// The code of a country (0 for empty).
    public mutating func countryCode(_ word: UnsafeBufferPointer<UInt8>) throws(Problem) -> UInt16 {
        guard let code = entities.countries.intern(word) else { throw .tooManyDistinct(column: "country") }
        return code
    }

    /// The code of a role (0 for empty).
    public mutating func roleCode(_ word: UnsafeBufferPointer<UInt8>) throws(Problem) -> UInt16 {
        guard let code = entities.roles.intern(word) else { throw .tooManyDistinct(column: "role") }
        return code
    }

    /// The code of a currency; empty means USD.
    public mutating func currencyCode(_ word: UnsafeBufferPointer<UInt8>) throws(Problem) -> UInt16 {
        if word.isEmpty { return 1 }
        guard let code = transfers.currencies.intern(word) else { throw .tooManyDistinct(column: "currency") }
        return code
    }

    /// The code of a channel (0 for empty).
    public mutating func channelCode(_ word: UnsafeBufferPointer<UInt8>) throws(Problem) -> UInt16 {
        guard let code = transfers.channels.intern(word) else { throw .tooManyDistinct(column: "channel") }
        return code
    }

    // MARK: - Rows

    /// Adds an entity; its index is returned. Codes come from the `...Code` methods.
    /// `idHash`, when given, is `byteHash(id)`, computed earlier (see `prefetch`).
    @discardableResult
    public mutating func addEntity(
        id: UnsafeBufferPointer<UInt8>, kind: UInt16, name: UnsafeBufferPointer<UInt8>,
        country: UInt16, role: UInt16, idHash: UInt64? = nil
    ) throws(Problem) -> Int32 {
        if id.isEmpty { throw .missingValue(column: "id") }
        let (index, inserted) = entities.ids.insert(id, hash: idHash ?? byteHash(id))
        guard inserted else { throw .duplicateID }
        entities.kind.append(kind)
        noteEntity(index, kind: kind)
        entities.name.append(bytes: name)
        entities.country.append(country)
        entities.role.append(role)
        entities.isOutside.append(false)
        return index
    }

    /// Whole columns of entities, read elsewhere (by a reader that parses a file on
    /// several threads), for `installEntities`.
    public struct EntityColumns: Sendable {
        /// Entity ids, indexed (`StringInterner.indexing`); row `e` is entity `e`.
        public var ids: StringInterner
        public var kind: ContiguousArray<UInt16> = []
        public var name = StringColumn()
        public var country: ContiguousArray<UInt16> = []
        public var role: ContiguousArray<UInt16> = []

        public init(ids: StringInterner) { self.ids = ids }
    }

    /// Takes whole entity columns as the builder's entities, in place of adding them
    /// one by one: the result is what `addEntity` row by row would give. The builder
    /// must have no entities yet; every column has one value per id; kind, country
    /// and role are codes from `entityKindCode`, `countryCode` and `roleCode`.
    public mutating func installEntities(_ columns: consuming EntityColumns) {
        let n = columns.ids.count
        precondition(entities.count == 0 && entities.ids.count == 0, "the builder has entities already")
        precondition(columns.kind.count == n && columns.name.count == n && columns.country.count == n
            && columns.role.count == n, "entity columns of different lengths")
        entities.ids = columns.ids
        entities.kind = columns.kind
        entities.name = columns.name
        entities.country = columns.country
        entities.role = columns.role
        entities.isOutside = ContiguousArray(repeating: false, count: n)
        entities.isOutside.reserveCapacity(columns.kind.capacity)
        moneyHolders = [UInt64](repeating: 0, count: (n + 63) / 64)
        entities.kind.withUnsafeBufferPointer { kinds in
            for e in 0 ..< n where EntityKind.Code.holdsMoney(kinds[e]) { moneyHolders[e >> 6] |= 1 << UInt64(e & 63) }
        }
    }

    /// Adds an entity from strings (for generators and tests).
    @discardableResult
    public mutating func addEntity(
        id: String, kind: EntityKind, name: String = "", country: String = "", role: String = ""
    ) throws(Problem) -> Int32 {
        let kindCode = try Self.utf8(kind.name) { (w) throws(Problem) in try entityKindCode(w).code }
        let countryCode = try Self.utf8(country) { (w) throws(Problem) in try self.countryCode(w) }
        let roleCode = try Self.utf8(role) { (w) throws(Problem) in try self.roleCode(w) }
        return try Self.utf8(id) { (i) throws(Problem) in
            try Self.utf8(name) { (n) throws(Problem) in
                try addEntity(id: i, kind: kindCode, name: n, country: countryCode, role: roleCode)
            }
        }
    }

    /// The index of the entity with this id, or nil.
    public func entityIndex(_ id: UnsafeBufferPointer<UInt8>) -> Int32? { entities.ids.index(of: id) }

    /// The index of the entity with this id, whose `byteHash` is `hash`, or nil.
    @inlinable
    public func entityIndex(_ id: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32? { entities.ids.index(of: id, hash: hash) }

    /// Touches the entity id table for these hashes, so that the lookups that follow
    /// find it in cache (`StringInterner.prefetch`).
    public func prefetchEntities(hashes: UnsafeBufferPointer<UInt64>) -> UInt64 { entities.ids.prefetch(hashes: hashes) }

    /// Touches the transfer id table for these hashes.
    public func prefetchTransfers(hashes: UnsafeBufferPointer<UInt64>) -> UInt64 { transfers.ids.prefetch(hashes: hashes) }

    /// The index of the entity with this id, or nil.
    public func entityIndex(_ id: String) -> Int32? { entities.ids.index(of: id) }

    /// Whether entity `e` can send or receive money.
    public func holdsMoney(_ e: Int32) -> Bool { entities.holdsMoney(e) }

    /// One bit an entity, set for those that can send or receive money (entity `e`
    /// is bit `e & 63` of word `e >> 6`): the check a reader makes twice a transfer,
    /// in 290 KB for 2.3M entities.
    public var moneyHolderBits: [UInt64] { moneyHolders }

    /// The kind name of entity `e`.
    public func kindName(_ e: Int32) -> String { entities.kinds[entities.kind[Int(e)]] }

    /// Adds a link between two entities.
    @discardableResult
    public mutating func addLink(source: Int32, target: Int32, kind: UInt16, time: Int64 = Timestamp.absent, weight: Double = 1) -> Int32 {
        links.source.append(source)
        links.target.append(target)
        links.kind.append(kind)
        links.time.append(time)
        links.weight.append(weight)
        return Int32(links.count - 1)
    }

    /// Whole link columns, read elsewhere, for `installLinks`.
    public struct LinkColumns: Sendable {
        public var source: ContiguousArray<Int32> = []
        public var target: ContiguousArray<Int32> = []
        public var kind: ContiguousArray<UInt16> = []
        public var time: ContiguousArray<Int64> = []
        public var weight: ContiguousArray<Double> = []

        public init() {}
    }

    /// Takes whole link columns as the builder's links, in place of adding them one
    /// by one (`addLink` row by row gives the same). The builder must have no links
    /// yet; ends are entities of the builder; kinds are codes from `linkKindCode`.
    public mutating func installLinks(_ columns: consuming LinkColumns) {
        let n = columns.source.count
        precondition(links.count == 0, "the builder has links already")
        precondition(columns.target.count == n && columns.kind.count == n && columns.time.count == n
            && columns.weight.count == n, "link columns of different lengths")
        links.source = columns.source
        links.target = columns.target
        links.kind = columns.kind
        links.time = columns.time
        links.weight = columns.weight
    }

    /// Adds a link from a kind word (for generators and tests).
    @discardableResult
    public mutating func addLink(source: Int32, target: Int32, kind: LinkKind, time: Int64 = Timestamp.absent, weight: Double = 1) throws(Problem) -> Int32 {
        let code = try Self.utf8(kind.name) { (w) throws(Problem) in try linkKindCode(w).code }
        return addLink(source: source, target: target, kind: code, time: time, weight: weight)
    }

    /// Adds a transfer of a positive `amount`. Outside accounts it names are created
    /// only if the transfer is added. `idHash`, when given, is `byteHash(id)`.
    @discardableResult
    public mutating func addTransfer(
        id: UnsafeBufferPointer<UInt8>, source: AccountReference, target: AccountReference,
        amount: Money, time: Int64, currency: UInt16, channel: UInt16, form: TransferTextForm, idHash: UInt64? = nil
    ) throws(Problem) -> Int32 {
        precondition(amount.units > 0, "a transfer's amount must be positive (readers refuse others as bad amounts)")
        if id.isEmpty { throw .missingValue(column: "id") }
        if case .entity(let e) = source, !canHoldMoney(e) {
            throw .cannotHoldMoney(column: "from", kind: kindName(e))
        }
        if case .entity(let e) = target, !canHoldMoney(e) {
            throw .cannotHoldMoney(column: "to", kind: kindName(e))
        }
        let (index, inserted) = transfers.ids.insert(id, hash: idHash ?? byteHash(id))
        guard inserted else { throw .duplicateID }
        let from = resolve(source)
        let to = resolve(target)
        transfers.source.append(from)
        transfers.target.append(to)
        transfers.amount.append(amount.units)
        transfers.time.append(time)
        transfers.currency.append(currency)
        transfers.channel.append(channel)
        transfers.textForm.append(form)
        return index
    }

    /// Whole columns of transfers, read elsewhere (by a reader that parses a file on
    /// several threads), for `installTransfers`.
    public struct TransferColumns: Sendable {
        /// Transfer ids, indexed (`StringInterner.indexing`), row `t` is transfer `t`.
        public var ids: StringInterner
        public var source: ContiguousArray<Int32> = []
        public var target: ContiguousArray<Int32> = []
        public var amount: ContiguousArray<Int64> = []
        public var time: ContiguousArray<Int64> = []
        public var currency: ContiguousArray<UInt16> = []
        public var channel: ContiguousArray<UInt16> = []
        public var textForm: ContiguousArray<TransferTextForm> = []

        public init(ids: StringInterner) { self.ids = ids }
    }

    /// Takes whole transfer columns as the builder's transfers, in place of adding
    /// them one by one: the result is what `addTransfer` row by row would give. The
    /// builder must have no transfers yet; every column has one value per id; source
    /// and target are entities of the builder that can hold money (outside accounts
    /// added first with `addOutsideAccount`, in the order the rows name them);
    /// currency and channel are codes from `currencyCode` and `channelCode`.
    public mutating func installTransfers(_ columns: consuming TransferColumns) {
        let n = columns.ids.count
        precondition(transfers.count == 0 && transfers.ids.count == 0, "the builder has transfers already")
        precondition(columns.source.count == n && columns.target.count == n && columns.amount.count == n
            && columns.time.count == n && columns.currency.count == n && columns.channel.count == n
            && columns.textForm.count == n, "transfer columns of different lengths")
        #if FRAUDGRAPH_CHECKS
        for t in 0 ..< n {
            precondition(canHoldMoney(columns.source[t]) && canHoldMoney(columns.target[t]))
            precondition(Int(columns.currency[t]) < transfers.currencies.count && Int(columns.channel[t]) < transfers.channels.count)
        }
        #endif
        transfers.ids = columns.ids
        transfers.source = columns.source
        transfers.target = columns.target
        transfers.amount = columns.amount
        transfers.time = columns.time
        transfers.currency = columns.currency
        transfers.channel = columns.channel
        transfers.textForm = columns.textForm
    }

    /// Adds a transfer between two entities the builder has (for generators and tests).
    @discardableResult
    public mutating func addTransfer(
        id: String, from: Int32, to: Int32, amount: Money, time: Int64,
        currency: String = TransferTable.defaultCurrency, channel: String = ""
    ) throws(Problem) -> Int32 {
        let c = try Self.utf8(currency) { (w) throws(Problem) in try currencyCode(w) }
        let ch = try Self.utf8(channel) { (w) throws(Problem) in try channelCode(w) }
        let form = TransferTextForm(amountFractionDigits: amount.significantFractionDigits, timeStyle: .utc, offsetMinutes: 0)
        return try Self.utf8(id) { (i) throws(Problem) in
            try addTransfer(id: i, source: .entity(from), target: .entity(to), amount: amount, time: time,
                            currency: c, channel: ch, form: form)
        }
    }

    /// Adds an outside account (kind `account`, `external=true`, not listed in
    /// `entities.csv`), or finds it if it is there; returns its index. Readers create
    /// outside accounts as transfers name them; a generator may create them first,
    /// in the order its transfers will name them.
    @discardableResult
    public mutating func addOutsideAccount(id: UnsafeBufferPointer<UInt8>) -> Int32 { resolve(.outside(id)) }

    private mutating func resolve(_ ref: AccountReference) -> Int32 {
        switch ref {
        case .entity(let e): return e
        case .outside(let id):
            if let e = entities.ids.index(of: id) { return e }  // both ends may name the same new id
            let (e, _) = entities.ids.insert(id)
            entities.kind.append(EntityKind.Code.account)
            noteEntity(e, kind: EntityKind.Code.account)
            entities.name.append(bytes: UnsafeBufferPointer(start: nil, count: 0))
            entities.country.append(0)
            entities.role.append(0)
            entities.isOutside.append(true)
            return e
        }
    }

    /// The index of the transfer with this id, or nil.
    public func transferIndex(_ id: UnsafeBufferPointer<UInt8>) -> Int32? { transfers.ids.index(of: id) }

    /// The index of the report with this id, or nil.
    public func reportIndex(_ id: UnsafeBufferPointer<UInt8>) -> Int32? { reports.ids.index(of: id) }

    /// Adds a victim's report of transfer `transfer`.
    @discardableResult
    public mutating func addReport(id: UnsafeBufferPointer<UInt8>, transfer: Int32, victim: Int32 = -1, reportedAt: Int64 = Timestamp.absent) throws(Problem) -> Int32 {
        if id.isEmpty { throw .missingValue(column: "id") }
        let (index, inserted) = reports.ids.insert(id)
        guard inserted else { throw .duplicateID }
        reports.transfer.append(transfer)
        reports.victim.append(victim)
        reports.reportedAt.append(reportedAt)
        return index
    }

    /// Adds a report from strings (for generators and tests).
    @discardableResult
    public mutating func addReport(id: String, transfer: Int32, victim: Int32 = -1, reportedAt: Int64 = Timestamp.absent) throws(Problem) -> Int32 {
        return try Self.utf8(id) { (i) throws(Problem) in try addReport(id: i, transfer: transfer, victim: victim, reportedAt: reportedAt) }
    }

    // MARK: - Attributes and layout

    /// Adds (or finds) an attribute column of `table`; returns its position.
    @discardableResult
    public mutating func addAttributeColumn(_ table: Table, named name: String) -> Int {
        switch table {
        case .entities: entities.attributes.addColumn(named: name)
        case .links: links.attributes.addColumn(named: name)
        case .transfers: transfers.attributes.addColumn(named: name)
        case .reports: reports.attributes.addColumn(named: name)
        }
    }

    /// Sets an attribute of row `row` (rows in increasing order per column).
    public mutating func setAttribute(_ table: Table, column k: Int, row: Int32, bytes: UnsafeBufferPointer<UInt8>) {
        switch table {
        case .entities: entities.attributes.append(column: k, row: row, bytes: bytes)
        case .links: links.attributes.append(column: k, row: row, bytes: bytes)
        case .transfers: transfers.attributes.append(column: k, row: row, bytes: bytes)
        case .reports: reports.attributes.append(column: k, row: row, bytes: bytes)
        }
    }

    /// Appends the values of `values`, their rows `rowOffset` higher, to attribute
    /// column `k` of `table` (rows after those already there).
    public mutating func appendAttributes(_ table: Table, column k: Int, contentsOf values: SparseStringColumn, rowOffset: Int32) {
        switch table {
        case .entities: entities.attributes.append(column: k, contentsOf: values, rowOffset: rowOffset)
        case .links: links.attributes.append(column: k, contentsOf: values, rowOffset: rowOffset)
        case .transfers: transfers.attributes.append(column: k, contentsOf: values, rowOffset: rowOffset)
        case .reports: reports.attributes.append(column: k, contentsOf: values, rowOffset: rowOffset)
        }
    }

    /// Sets an attribute by name (for generators and tests).
    public mutating func setAttribute(_ table: Table, _ name: String, row: Int32, _ value: String) {
        let k = addAttributeColumn(table, named: name)
        var v = value
        v.withUTF8 { setAttribute(table, column: k, row: row, bytes: $0) }
    }

    /// Records the header of `table`'s file as written.
    public mutating func setHeader(_ table: Table, _ header: [String]) {
        switch table {
        case .entities: entities.layout.header = header
        case .links: links.layout.header = header
        case .transfers: transfers.layout.header = header
        case .reports: reports.layout.header = header
        }
    }

    /// Records the exact text of a known column's value that is not in canonical form.
    public mutating func keepVerbatim(_ table: Table, column: String, row: Int32, bytes: UnsafeBufferPointer<UInt8>) {
        switch table {
        case .entities: entities.layout.keep(column, row: row, bytes: bytes)
        case .links: links.layout.keep(column, row: row, bytes: bytes)
        case .transfers: transfers.layout.keep(column, row: row, bytes: bytes)
        case .reports: reports.layout.keep(column, row: row, bytes: bytes)
        }
    }

    /// Reserves room for about this many rows.
    public mutating func reserve(entities e: Int = 0, links l: Int = 0, transfers t: Int = 0) {
        if e > 0 {
            entities.ids.reserve(e, bytesEach: 10)
            entities.kind.reserveCapacity(e); entities.country.reserveCapacity(e)
            entities.role.reserveCapacity(e); entities.isOutside.reserveCapacity(e)
            entities.name.reserve(rows: e, bytesPerRow: 8)
        }
        if l > 0 {
            links.source.reserveCapacity(l); links.target.reserveCapacity(l); links.kind.reserveCapacity(l)
            links.time.reserveCapacity(l); links.weight.reserveCapacity(l)
        }
        if t > 0 {
            transfers.ids.reserve(t, bytesEach: 10)
            transfers.source.reserveCapacity(t); transfers.target.reserveCapacity(t)
            transfers.amount.reserveCapacity(t); transfers.time.reserveCapacity(t)
            transfers.currency.reserveCapacity(t); transfers.channel.reserveCapacity(t)
            transfers.textForm.reserveCapacity(t)
        }
    }

    /// Calls `body` with the UTF-8 bytes of `string`, passing on its typed error.
    private static func utf8<R>(_ string: String, _ body: (UnsafeBufferPointer<UInt8>) throws(Problem) -> R) throws(Problem) -> R {
        var s = string
        let result = s.withUTF8 { bytes in Result { () throws(Problem) -> R in try body(bytes) } }
        return try result.get()
    }

    // MARK: - Freezing

    /// The case, frozen. The builder can be dropped afterwards.
    public func freeze() -> Case {
        Case(entities: entities, links: links, transfers: transfers, reports: reports)
    }
}
