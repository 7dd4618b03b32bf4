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
        guard builder.links.count == 0,
              var chunks = readHalves(of: file, table: .links, from: start, size: size, estimatedRows: estimatedRows, {
                  builder, range, rows, progress in
                  LinkChunk.read(path: file, range: range, layout: layout, builder: builder, reserve: rows, progress: progress)
              })
        else { return false }

        // MARK: - Kinds: coded in the order they first appear
        guard builder.links.kinds.count + chunks.reduce(0, { $0 + $1.kinds.count }) <= Vocabulary.capacity else { return false }
        var kindCodes: [[UInt16]] = [], normalized: [[Bool]] = []
        for chunk in chunks {
            let kinds = ParallelTransfers.kindCodes(of: chunk.kinds) { (try? builder.linkKindCode($0)) ?? (0, false) }
            kindCodes.append(kinds.codes)
            normalized.append(kinds.normalized)
        }

        // MARK: - Columns, half after half
        var verbatimKinds: [(row: Int32, word: String)] = []
        var rowOffsets: [Int32] = []
        var offset = 0
        for k in chunks.indices {
            rowOffsets.append(Int32(offset))
            verbatimKinds += ParallelTransfers.verbatimKinds(chunks[k].kind, words: chunks[k].kinds,
                                                             normalized: normalized[k], offset: offset)
            offset += chunks[k].count
            ParallelTransfers.recode(&chunks[k].kind, with: kindCodes[k])
        }
        var columns = CaseBuilder.LinkColumns()
        columns.source = exchange(&chunks[0].source, with: [])
        columns.target = exchange(&chunks[0].target, with: [])
        columns.kind = exchange(&chunks[0].kind, with: [])
        columns.time = exchange(&chunks[0].time, with: [])
        columns.weight = exchange(&chunks[0].weight, with: [])
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
            keepVerbatim(.links, column: "time", chunk.verbatimTime, rowOffset: base)
            keepVerbatim(.links, column: "weight", chunk.verbatimWeight, rowOffset: base)
            for (a, values) in chunk.attributes.enumerated() {
                builder.appendAttributes(.links, column: attributeColumn[a], contentsOf: values, rowOffset: base)
            }
        }
        return true
    }
}
