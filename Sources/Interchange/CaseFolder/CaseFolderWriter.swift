import FraudGraph
import Foundation

/// Writes a `Case` as a case folder that holds every row, column and value that was
/// read: the headers as they were, unknown columns, and the exact text of values
/// (`1250.50`, `+07:00`). Outside accounts, which no file listed, are not written:
/// reading the folder again brings them back from the transfers.
///
/// The folder appears all at once (`AtomicFolder`). Columns are resolved once per
/// file; rows are written straight from the columns into a 4 MiB buffer.
public struct CaseFolderWriter: Sendable {
    public init() {}

    /// Writes `c` to the folder `path`; `extra` may add files (such as `truth/`)
    /// before the folder takes its place. An existing case folder is replaced only if
    /// nothing in it would be lost (`AtomicFolder`'s `keepingOthers`).
    public func write(_ c: Case, to path: String, extra: ((String) throws -> Void)? = nil) throws {
        try AtomicFolder.write(path, keepingOthers: true) { folder in
            try writeTables(c, into: folder)
            try extra?(folder)
        }
    }

    /// Writes the case's files into an existing folder.
    public func writeTables(_ c: Case, into folder: String) throws {
        try writeEntities(c, to: folder + "/" + CaseFile.entities)
        if c.transfers.count > 0 || !c.transfers.layout.header.isEmpty {
            try writeTransfers(c, to: folder + "/" + CaseFile.transfers)
        }
        if c.links.count > 0 || !c.links.layout.header.isEmpty {
            try writeLinks(c, to: folder + "/" + CaseFile.links)
        }
        if c.reports.count > 0 || !c.reports.layout.header.isEmpty {
            try writeReports(c, to: folder + "/" + CaseFile.reports)
        }
    }

    // MARK: - Columns

    /// What one column of a file holds.
    enum Column {
        case id, kind, name, country, role
        case source, target, time, weight
        case from, to, amount, currency, channel
        case transfer, victim, reportedAt
        case attribute(Int)
        case unknown

        init(_ key: String) {
            switch key {
            case "id": self = .id
            case "kind": self = .kind
            case "name": self = .name
            case "country": self = .country
            case "role": self = .role
            case "source": self = .source
            case "target": self = .target
            case "time": self = .time
            case "weight": self = .weight
            case "from": self = .from
            case "to": self = .to
            case "amount": self = .amount
            case "currency": self = .currency
            case "channel": self = .channel
            case "transfer": self = .transfer
            case "victim": self = .victim
            case "reported_at": self = .reportedAt
            default: self = .unknown
            }
        }
    }

    /// The columns of one file: what each holds and where its exact written text is.
    struct Plan {
        var header: [String]
        var columns: [Column]
        /// For each column, the position of its exact-text overlay in `cursors`, or -1.
        var verbatim: [Int]
        var cursors: [Cursor]
        var attributeCursors: [Cursor]
        /// Whether every value is written from typed columns alone (the fast path).
        var plain: Bool

        init(header written: [String], known: [String], attributes: AttributeColumns, layout: TableLayout) {
            header = written.isEmpty ? known : written
            var used = Set<Int>()
            columns = header.map { name in
                let key = name.trimmingCharacters(in: .whitespaces).lowercased()
                if known.contains(key) { return Column(key) }
                if let k = attributes.column(named: name) {
                    used.insert(k)
                    return .attribute(k)
                }
                return .unknown
            }
            for k in 0 ..< attributes.count where !used.contains(k) {
                header.append(attributes.names[k])
                columns.append(.attribute(k))
            }
            cursors = []
            verbatim = header.map { _ in -1 }
            for (i, name) in header.enumerated() {
                let key = name.trimmingCharacters(in: .whitespaces).lowercased()
                if case .attribute = columns[i] { continue }
                if let overlay = layout.verbatim[key] {
                    verbatim[i] = cursors.count
                    cursors.append(Cursor(overlay))
                }
            }
            attributeCursors = attributes.columns.map { Cursor($0) }
            plain = cursors.isEmpty && attributes.count == 0
        }

        /// Writes column `i` of `row` from its overlay or attribute if it has one;
        /// returns false when the typed value must be written.
        @inline(__always)
        mutating func writeStored(_ i: Int, row: Int32, _ out: CSVWriter) -> Bool {
            if case .attribute(let k) = columns[i] {
                if !attributeCursors[k].value(at: row, { out.field($0) }) { out.field(CaseFolderWriter.empty) }
                return true
            }
            let v = verbatim[i]
            return v >= 0 && cursors[v].value(at: row, { out.field($0) })
        }
    }

