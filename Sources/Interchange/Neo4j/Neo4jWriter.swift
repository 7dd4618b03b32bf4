import FraudGraph
import Foundation

/// Writes a case as the CSV files `neo4j-admin database import full` loads, with the
/// command that loads them (`import.sh`, and in `README.md`).
///
/// | file                  | what                                                        |
/// |-----------------------|-------------------------------------------------------------|
/// | `entities.csv`        | nodes `:Entity:<Kind>` (`:Outside` for outside accounts): `id:ID(Entity)`, `kind`, `name`, `country`, `role`, `outside:boolean`, attributes, computed columns |
/// | `transfers.csv`       | relationships `TRANSFER` account -> account: `id`, `amount` (exact text), `amount_units:long` (1/10,000), `currency`, `time:datetime`, `channel`, attributes |
/// | `links.csv`           | relationships of type `OWNS`, `USES`, `LOCATED_AT`, ... (the kind in upper case): `kind`, `time:datetime`, `weight:double`, attributes |
/// | `reports.csv`         | nodes `:Report`: `id:ID(Report)`, `transfer`, `victim`, `reported_at:datetime`, attributes |
/// | `report_victims.csv`  | relationships `FILED` victim -> report                       |
/// | `report_accounts.csv` | relationships `CONCERNS` report -> the reported transfer's receiving account |
///
/// Property keys are attribute names made plain (`Neo4jNames`); the README lists the
/// renamed ones. Exact texts that differ from FraudGraph's own (`Person`, a time in
/// Unix seconds) are kept in `<column>_as_written` properties.
public struct Neo4jWriter: Sendable {
    /// Computed columns to add to the entity nodes.
    public var nodeColumns: [NodeColumn]

    public init(nodeColumns: [NodeColumn] = []) { self.nodeColumns = nodeColumns }

    public static let files = ["entities.csv", "transfers.csv", "links.csv", "reports.csv", "report_victims.csv", "report_accounts.csv"]

    /// The one command that loads the folder into a new database `neo4j` (run it in the folder).
    public static let importCommand = """
    neo4j-admin database import full neo4j \\
      --nodes=entities.csv --nodes=reports.csv \\
      --relationships=transfers.csv --relationships=links.csv \\
      --relationships=report_victims.csv --relationships=report_accounts.csv \\
      --id-type=string --multiline-fields=true
    """

    /// Writes `c` to a new folder `folder` (it appears only when complete).
    @discardableResult
    public func write(_ c: Case, toFolder folder: String) throws -> InterchangeNotes {
        for column in nodeColumns {
            precondition(column.count == c.entities.count, "node column \(column.name) has a value per entity")
        }
        var notes = InterchangeNotes()
        try AtomicFolder.write(folder, isReplaceable: { FileManager.default.fileExists(atPath: $0 + "/import.sh") }) { temporary in
            let export = Neo4jExport(c, columns: nodeColumns, folder: temporary)
            try export.run()
            notes = export.notes
        }
        return notes
    }
}

/// One export of a case to Neo4j import files.
final class Neo4jExport {
    let c: Case
    let columns: [NodeColumn]
    let folder: String
    var notes = InterchangeNotes()
    var renamed: [(table: String, name: String, key: String)] = []

    init(_ c: Case, columns: [NodeColumn], folder: String) {
        self.c = c
        self.columns = columns
        self.folder = folder
    }

    func run() throws {
        try writeEntities()
        try writeTransfers()
        try writeLinks()
        try writeReports()
        try writeCommand()
    }

    /// Property keys for a table's attributes, noting the renamed ones.
    func keys(_ table: String, _ attributes: AttributeColumns, reserved: Set<String>) -> [String] {
        let keys = Neo4jNames.uniqueKeys(attributes.names, reserved: reserved)
        for (name, key) in zip(attributes.names, keys) where name != key {
            renamed.append((table, name, key))
            notes.add("attribute names that are not plain Neo4j property keys: renamed (see README.md)", example: "\(name) -> \(key)")
        }
        return keys
    }

