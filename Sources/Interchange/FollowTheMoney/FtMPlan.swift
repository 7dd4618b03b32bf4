import FraudGraph
import Foundation

/// What an FtM export decides before it writes a line: the schema of every entity,
/// the entities whose case id cannot be their FtM id, each account's holder (the
/// payer or beneficiary of its payments) and the accounts that need a stand-in
/// holder. Immutable while the lines are written.
struct FtMPlan {
    /// The schemata entities are written as, and each entity's one (an index).
    var schemata: [FtMSchema] = []
    var schemaOf: ContiguousArray<UInt16> = []
    /// Entities whose FtM id is derived (`fg-e-HASH`), and those ids.
    var isDerived: ContiguousArray<Bool> = []
    var derivedID: [Int32: String] = [:]
    /// The first person or organization that owns each account (-1: none).
    var holder: ContiguousArray<Int32> = []
    /// The stand-in holder of each account that transfers money without a holder.
    var standInID: [Int32: [UInt8]] = [:]
    /// Transfers whose id is also an entity's id (their Payment id is derived).
    var transferIDClashes = Set<Int32>()
    /// Each entity's FtM id and its payer/beneficiary's, as bytes.
    var ids = FtMEntityIDs()

    /// - Complexity: O(entities + links + transfers).
    init(_ c: Case, model: FtMModel) {
        let e = c.entities
        let schemaColumn = e.attributes.column(named: "ftm:schema")
        var schemaIndex: [String: UInt16] = [:]
        schemaOf.reserveCapacity(e.count)
        isDerived.reserveCapacity(e.count)
        var cursor = SparseCursor(schemaColumn.map { e.attributes.columns[$0] })
        func index(_ name: String) -> UInt16 {
            if let k = schemaIndex[name] { return k }
            let k = UInt16(schemata.count)
            schemata.append(model[name]!)
            schemaIndex[name] = k
            return k
        }
        // The schema of each kind, when no `ftm:schema` attribute asks for another.
        var schemaOfKind = [UInt16?](repeating: nil, count: e.kinds.count)
        for i in 0 ..< e.count {
            let code = Int(e.kind[i])
            var asked: String?
            _ = cursor.value(at: Int32(i)) { bytes in
                let name = String(decoding: bytes, as: UTF8.self)
                if let s = model[name], !s.isAbstract, s.isThing { asked = name }
            }
            if let asked {
                schemaOf.append(index(asked))
            } else if code < schemaOfKind.count, let k = schemaOfKind[code] {
                schemaOf.append(k)
            } else {
                let k = index(FtMMapping.defaultSchema(forKind: e.kinds[e.kind[i]]))
                if code < schemaOfKind.count { schemaOfKind[code] = k }
                schemaOf.append(k)
            }
            let row = Int32(i)
            let verbatim = e.ids.withBytes(row) { FtMIdentifiers.isVerbatimEntityID($0) }
            isDerived.append(!verbatim)
            if !verbatim { derivedID[row] = FtMIdentifiers.hashed("fg-e-", e.ids[row]) }
        }
        // Holders: the first legal entity that owns each account.
        let isLegalEntity = schemata.map { $0.isA("LegalEntity") }
        holder = ContiguousArray(repeating: -1, count: e.count)
        let l = c.links
        for k in 0 ..< l.count where l.kind[k] == LinkKind.Code.owns {
            let s = l.source[k], t = l.target[k]
            if holder[Int(t)] < 0 && isLegalEntity[Int(schemaOf[Int(s)])] && e.holdsMoney(t) { holder[Int(t)] = s }
        }
        let t = c.transfers
        // The clashing ids are looked up on a thread of their own (millions of lookups
        // in a big hash table) while this one does the rest.
        let clashes = Self.lookUpClashes(c)
        var needsStandIn = [Bool](repeating: false, count: e.count)
        for k in 0 ..< t.count {
            if holder[Int(t.source[k])] < 0 { needsStandIn[Int(t.source[k])] = true }
            if holder[Int(t.target[k])] < 0 { needsStandIn[Int(t.target[k])] = true }
        }
        for i in 0 ..< e.count where needsStandIn[i] {
            let account = Int32(i)
            let ftmID = isDerived[i] ? derivedID[account]! : e.ids[account]
            standInID[account] = Array(FtMIdentifiers.standInID(accountFtMID: ftmID).utf8)
        }
        let isBank = schemata.map { $0.isA("BankAccount") }
        let (isDerived, derivedID, holder, standInID, schemaOf) = (isDerived, derivedID, holder, standInID, schemaOf)
        func appendID(_ x: Int32, _ bytes: inout ContiguousArray<UInt8>) {
            if isDerived[Int(x)] { bytes.append(contentsOf: derivedID[x]!.utf8) } else { e.ids.withBytes(x) { bytes.append(contentsOf: $0) } }
        }
        ids = FtMEntityIDs(
            count: e.count, isBank: { isBank[Int(schemaOf[Int($0)])] },
            appendParty: { x, bytes in
                let h = holder[Int(x)]
                if h >= 0 { appendID(h, &bytes) } else if needsStandIn[Int(x)] { bytes.append(contentsOf: standInID[x]!) }
            },
            appendID: appendID)
        transferIDClashes = clashes.wait()
    }

    /// Starts looking up, on another thread, the transfers whose id is also an entity's.
    private static func lookUpClashes(_ c: Case) -> Later<Set<Int32>> {
        let later = Later<Set<Int32>>()
        let thread = Thread {
            let e = c.entities, t = c.transfers
            var clashes = Set<Int32>()
            // Look the entities up among the transfers (usually far fewer lookups than
            // the other way round).
            if e.count <= t.count {
                for i in 0 ..< e.count {
                    if let k = e.ids.withBytes(Int32(i), { t.ids.index(of: $0) }) { clashes.insert(k) }
                }
            } else {
                for k in 0 ..< t.count where t.ids.withBytes(Int32(k), { e.ids.index(of: $0) }) != nil { clashes.insert(Int32(k)) }
            }
            later.set(clashes)
        }
        thread.start()
        return later
    }
}
