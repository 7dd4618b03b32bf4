import FraudGraph

extension CSVReader {
    /// Reads the records of bytes `range` of `path` (which must start at a record and
    /// end at a line end) batch by batch, handing each batch and its record count to
    /// `parse` until it returns false. Returns whether every record was read and taken
    /// and the part ended exactly where it was cut (a cut inside a quoted field shows
    /// up as a broken last record, or as bytes left over). `progress` gets the bytes
    /// read so far.
    static func readPart(path: String, range: Range<Int>, progress: ((Int) -> Void)?,
                         _ parse: (borrowing CSVReader, Int) -> Bool) -> Bool {
        guard var reader = try? CSVReader(path: path, range: range) else { return false }
        if let progress { reader.onChunk = { chunk, before in progress(before + chunk.count) } }
        while true {
            let n: Int
            do { n = try reader.nextBatch(max: CSVReader.batchCapacity) } catch { return false }
            if n == 0 { break }
            guard parse(reader, n) else { return false }
        }
        return reader.fileOffset == range.upperBound
    }
}

/// The rows of a part of a file, read on a thread of their own (`TransferChunk`,
/// `EntityChunk`, `LinkChunk`).
protocol FilePart: Sendable {
    /// Every record of the part was read and is good.
    var clean: Bool { get }
}

extension ReadSession {
    /// Reads bytes `start ..< size` of `file` (its records, after the header) in two
    /// halves cut at a line end, one on each core: `read(builder, range, rows, progress)`
    /// reads one half with room for `rows` rows. Returns the halves in file order, or
    /// nil when the file is too small to cut in two or a half is not clean (the file
    /// must then be read row by row).
    func readHalves<Part: FilePart>(
        of file: String, table: CaseBuilder.Table, from start: Int, size: Int, estimatedRows: Int,
        _ read: @escaping @Sendable (CaseBuilder, Range<Int>, Int, ((Int) -> Void)?) -> Part
    ) -> [Part]? {
        guard size - start >= options.parallelMinimumBytes,
              let cut = ParallelTransfers.lineEnd(in: file, after: start + (size - start) / 2, before: size)
        else { return nil }
        // The threads read the builder through a box that lets go of it when they are
        // done, so that adding the halves afterwards copies none of its tables.
        let shared = SharedBuilder(builder)
        let progress = ParallelTransfers.halfProgress(options.progress, file: CaseFile.name(of: table), start: start, size: size)
        let secondRows = ParallelTransfers.secondHalfRows(estimated: estimatedRows, start: start, cut: cut, size: size)
        let (first, second) = bothAtOnce({
            read(shared.builder!, start ..< cut, estimatedRows, progress)
        }, {
            read(shared.builder!, cut ..< size, secondRows, nil)
        })
        shared.builder = nil
        return first.clean && second.clean ? [first, second] : nil
    }
}

extension ReadSession {
    /// Keeps the exact text of `values` (rows numbered within a part) as written in
    /// `column` of `table`, the rows moved on by `offset`.
    mutating func keepVerbatim(_ table: CaseBuilder.Table, column: String, _ values: SparseStringColumn,
                               rowOffset offset: Int32) {
        for (j, row) in values.rows.enumerated() {
            values.values.withBytes(j) { builder.keepVerbatim(table, column: column, row: row + offset, bytes: $0) }
        }
    }
}