    /// The `<column>_as_written` properties of a table's exact texts.
    func verbatimHeader(_ layout: TableLayout) -> (columns: [String], header: [String]) {
        let columns = layout.verbatim.keys.sorted()
        return (columns, columns.map { Neo4jNames.propertyKey($0) + "_as_written:string" })
    }

    func writeExtras(_ out: CSVWriter, row: Int32, attributes: inout [SparseCursor], verbatim: inout [SparseCursor]) {
        for k in 0 ..< verbatim.count where !verbatim[k].value(at: row, { out.field($0) }) { out.field("") }
        for k in 0 ..< attributes.count where !attributes[k].value(at: row, { out.field($0) }) { out.field("") }
    }

    // MARK: - Nodes

    func writeEntities() throws {
        let e = c.entities
        let reserved: Set<String> = ["id", "kind", "name", "country", "role", "outside"]
        let columnKeys = Neo4jNames.uniqueKeys(columns.map(\.name), reserved: reserved)
        let attributeKeys = keys("entities", e.attributes, reserved: reserved.union(columnKeys))
        let (verbatimColumns, verbatimHeader) = verbatimHeader(e.layout)
        let out = try CSVWriter(path: folder + "/entities.csv")
        var header = ["id:ID(Entity)", ":LABEL", "kind:string", "name:string", "country:string", "role:string", "outside:boolean"]
        header += zip(columns, columnKeys).map { "\($1):\($0.typeName)" }
        header += verbatimHeader
        header += attributeKeys.map { $0 + ":string" }
        try out.row(header)
        let labels = (0 ..< e.kinds.count).map { "Entity;" + Neo4jNames.label(forKind: e.kinds[UInt16($0)]) }
        var attributes = e.attributes.columns.map { SparseCursor($0) }
        var verbatim = verbatimColumns.map { SparseCursor(e.layout.verbatim[$0]) }
        for i in 0 ..< e.count {
            let row = Int32(i)
            e.ids.withBytes(row) { out.field($0) }
            out.field(e.isOutside[i] ? labels[Int(e.kind[i])] + ";Outside" : labels[Int(e.kind[i])])
            out.field(e.kinds[e.kind[i]])
            e.name.withBytes(i) { out.field($0) }
            out.field(e.countries[e.country[i]])
            out.field(e.roles[e.role[i]])
            out.field(e.isOutside[i] ? "true" : "false")
            for column in columns { out.field(column.text(i) ?? "") }
            writeExtras(out, row: row, attributes: &attributes, verbatim: &verbatim)
            try out.endRow()
        }
        try out.finish()
    }

    func writeReports() throws {
        let r = c.reports, t = c.transfers, e = c.entities
        let reserved: Set<String> = ["id", "transfer", "victim", "reported_at"]
        let attributeKeys = keys("reports", r.attributes, reserved: reserved)
        let (verbatimColumns, verbatimHeader) = verbatimHeader(r.layout)
        let out = try CSVWriter(path: folder + "/reports.csv")
        try out.row(["id:ID(Report)", ":LABEL", "transfer:string", "victim:string", "reported_at:datetime"] + verbatimHeader + attributeKeys.map { $0 + ":string" })
        let victims = try CSVWriter(path: folder + "/report_victims.csv")
        try victims.row([":START_ID(Entity)", ":END_ID(Report)", ":TYPE"])
        let accounts = try CSVWriter(path: folder + "/report_accounts.csv")
        try accounts.row([":START_ID(Report)", ":END_ID(Entity)", ":TYPE", "transfer:string"])
        var attributes = r.attributes.columns.map { SparseCursor($0) }
        var verbatim = verbatimColumns.map { SparseCursor(r.layout.verbatim[$0]) }
        for i in 0 ..< r.count {
            let row = Int32(i)
            let transfer = r.transfer[i], victim = r.victim[i]
            r.ids.withBytes(row) { out.field($0) }
            out.field("Report")
            t.ids.withBytes(transfer) { out.field($0) }
            if victim >= 0 { e.ids.withBytes(victim) { out.field($0) } } else { out.field("") }
            if r.reportedAt[i] != Timestamp.absent {
                out.rawField { Timestamp.append(r.reportedAt[i], style: .utc, offsetMinutes: 0, to: &$0) }
            } else {
                out.field("")
            }
            writeExtras(out, row: row, attributes: &attributes, verbatim: &verbatim)
            try out.endRow()
            if victim >= 0 {
                e.ids.withBytes(victim) { victims.field($0) }
                r.ids.withBytes(row) { victims.field($0) }
                victims.field("FILED")
                try victims.endRow()
            }
            r.ids.withBytes(row) { accounts.field($0) }
            e.ids.withBytes(t.target[Int(transfer)]) { accounts.field($0) }
            accounts.field("CONCERNS")
            t.ids.withBytes(transfer) { accounts.field($0) }
            try accounts.endRow()
        }
        try out.finish()
        try victims.finish()
        try accounts.finish()
    }

