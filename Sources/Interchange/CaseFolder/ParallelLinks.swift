import FraudGraph
import Foundation

/// Reading `links.csv` on both cores, as `ParallelTransfers` reads transfers: two
/// halves read at once against the entities (`LinkChunk`), put together in file
/// order. It gives up, changing nothing, on any problem or a cut inside a quoted
/// field; the file is then read row by row, which names every problem as before.
extension ReadSession {
    /// Reads the records of `file` from byte `start` (after the header) to `size` on
    /// two threads into the builder. Returns false, having changed nothing, when the
    /// file must be read row by row.
    mutating func readLinksInParallel(
        file: String, from start: Int, size: Int, layout: HeaderLayout, attributeColumn: [Int],
        estimatedRows: Int, source: inout ImportReport.SourceFile
    ) -> Bool {
        guard builder.links.count == 0, size - start >= options.parallelMinimumBytes,
              let cut = ParallelTransfers.lineEnd(in: file, after: start + (size - start) / 2, before: size)
        else { return false }
        let shared = SharedBuilder(builder)
        let progress = ParallelTransfers.halfProgress(options.progress, file: CaseFile.links, start: start, size: size)
        let secondRows = ParallelTransfers.secondHalfRows(estimated: estimatedRows, start: start, cut: cut, size: size)
        var chunks: [LinkChunk] = []
        do {
            let (first, second) = ParallelTransfers.both({
                LinkChunk.read(path: file, range: start ..< cut, layout: layout, builder: shared.builder!, reserve: estimatedRows,
                               progress: progress)
            }, {
                LinkChunk.read(path: file, range: cut ..< size, layout: layout, builder: shared.builder!, reserve: secondRows)
            })
            shared.builder = nil
            guard first.clean && second.clean else { return false }
            chunks = [first, second]
        }

        // MARK: - Kinds: coded in the order they first appear
        guard builder.links.kinds.count + chunks.reduce(0, { $0 + $1.kinds.count }) <= Vocabulary.capacity else { return false }
        var kindCodes: [[UInt16]] = [], normalized: [[Bool]] = []
        for chunk in chunks {
            var kinds: [UInt16] = [0], norm: [Bool] = [false]
            for c in 1 ..< max(1, chunk.kinds.count) {
                var word = chunk.kinds[UInt16(c)]
                let code: (code: UInt16, normalized: Bool) = word.withUTF8 { (try? builder.linkKindCode($0)) ?? (0, false) }
                kinds.append(code.code)
                norm.append(code.normalized)
            }
            kindCodes.append(kinds)
            normalized.append(norm)
        }

        // MARK: - Columns, half after half
        func take<T>(_ column: inout ContiguousArray<T>) -> ContiguousArray<T> {
            let taken = column
            column = []
            return taken
        }
        var verbatimKinds: [(row: Int32, word: String)] = []
        var rowOffsets: [Int32] = []
        var offset = 0
        for k in chunks.indices {
            rowOffsets.append(Int32(offset))
            if normalized[k].contains(true) {
                for (r, c) in chunks[k].kind.enumerated() where normalized[k][Int(c)] {
                    verbatimKinds.append((Int32(offset + r), chunks[k].kinds[c]))
                }
            }
            offset += chunks[k].count
            ParallelTransfers.recode(&chunks[k].kind, with: kindCodes[k])
        }
        var columns = CaseBuilder.LinkColumns()
        columns.source = take(&chunks[0].source)
        columns.target = take(&chunks[0].target)
        columns.kind = take(&chunks[0].kind)
        columns.time = take(&chunks[0].time)
        columns.weight = take(&chunks[0].weight)
        for k in 1 ..< chunks.count {
            ParallelTransfers.append(chunks[k].source, to: &columns.source)
            ParallelTransfers.append(chunks[k].target, to: &columns.target)
            ParallelTransfers.append(chunks[k].kind, to: &columns.kind)
            ParallelTransfers.append(chunks[k].time, to: &columns.time)
            ParallelTransfers.append(chunks[k].weight, to: &columns.weight)
            chunks[k].source = []; chunks[k].target = []; chunks[k].kind = []; chunks[k].time = []; chunks[k].weight = []
        }
        let count = columns.source.count
        builder.installLinks(columns)
        source.rows += count

        // MARK: - Exact text and attributes
        // Per row, the serial reader keeps kind, then time, then weight; each column
        // is its own list, so keeping them column by column is the same.
        for (row, word) in verbatimKinds {
            var w = word
            w.withUTF8 { builder.keepVerbatim(.links, column: "kind", row: row, bytes: $0) }
        }
        for (k, chunk) in chunks.enumerated() {
            let base = rowOffsets[k]
            for (j, row) in chunk.verbatimTime.rows.enumerated() {
                chunk.verbatimTime.values.withBytes(j) { builder.keepVerbatim(.links, column: "time", row: row + base, bytes: $0) }
            }
        }
        for (k, chunk) in chunks.enumerated() {
            let base = rowOffsets[k]
            for (j, row) in chunk.verbatimWeight.rows.enumerated() {
                chunk.verbatimWeight.values.withBytes(j) { builder.keepVerbatim(.links, column: "weight", row: row + base, bytes: $0) }
            }
            for (a, values) in chunk.attributes.enumerated() {
                builder.appendAttributes(.links, column: attributeColumn[a], contentsOf: values, rowOffset: base)
            }
        }
        return true
    }
}
