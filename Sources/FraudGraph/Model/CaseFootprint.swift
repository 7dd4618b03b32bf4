/// How much memory a case's columns hold, in bytes: the fixed-width columns of each
/// table apart from the text (ids, names, attributes) and the id tables, so that the
/// cost of a transfer can be set against the design budget of 40 bytes.
public struct CaseFootprint: Sendable, Equatable {
    /// Fixed-width columns of each table (allocated capacity).
    public var entityColumns: Int
    public var linkColumns: Int
    public var transferColumns: Int
    public var reportColumns: Int
    /// Text, its offsets, the id hash tables and the attribute columns.
    public var strings: Int
    public var transferCount: Int
    public var entityCount: Int

    public init(_ c: Case) {
        func bytes<T>(_ a: ContiguousArray<T>) -> Int { a.capacity * MemoryLayout<T>.stride }
        let e = c.entities, l = c.links, t = c.transfers, r = c.reports
        entityColumns = bytes(e.kind) + bytes(e.country) + bytes(e.role) + bytes(e.isOutside)
        linkColumns = bytes(l.source) + bytes(l.target) + bytes(l.kind) + bytes(l.time) + bytes(l.weight)
        transferColumns = bytes(t.source) + bytes(t.target) + bytes(t.amount) + bytes(t.time)
            + bytes(t.currency) + bytes(t.channel) + bytes(t.textForm)
        reportColumns = bytes(r.transfer) + bytes(r.victim) + bytes(r.reportedAt)
        func attributeBytes(_ a: AttributeColumns) -> Int {
            a.columns.reduce(0) { $0 + $1.rows.count * 4 + $1.values.byteCount + $1.values.count * 8 }
        }
        strings = e.ids.memoryFootprint + e.name.byteCount + e.name.count * 8 + t.ids.memoryFootprint + r.ids.memoryFootprint
            + attributeBytes(e.attributes) + attributeBytes(l.attributes) + attributeBytes(t.attributes) + attributeBytes(r.attributes)
        transferCount = t.count
        entityCount = e.count
    }

    /// Bytes of fixed-width columns per transfer (strings aside).
    public var bytesPerTransfer: Double { transferCount == 0 ? 0 : Double(transferColumns) / Double(transferCount) }

    /// Bytes of fixed-width columns per entity (strings aside).
    public var bytesPerEntity: Double { entityCount == 0 ? 0 : Double(entityColumns) / Double(entityCount) }

    /// Everything together.
    public var total: Int { entityColumns + linkColumns + transferColumns + reportColumns + strings }
}