    // MARK: - Relationships

    func writeTransfers() throws {
        let t = c.transfers, e = c.entities
        let reserved: Set<String> = ["id", "amount", "amount_units", "currency", "time", "time_as_written", "channel"]
        let attributeKeys = keys("transfers", t.attributes, reserved: reserved)
        var (verbatimColumns, verbatimHeader) = verbatimHeader(t.layout)
        // Unix-seconds times have no verbatim text: `time_as_written` covers them too.
        if !verbatimColumns.contains("time") {
            verbatimColumns.append("time")
            verbatimHeader.append("time_as_written:string")
        }
        let file = try ByteWriter(path: folder + "/transfers.csv")
        let head = CSVWriter()
        try head.row([":START_ID(Entity)", ":END_ID(Entity)", ":TYPE", "id:string", "amount:string", "amount_units:long",
                      "currency:string", "time:datetime", "channel:string"] + verbatimHeader + attributeKeys.map { $0 + ":string" })
        var headBytes: [UInt8] = []
        head.exchange(&headBytes)
        headBytes.withUnsafeBufferPointer { file.append($0) }
        let currencyWords = (0 ..< t.currencies.count).map { Array(t.currencies[UInt16($0)].utf8) }
        let channelWords = (0 ..< t.channels.count).map { Array(t.channels[UInt16($0)].utf8) }
        let timeColumn = verbatimColumns.firstIndex(of: "time")!
        func formatter() -> TransferRows {
            TransferRows(attributes: t.attributes.columns.map { SparseCursor($0) },
                         verbatim: verbatimColumns.map { SparseCursor(t.layout.verbatim[$0]) })
        }
        // Rows formatted in chunks on two threads, written in order (`ChunkedRows`).
        try ChunkedRows.write(rows: t.count, formatters: (formatter(), formatter()), to: file, format: { f, rows, buffer in
            let out = f.out
            out.exchange(&buffer)
            defer { out.exchange(&buffer) }
            for i in rows {
                let row = Int32(i)
                let form = t.textForm[i]
                e.ids.withBytes(t.source[i]) { out.field($0) }
                e.ids.withBytes(t.target[i]) { out.field($0) }
                out.rawField { $0.append(contentsOf: "TRANSFER".utf8) }
                t.ids.withBytes(row) { out.field($0) }
                out.rawField { Money(units: t.amount[i]).append(to: &$0, fractionDigits: form.amountFractionDigits) }
                out.rawField { appendDecimal(t.amount[i], to: &$0) }
                currencyWords[Int(t.currency[i])].withUnsafeBufferPointer { out.field($0) }
                out.rawField { Timestamp.append(t.time[i], style: form.timeStyle == .offset ? .offset : .utc, offsetMinutes: form.offsetMinutes, to: &$0) }
                channelWords[Int(t.channel[i])].withUnsafeBufferPointer { out.field($0) }
                for k in 0 ..< f.verbatim.count {
                    if f.verbatim[k].value(at: row, { out.field($0) }) { continue }
                    if k == timeColumn && form.timeStyle == .unixSeconds {
                        out.rawField { appendDecimal(t.time[i], to: &$0) }
                    } else {
                        out.field("")
                    }
                }
                for k in 0 ..< f.attributes.count where !f.attributes[k].value(at: row, { out.field($0) }) { out.field("") }
                try out.endRow()
            }
        }, merge: { _ in })
        try file.finish()
    }

