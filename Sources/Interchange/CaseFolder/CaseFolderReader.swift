import Crypto
import FraudGraph
import Foundation

/// Reads a case folder (`shared/spec/case-format.md`) into a frozen `Case`.
///
/// Files are read in the order entities, transfers, links, reports, so that links and
/// reports may name the outside accounts that transfers brought in. Every problem
/// names its file, line, column and value. Strict reading (the default) finds every
/// problem and then fails with all of them, keeping nothing; lenient reading sets
/// bad rows aside, counts them by cause and keeps the rest.
///
/// Speed: one pass over the bytes, no `String` per field; ids are hashed once.
public struct CaseFolderReader: Sendable {
    /// Set bad rows aside instead of failing.
    public var lenient = false
    /// Compute the SHA-256 of every input file while reading it.
    public var computeDigests = false
    /// Problems kept for the error (all are counted).
    public var maxIssues = 1000
    /// Called as reading advances, about every 4 MiB.
    public var progress: (@Sendable (ImportProgress) -> Void)?
    /// The smallest `transfers.csv` (in bytes) read on two threads at once
    /// (`ParallelTransfers`); smaller ones are read row by row. Either way gives the
    /// same case and the same problems.
    public var parallelMinimumBytes = 8 << 20

    public init(lenient: Bool = false, computeDigests: Bool = false) {
        self.lenient = lenient
        self.computeDigests = computeDigests
    }

    /// Reads the case folder at `folder`.
    /// - Throws: `CaseFolderError` with every problem found (strict), or when
    ///   `entities.csv` is missing or unreadable (both modes).
    public func read(folder: String) throws(CaseFolderError) -> CaseImport {
        var session = ReadSession(folder: folder, options: self)
        session.readAll()
        if session.fatal || (!lenient && session.report.problemCount > 0) {
            throw CaseFolderError(issues: session.issues, totalCount: session.report.problemCount)
        }
        return CaseImport(case: session.builder.freeze(), report: session.report)
    }
}

/// The file of each table in a case folder.
public enum CaseFile {
    public static let entities = "entities.csv"
    public static let links = "links.csv"
    public static let transfers = "transfers.csv"
    public static let reports = "reports.csv"

    public static func name(of table: CaseBuilder.Table) -> String {
        switch table {
        case .entities: entities
        case .links: links
        case .transfers: transfers
        case .reports: reports
        }
    }

    /// Known columns of a table, in the order FraudGraph writes them.
    public static func columns(of table: CaseBuilder.Table) -> [String] {
        switch table {
        case .entities: EntityTable.columns
        case .links: LinkTable.columns
        case .transfers: TransferTable.columns
        case .reports: ReportTable.columns
        }
    }

    public static func requiredColumns(of table: CaseBuilder.Table) -> [String] {
        switch table {
        case .entities: EntityTable.requiredColumns
        case .links: LinkTable.requiredColumns
        case .transfers: TransferTable.requiredColumns
        case .reports: ReportTable.requiredColumns
        }
    }
}

/// A problem with one row: which known column (index into the table's known
/// columns, or -1 for the row as a whole), why, and what to say.
struct RowProblem: Error {
    var column: Int
    var cause: CaseIssue.Cause
    var message: String
}

/// The state of one read of a case folder.
struct ReadSession {
    let folder: String
    let options: CaseFolderReader
    var builder = CaseBuilder()
    var report = ImportReport()
    var issues: [CaseIssue] = []
    var fatal = false
    /// Line of each entity and transfer, to say where a duplicate id was first seen.
    var entityLines: [Int32] = []
    var transferLines: [Int32] = []
    var reportLines: [Int32] = []

    init(folder: String, options: CaseFolderReader) {
        self.folder = folder
        self.options = options
    }

    mutating func readAll() {
        readTable(.entities, required: true)
        if fatal { return }
        readTable(.transfers, required: false)
        readTable(.links, required: false)
        readTable(.reports, required: false)
    }

