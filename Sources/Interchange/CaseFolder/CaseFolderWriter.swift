import FraudGraph
import Foundation

/// Writes a `Case` as a case folder that holds every row, column and value that was
/// read: the headers as they were, unknown columns, and the exact text of values
/// (`1250.50`, `+07:00`). Outside accounts, which no file listed, are not written:
/// reading the folder again brings them back from the transfers.
///
/// The folder appears all at once (`AtomicFolder`).
public struct CaseFolderWriter: Sendable {
    public init() {}

    /// Writes `c` to the folder `path`; `extra` may add files (such as `truth/`)
    /// before the folder takes its place.
    public func write(_ c: Case, to path: String, extra: ((String) throws -> Void)? = nil) throws {
        try AtomicFolder.write(path) { folder in
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

    /// A column to write: one of the table's known columns, or an attribute.
    enum Column {
        case known(String)
        case attribute(Int)
    }

    /// The header to write and what each column is.
    static func plan(header: [String], known: [String], attributes: AttributeColumns) -> ([String], [Column]) {
        var names = header.isEmpty ? known : header
        var used = Set<Int>()
        var columns: [Column] = names.map { name in
            let key = name.trimmingCharacters(in: .whitespaces).lowercased()
            if known.contains(key) { return .known(key) }
            if let k = attributes.column(named: name) {
                used.insert(k)
                return .attribute(k)
            }
            return .known(key)  // a known column written canonically
        }
        for k in 0 ..< attributes.count where !used.contains(k) {
            names.append(attributes.names[k])
            columns.append(.attribute(k))
        }
        return (names, columns)
    }

    /// Reads a sparse column row by row in increasing order, in O(1) a row.
    struct Cursor {
        let column: SparseStringColumn?
        var position = 0

        init(_ column: SparseStringColumn?) { self.column = column }

        /// Calls `body` with the value of `row` if the column has one.
        mutating func value(at row: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> Void) -> Bool {
            guard let c = column else { return false }
            while position < c.count && c.rows[position] < row { position += 1 }
            guard position < c.count && c.rows[position] == row else { return false }
            c.values.withBytes(position, body)
            return true
        }
    }

    /// Writes the attribute and verbatim-aware known columns of one row.
    private func writeRow(
        _ out: CSVWriter, row: Int32, columns: [Column], attributes: inout [Cursor], verbatim: inout [String: Cursor],
        known: (String, CSVWriter) -> Void
    ) throws {
        for column in columns {
            switch column {
            case .attribute(let k):
                if !attributes[k].value(at: row, { out.field($0) }) { out.field(UnsafeBufferPointer(start: nil, count: 0)) }
            case .known(let name):
                if verbatim[name] != nil, verbatim[name]!.value(at: row, { out.field($0) }) { continue }
                known(name, out)
            }
        }
        try out.endRow()
    }

    private func cursors(_ a: AttributeColumns) -> [Cursor] { a.columns.map { Cursor($0) } }
    private func cursors(_ l: TableLayout) -> [String: Cursor] { l.verbatim.mapValues { Cursor($0) } }

    // MARK: - Tables

    func writeEntities(_ c: Case, to path: String) throws {
        let e = c.entities
        let (header, columns) = Self.plan(header: e.layout.header, known: EntityTable.columns, attributes: e.attributes)
        let out = try CSVWriter(path: path)
        try out.row(header)
        var attrs = cursors(e.attributes), verbatim = cursors(e.layout)
        for i in 0 ..< e.count where !e.isOutside[i] {
            let row = Int32(i)
            try writeRow(out, row: row, columns: columns, attributes: &attrs, verbatim: &verbatim) { name, out in
                switch name {
                case "id": e.ids.withBytes(row) { out.field($0) }
                case "kind": out.field(e.kinds[e.kind[i]])
                case "name": e.name.withBytes(i) { out.field($0) }
                case "country": out.field(e.countries[e.country[i]])
                case "role": out.field(e.roles[e.role[i]])
                default: out.field("")
                }
            }
        }
        try out.finish()
    }

    func writeLinks(_ c: Case, to path: String) throws {
        let l = c.links, e = c.entities
        let (header, columns) = Self.plan(header: l.layout.header, known: LinkTable.columns, attributes: l.attributes)
        let out = try CSVWriter(path: path)
        try out.row(header)
        var attrs = cursors(l.attributes), verbatim = cursors(l.layout)
        for i in 0 ..< l.count {
            try writeRow(out, row: Int32(i), columns: columns, attributes: &attrs, verbatim: &verbatim) { name, out in
                switch name {
                case "source": e.ids.withBytes(l.source[i]) { out.field($0) }
                case "target": e.ids.withBytes(l.target[i]) { out.field($0) }
                case "kind": out.field(l.kinds[l.kind[i]])
                case "time":
                    if l.time[i] == Timestamp.absent { out.field("") } else {
                        out.rawField { Timestamp.append(l.time[i], style: .utc, offsetMinutes: 0, to: &$0) }
                    }
                case "weight": out.field(CanonicalText.weight(l.weight[i]))
                default: out.field("")
                }
            }
        }
        try out.finish()
    }

    func writeTransfers(_ c: Case, to path: String) throws {
        let t = c.transfers, e = c.entities
        let (header, columns) = Self.plan(header: t.layout.header, known: TransferTable.columns, attributes: t.attributes)
        let out = try CSVWriter(path: path)
        try out.row(header)
        let currencyWords = (0 ..< t.currencies.count).map { Array(t.currencies[UInt16($0)].utf8) }
        let channelWords = (0 ..< t.channels.count).map { Array(t.channels[UInt16($0)].utf8) }
        var attrs = cursors(t.attributes), verbatim = cursors(t.layout)
        let plain = t.attributes.count == 0 && t.layout.verbatim.isEmpty
        for i in 0 ..< t.count {
            let row = Int32(i)
            let form = t.textForm[i]
            let writeKnown: (String, CSVWriter) -> Void = { name, out in
                switch name {
                case "id": t.ids.withBytes(row) { out.field($0) }
                case "from": e.ids.withBytes(t.source[i]) { out.field($0) }
                case "to": e.ids.withBytes(t.target[i]) { out.field($0) }
                case "amount": out.rawField { Money(units: t.amount[i]).append(to: &$0, fractionDigits: form.amountFractionDigits) }
                case "currency": currencyWords[Int(t.currency[i])].withUnsafeBufferPointer { out.field($0) }
                case "time": out.rawField { Timestamp.append(t.time[i], style: form.timeStyle, offsetMinutes: form.offsetMinutes, to: &$0) }
                case "channel": channelWords[Int(t.channel[i])].withUnsafeBufferPointer { out.field($0) }
                default: out.field("")
                }
            }
            if plain {
                for column in columns {
                    if case .known(let name) = column { writeKnown(name, out) }
                }
                try out.endRow()
            } else {
                try writeRow(out, row: row, columns: columns, attributes: &attrs, verbatim: &verbatim, known: writeKnown)
            }
        }
        try out.finish()
    }

    func writeReports(_ c: Case, to path: String) throws {
        let r = c.reports, e = c.entities, t = c.transfers
        let (header, columns) = Self.plan(header: r.layout.header, known: ReportTable.columns, attributes: r.attributes)
        let out = try CSVWriter(path: path)
        try out.row(header)
        var attrs = cursors(r.attributes), verbatim = cursors(r.layout)
        for i in 0 ..< r.count {
            let row = Int32(i)
            try writeRow(out, row: row, columns: columns, attributes: &attrs, verbatim: &verbatim) { name, out in
                switch name {
                case "id": r.ids.withBytes(row) { out.field($0) }
                case "transfer": t.ids.withBytes(r.transfer[i]) { out.field($0) }
                case "victim": if r.victim[i] >= 0 { e.ids.withBytes(r.victim[i]) { out.field($0) } } else { out.field("") }
                case "reported_at":
                    if r.reportedAt[i] == Timestamp.absent { out.field("") } else {
                        out.rawField { Timestamp.append(r.reportedAt[i], style: .utc, offsetMinutes: 0, to: &$0) }
                    }
                default: out.field("")
                }
            }
        }
        try out.finish()
    }
}