    /// One thread's state for formatting transfer rows: its buffer and cursors.
    final class TransferRows {
        let out = CSVWriter()
        var attributes: [SparseCursor]
        var verbatim: [SparseCursor]

        init(attributes: [SparseCursor], verbatim: [SparseCursor]) {
            self.attributes = attributes
            self.verbatim = verbatim
        }
    }

    func writeLinks() throws {
        let l = c.links, e = c.entities
        let reserved: Set<String> = ["kind", "time", "weight"]
        let attributeKeys = keys("links", l.attributes, reserved: reserved)
        let (verbatimColumns, verbatimHeader) = verbatimHeader(l.layout)
        let out = try CSVWriter(path: folder + "/links.csv")
        try out.row([":START_ID(Entity)", ":END_ID(Entity)", ":TYPE", "kind:string", "time:datetime", "weight:double"]
            + verbatimHeader + attributeKeys.map { $0 + ":string" })
        let types = (0 ..< l.kinds.count).map { Neo4jNames.relationshipType(forKind: l.kinds[UInt16($0)]) }
        var attributes = l.attributes.columns.map { SparseCursor($0) }
        var verbatim = verbatimColumns.map { SparseCursor(l.layout.verbatim[$0]) }
        for i in 0 ..< l.count {
            let row = Int32(i)
            e.ids.withBytes(l.source[i]) { out.field($0) }
            e.ids.withBytes(l.target[i]) { out.field($0) }
            out.field(types[Int(l.kind[i])])
            out.field(l.kinds[l.kind[i]])
            if l.time[i] != Timestamp.absent {
                out.rawField { Timestamp.append(l.time[i], style: .utc, offsetMinutes: 0, to: &$0) }
            } else {
                out.field("")
            }
            out.field(CanonicalText.weight(l.weight[i]))
            writeExtras(out, row: row, attributes: &attributes, verbatim: &verbatim)
            try out.endRow()
        }
        try out.finish()
    }

    // MARK: - The command

    func writeCommand() throws {
        let script = """
        #!/bin/sh
        # Loads this folder into a new Neo4j database called neo4j (FraudGraph export).
        # Stop the database first; neo4j-admin must be on the PATH (it is in Neo4j's bin/).
        set -e
        cd "$(dirname "$0")"
        \(Neo4jWriter.importCommand)

        """
        try Data(script.utf8).write(to: URL(fileURLWithPath: folder + "/import.sh"))
        chmod(folder + "/import.sh", 0o755)
        var readme = """
        # A FraudGraph case for Neo4j

        Load it (into a new database `neo4j`; stop the database first), from this folder:

        ```sh
        \(Neo4jWriter.importCommand)
        ```

        (`./import.sh` runs the same command.) Then, for example:

        ```cypher
        MATCH (a:Account)-[t:TRANSFER]->(b:Account) RETURN a.id, b.id, t.amount, t.currency, t.time LIMIT 25;
        MATCH (p:Person)-[:OWNS]->(a:Account) RETURN p.name, collect(a.id);
        ```

        Nodes: every entity is `:Entity` and `:<Kind>` (`:Person`, `:Account`, `:Wallet`, `:Device`,
        `:Phone`, `:IP`, `:Den`, `:Organization`, or the custom kind), outside accounts also
        `:Outside`; reports are `:Report`. Relationships: `TRANSFER` (money; `amount` is the exact
        text, `amount_units` the amount in 1/10,000 units), one type per link kind (`OWNS`, `USES`,
        `LOCATED_AT`, `MEMBER_OF`, `MANAGES`, `RECRUITED`, `CONTACTED`, `SAME_AS`, ...), `FILED`
        (victim to report) and `CONCERNS` (report to the receiving account of the reported transfer;
        its `transfer` property is the transfer's id).

        """
        if !renamed.isEmpty {
            readme += "\nAttribute names that are not plain property keys were renamed:\n\n| file | attribute | property |\n|---|---|---|\n"
            for r in renamed { readme += "| \(r.table).csv | \(r.name.replacingOccurrences(of: "|", with: "\\|")) | \(r.key) |\n" }
        }
        try Data(readme.utf8).write(to: URL(fileURLWithPath: folder + "/README.md"))
    }
}