    func path(_ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    mutating func record(_ issue: CaseIssue) {
        report.problemCount += 1
        if issues.count < options.maxIssues { issues.append(issue) }
    }

    // MARK: - One file

    mutating func readTable(_ table: CaseBuilder.Table, required: Bool) {
        let name = CaseFile.name(of: table)
        let filePath = path(name)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: filePath, isDirectory: &isDirectory) else {
            if required {
                var folderIsDirectory: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: folder, isDirectory: &folderIsDirectory)
                let why = !exists ? "no such case folder"
                    : !folderIsDirectory.boolValue ? "this is a file, not a case folder (a folder holding entities.csv, transfers.csv...)"
                    : "the case folder has no \(name)"
                let place = exists && !folderIsDirectory.boolValue ? folder : filePath
                record(CaseIssue(file: place, line: 0, column: 0, cause: .unreadableFile, message: why, value: folder))
                fatal = true
            }
            return
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: filePath)[.size] as? Int) ?? 0
        var source = ImportReport.SourceFile(name: name, path: filePath, bytes: size, rows: 0, rejected: 0, sha256: nil)
        var reader: CSVReader
        do {
            reader = try CSVReader(path: filePath)
        } catch {
            record(CaseIssue(file: filePath, line: 0, column: 0, cause: .unreadableFile, message: error.message, value: filePath))
            fatal = fatal || required
            return
        }
        var hasher = SHA256()
        let hashing = options.computeDigests
        let progress = options.progress
        if hashing || progress != nil {
            reader.onChunk = { chunk, before in
                if hashing { hasher.update(bufferPointer: chunk) }
                progress?(ImportProgress(file: name, bytesRead: before + chunk.count, totalBytes: size))
            }
        }
        readRows(table, reader: &reader, file: filePath, size: size, estimatedRows: estimatedRows(filePath, size: size), source: &source)
        reader.onChunk = nil
        if hashing {
            // The reader may stop early on a broken file: hash what is left.
            if let rest = FileHandle(forReadingAtPath: filePath) {
                try? rest.seek(toOffset: UInt64(reader.bytesRead))
                while let data = try? rest.read(upToCount: 1 << 22), !data.isEmpty {
                    data.withUnsafeBytes { hasher.update(bufferPointer: $0) }
                }
                try? rest.close()
            }
            source.sha256 = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        }
        report.files.append(source)
    }

    /// About how many rows a file holds, from the line length of four samples of
    /// 256 KiB (start, a third, two thirds, end): 3% over, so that columns and id
    /// tables are sized once and rarely grow while reading. (Files often start with
    /// rows unlike the rest: organisations before accounts.)
    func estimatedRows(_ path: String, size: Int) -> Int {
        guard size > 0, let handle = FileHandle(forReadingAtPath: path) else { return 0 }
        defer { try? handle.close() }
        let piece = 1 << 18
        if size <= 4 * piece {
            let all = (try? handle.readToEnd()) ?? Data()
            return max(1, all.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) })
        }
        var bytes = 0, lines = 0
        for at in [0, size / 3, 2 * size / 3, size - piece] {
            guard (try? handle.seek(toOffset: UInt64(at))) != nil else { continue }
            var sample = Data()
            while sample.count < piece, let more = try? handle.read(upToCount: piece - sample.count), !more.isEmpty {
                sample.append(more)
            }
            bytes += sample.count
            lines += sample.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        }
        guard bytes > 0 else { return 0 }
        return Int(Double(size) / (Double(bytes) / Double(max(1, lines))) * 1.03) + 16
    }

    /// Makes room for about `rows` rows of `table`.
    mutating func reserve(_ table: CaseBuilder.Table, rows: Int) {
        switch table {
        case .entities: builder.reserve(entities: rows)
        case .transfers: builder.reserve(transfers: rows)
        case .links: builder.reserve(links: rows)
        case .reports: break
        }
    }

    mutating func readRows(
        _ table: CaseBuilder.Table, reader: inout CSVReader, file: String, size: Int, estimatedRows: Int,
        source: inout ImportReport.SourceFile
    ) {
        // Header.
        do {
            guard try reader.next() else {
                record(CaseIssue(file: file, line: 1, column: 1, cause: .emptyFile,
                                 message: "the file is empty: it needs a header row", value: ""))
                if table == .entities { fatal = true }
                return
            }
        } catch {
            record(CaseIssue(file: file, line: error.line, column: error.column, cause: .malformedRow, message: error.message, value: error.value))
            if table == .entities { fatal = true }
            return
        }
        var header: [String] = []
        for i in 0 ..< reader.fieldCount {
            let f = reader.field(i)
            guard isValidUTF8(f) else {
                record(CaseIssue(file: file, line: reader.line, column: i + 1, cause: .invalidText,
                                 message: "the header is not valid UTF-8 text", value: reader.string(i)))
                if table == .entities { fatal = true }
                return
            }
            header.append(reader.string(i))
        }
        guard let layout = headerLayout(table, header: header, file: file, line: reader.line) else {
            if table == .entities { fatal = true }
            return
        }
        builder.setHeader(table, header)
        var attributeColumn: [Int] = []
        for name in layout.attributeNames { attributeColumn.append(builder.addAttributeColumn(table, named: name)) }

        if table == .entities && readEntitiesInParallel(
            file: file, from: reader.fileOffset, size: size, layout: layout, attributeColumn: attributeColumn,
            estimatedRows: estimatedRows, source: &source) {
            return
        }
        if table == .links && readLinksInParallel(
            file: file, from: reader.fileOffset, size: size, layout: layout, attributeColumn: attributeColumn,
            estimatedRows: estimatedRows, source: &source) {
            return
        }
        if table == .transfers && readTransfersInParallel(
            file: file, from: reader.fileOffset, size: size, layout: layout, attributeColumn: attributeColumn,
            estimatedRows: estimatedRows, source: &source) {
            return
        }
        reserve(table, rows: estimatedRows)
        var rowReader = RowReader(table: table, layout: layout)
        while true {
            // A batch of records parsed in place; a broken record ends the batch
            // early and is met alone at the next call.
            let count: Int
            do {
                count = try reader.nextBatch(max: CSVReader.batchCapacity)
            } catch {
                // After a quote never closed or a NUL byte the rest of the file cannot be
                // split into rows: reading stops, and even --lenient fails rather than
                // drop the rows after it without a word.
                let stops = error.reason == .unterminatedQuote || error.reason == .nulByte
                let issue = CaseIssue(file: file, line: error.line, column: error.column,
                                      columnName: layout.name(ofField: error.column - 1),
                                      cause: error.reason == .nulByte ? .invalidText : .malformedRow,
                                      message: error.message + (stops ? "; the rest of the file is not read" : ""), value: error.value)
                record(issue)
                if options.lenient && !stops {
                    report.rejected.append(.init(issue: issue, fields: [error.value]))
                    source.rejected += 1
                }
                if stops {
                    fatal = true
                    break
                }
                reader.skipBrokenRecord()
                continue
            }
            if count == 0 { break }
            rowReader.prepare(reader, builder: builder)
            for r in 0 ..< count {
                readRecord(reader.record(r), position: r, rowReader: &rowReader, header: header, layout: layout,
                           attributeColumn: attributeColumn, table: table, file: file, source: &source)
            }
        }
    }

    /// Checks one record and adds its row, or records why not.
    mutating func readRecord(
        _ record: RecordView, position: Int, rowReader: inout RowReader, header: [String], layout: HeaderLayout,
        attributeColumn: [Int], table: CaseBuilder.Table, file: String, source: inout ImportReport.SourceFile
    ) {
        source.rows += 1
        if record.fieldCount != header.count {
            let issue = CaseIssue(file: file, line: record.line, column: min(record.fieldCount, header.count) + 1,
                                  cause: .malformedRow,
                                  message: "the row has \(record.fieldCount) fields but the header has \(header.count)",
                                  value: record.strings.joined(separator: ","))
            reject(issue, record: record, source: &source)
            return
        }
        // Text columns must be UTF-8 (numbers are checked by their parsers).
        for i in 0 ..< record.fieldCount where !isValidUTF8(record.field(i)) {
            let issue = CaseIssue(file: file, line: record.line, column: i + 1, columnName: header[i],
                                  cause: .invalidText, message: "\(header[i]) is not valid UTF-8 text",
                                  value: record.string(i))
            reject(issue, record: record, source: &source)
            return
        }
        do {
            let row = try rowReader.read(record, position: position, into: &self)
            for (k, field) in layout.attributeFields.enumerated() {
                let value = record.field(field)
                if !value.isEmpty { builder.setAttribute(table, column: attributeColumn[k], row: row, bytes: value) }
            }
        } catch {
            let field = error.column >= 0 ? layout.known[error.column] : -1
            let columnName = field >= 0 ? header[field] : nil
            let issue = CaseIssue(file: file, line: record.line, column: field >= 0 ? field + 1 : 1,
                                  columnName: columnName, cause: error.cause, message: error.message,
                                  value: field >= 0 ? record.string(field) : record.strings.joined(separator: ","))
            reject(issue, record: record, source: &source)
        }
    }

    mutating func reject(_ issue: CaseIssue, record row: RecordView, source: inout ImportReport.SourceFile) {
        record(issue)
        if options.lenient {
            report.rejected.append(.init(issue: issue, fields: row.strings))
            source.rejected += 1
        }
    }

    /// Maps a header to the table's known columns; records a problem and returns nil
    /// when a required column is missing or a name is repeated.
    mutating func headerLayout(_ table: CaseBuilder.Table, header: [String], file: String, line: Int) -> HeaderLayout? {
        let known = CaseFile.columns(of: table)
        var positions = [Int](repeating: -1, count: known.count)
        var attributeNames: [String] = [], attributeFields: [Int] = []
        var seen: [String: Int] = [:]
        var ok = true
        for (i, raw) in header.enumerated() {
            let key = raw.trimmingCharacters(in: .whitespaces).lowercased()
            if key.isEmpty {
                record(CaseIssue(file: file, line: line, column: i + 1, cause: .badHeader,
                                 message: "column \(i + 1) has no name", value: header.joined(separator: ",")))
                ok = false
                continue
            }
            if let first = seen[key] {
                record(CaseIssue(file: file, line: line, column: i + 1, cause: .badHeader,
                                 message: "column \"\(raw)\" is repeated (first as column \(first + 1))", value: raw))
                ok = false
                continue
            }
            seen[key] = i
            if let k = known.firstIndex(of: key) { positions[k] = i } else {
                attributeNames.append(raw)
                attributeFields.append(i)
            }
        }
        for name in CaseFile.requiredColumns(of: table) where positions[known.firstIndex(of: name)!] < 0 {
            record(CaseIssue(file: file, line: line, column: header.count + 1, columnName: name, cause: .missingColumn,
                             message: "required column \"\(name)\" is missing", value: header.joined(separator: ",")))
            ok = false
        }
        return ok ? HeaderLayout(header: header, known: positions, attributeNames: attributeNames, attributeFields: attributeFields) : nil
    }
}

/// Where a file's columns are.
struct HeaderLayout {
    let header: [String]
    /// For each known column of the table, its field index, or -1.
    let known: [Int]
    let attributeNames: [String]
    let attributeFields: [Int]

    func name(ofField i: Int) -> String? { i >= 0 && i < header.count ? header[i] : nil }
}