    static var empty: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: nil, count: 0) }

    /// Reads a sparse column row by row in increasing order, in O(1) a row.
    struct Cursor {
        let column: SparseStringColumn
        var position = 0

        init(_ column: SparseStringColumn) { self.column = column }

        /// Calls `body` with the value of `row` if the column has one.
        @inline(__always)
        mutating func value(at row: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> Void) -> Bool {
            while position < column.count && column.rows[position] < row { position += 1 }
            guard position < column.count && column.rows[position] == row else { return false }
            column.values.withBytes(position, body)
            return true
        }
    }

    /// Each word of a vocabulary as bytes, by code.
    private func words(_ v: Vocabulary) -> [[UInt8]] { (0 ..< v.count).map { Array(v[UInt16($0)].utf8) } }

    // MARK: - Tables

    func writeEntities(_ c: Case, to path: String) throws {
        let e = c.entities
        var plan = Plan(header: e.layout.header, known: EntityTable.columns, attributes: e.attributes, layout: e.layout)
        let out = try CSVWriter(path: path)
        try out.row(plan.header)
        let kinds = words(e.kinds), countries = words(e.countries), roles = words(e.roles)
        for i in 0 ..< e.count where !e.isOutside[i] {
            let row = Int32(i)
            for k in 0 ..< plan.columns.count {
                if !plan.plain && plan.writeStored(k, row: row, out) { continue }
                switch plan.columns[k] {
                case .id: e.ids.withBytes(row) { out.field($0) }
                case .kind: kinds[Int(e.kind[i])].withUnsafeBufferPointer { out.field($0) }
                case .name: e.name.withBytes(i) { out.field($0) }
                case .country: countries[Int(e.country[i])].withUnsafeBufferPointer { out.field($0) }
                case .role: roles[Int(e.role[i])].withUnsafeBufferPointer { out.field($0) }
                default: out.field(CaseFolderWriter.empty)
                }
            }
            try out.endRow()
        }
        try out.finish()
    }

    func writeLinks(_ c: Case, to path: String) throws {
        let l = c.links, e = c.entities
        var plan = Plan(header: l.layout.header, known: LinkTable.columns, attributes: l.attributes, layout: l.layout)
        let out = try CSVWriter(path: path)
        try out.row(plan.header)
        let kinds = words(l.kinds)
        for i in 0 ..< l.count {
            let row = Int32(i)
            for k in 0 ..< plan.columns.count {
                if !plan.plain && plan.writeStored(k, row: row, out) { continue }
                switch plan.columns[k] {
                case .source: e.ids.withBytes(l.source[i]) { out.field($0) }
                case .target: e.ids.withBytes(l.target[i]) { out.field($0) }
                case .kind: kinds[Int(l.kind[i])].withUnsafeBufferPointer { out.field($0) }
                case .time:
                    if l.time[i] == Timestamp.absent { out.field(CaseFolderWriter.empty) } else {
                        out.rawField { Timestamp.append(l.time[i], style: .utc, offsetMinutes: 0, to: &$0) }
                    }
                case .weight: out.field(CanonicalText.weight(l.weight[i]))
                default: out.field(CaseFolderWriter.empty)
                }
            }
            try out.endRow()
        }
        try out.finish()
    }

    func writeTransfers(_ c: Case, to path: String) throws {
        let t = c.transfers, e = c.entities
        var plan = Plan(header: t.layout.header, known: TransferTable.columns, attributes: t.attributes, layout: t.layout)
        let out = try CSVWriter(path: path)
        try out.row(plan.header)
        let currencies = words(t.currencies), channels = words(t.channels)
        for i in 0 ..< t.count {
            let row = Int32(i)
            let form = t.textForm[i]
            for k in 0 ..< plan.columns.count {
                if !plan.plain && plan.writeStored(k, row: row, out) { continue }
                switch plan.columns[k] {
                case .id: t.ids.withBytes(row) { out.field($0) }
                case .from: e.ids.withBytes(t.source[i]) { out.field($0) }
                case .to: e.ids.withBytes(t.target[i]) { out.field($0) }
                case .amount: out.rawField { Money(units: t.amount[i]).append(to: &$0, fractionDigits: form.amountFractionDigits) }
                case .currency: currencies[Int(t.currency[i])].withUnsafeBufferPointer { out.field($0) }
                case .time: out.rawField { Timestamp.append(t.time[i], style: form.timeStyle, offsetMinutes: form.offsetMinutes, to: &$0) }
                case .channel: channels[Int(t.channel[i])].withUnsafeBufferPointer { out.field($0) }
                default: out.field(CaseFolderWriter.empty)
                }
            }
            try out.endRow()
        }
        try out.finish()
    }

    func writeReports(_ c: Case, to path: String) throws {
        let r = c.reports, e = c.entities, t = c.transfers
        var plan = Plan(header: r.layout.header, known: ReportTable.columns, attributes: r.attributes, layout: r.layout)
        let out = try CSVWriter(path: path)
        try out.row(plan.header)
        for i in 0 ..< r.count {
            let row = Int32(i)
            for k in 0 ..< plan.columns.count {
                if !plan.plain && plan.writeStored(k, row: row, out) { continue }
                switch plan.columns[k] {
                case .id: r.ids.withBytes(row) { out.field($0) }
                case .transfer: t.ids.withBytes(r.transfer[i]) { out.field($0) }
                case .victim: if r.victim[i] >= 0 { e.ids.withBytes(r.victim[i]) { out.field($0) } } else { out.field(CaseFolderWriter.empty) }
                case .reportedAt:
                    if r.reportedAt[i] == Timestamp.absent { out.field(CaseFolderWriter.empty) } else {
                        out.rawField { Timestamp.append(r.reportedAt[i], style: .utc, offsetMinutes: 0, to: &$0) }
                    }
                default: out.field(CaseFolderWriter.empty)
                }
            }
            try out.endRow()
        }
        try out.finish()
    }
}
