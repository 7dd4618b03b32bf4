import FraudGraph
import Foundation

/// Reading `transfers.csv` on both cores: the file is cut in two at a line end, each
/// half is read on its own thread against the entities already read (`TransferChunk`),
/// and the halves are put together in file order, so that the case is exactly what
/// reading row by row gives.
///
/// It is a fast path for good files. It gives up, changing nothing, whenever it
/// cannot vouch for that: a problem in any row, a cut inside a quoted field, a
/// repeated transfer id, too many currency words. Then the file is read row by row,
/// which finds and names every problem exactly as before.
extension ReadSession {
    /// Reads the records of `file` from byte `start` (after the header) to `size` on
    /// two threads into the builder. Returns false, having changed nothing, when the
    /// file must be read row by row.
    mutating func readTransfersInParallel(
        file: String, from start: Int, size: Int, layout: HeaderLayout, attributeColumn: [Int],
        estimatedRows: Int, source: inout ImportReport.SourceFile
    ) -> Bool {
        guard builder.transfers.count == 0,
              var chunks = readHalves(of: file, table: .transfers, from: start, size: size, estimatedRows: estimatedRows, {
                  builder, range, rows, progress in
                  TransferChunk.read(path: file, range: range, layout: layout, builder: builder, reserve: rows, progress: progress)
              })
        else { return false }
        return install(&chunks, layout: layout, attributeColumn: attributeColumn, source: &source)
    }

    /// Puts the halves together in file order; false, changing nothing, when the ids
    /// repeat or the words do not fit.
    private mutating func install(
        _ chunks: inout [TransferChunk], layout: HeaderLayout, attributeColumn: [Int], source: inout ImportReport.SourceFile
    ) -> Bool {
        // MARK: - Words: coded in the order they first appear
        let saved = builder
        var currencyCodes: [[UInt16]] = [], channelCodes: [[UInt16]] = []
        for chunk in chunks {
            guard let currency = ParallelTransfers.codes(of: chunk.currencies, { try? builder.currencyCode($0) }),
                  let channel = ParallelTransfers.codes(of: chunk.channels, { try? builder.channelCode($0) })
            else {
                builder = saved
                return false
            }
            currencyCodes.append(currency)
            channelCodes.append(channel)
        }

        // MARK: - Ids indexed on other threads while the columns are put together here
        let ids = IDParts(chunks.map(\.ids))
        for k in chunks.indices { chunks[k].ids = StringColumn() }
        var columns = CaseBuilder.TransferColumns(ids: StringInterner())
        var rowOffsets: [Int32] = [0]
        let (_, indexed) = bothAtOnce({
            for k in chunks.indices {
                ParallelTransfers.recode(&chunks[k].currency, with: currencyCodes[k])
                ParallelTransfers.recode(&chunks[k].channel, with: channelCodes[k])
            }
            // The first half's columns, taken (not copied), have room for the whole file.
            columns.source = exchange(&chunks[0].source, with: [])
            columns.target = exchange(&chunks[0].target, with: [])
            columns.amount = exchange(&chunks[0].amount, with: [])
            columns.time = exchange(&chunks[0].time, with: [])
            columns.currency = exchange(&chunks[0].currency, with: [])
            columns.channel = exchange(&chunks[0].channel, with: [])
            columns.textForm = exchange(&chunks[0].textForm, with: [])
            for k in 1 ..< chunks.count {
                rowOffsets.append(Int32(columns.source.count))
                ParallelTransfers.append(chunks[k].source, to: &columns.source)
                ParallelTransfers.append(chunks[k].target, to: &columns.target)
                ParallelTransfers.append(chunks[k].amount, to: &columns.amount)
                ParallelTransfers.append(chunks[k].time, to: &columns.time)
                ParallelTransfers.append(chunks[k].currency, to: &columns.currency)
                ParallelTransfers.append(chunks[k].channel, to: &columns.channel)
                ParallelTransfers.append(chunks[k].textForm, to: &columns.textForm)
                chunks[k].source = []; chunks[k].target = []; chunks[k].amount = []; chunks[k].time = []
                chunks[k].currency = []; chunks[k].channel = []; chunks[k].textForm = []
            }
        }, {
            // Numbered in file order, indexed, none repeated.
            StringInterner.indexing(ids.joined())
        })
        guard case .success(let index) = indexed else {
            builder = saved
            return false
        }
        _ = consume saved
        columns.ids = index

        // From here on nothing can fail.
        // MARK: - Outside accounts, in the order rows name them
        for k in chunks.indices where !chunks[k].outsideAt.isEmpty {
            for j in 0 ..< chunks[k].outsideAt.count {
                let e = chunks[k].outsideIDs.withBytes(j) { builder.addOutsideAccount(id: $0) }
                let at = chunks[k].outsideAt[j]
                let row = Int(rowOffsets[k]) + at >> 1
                if at & 1 == 0 { columns.source[row] = e } else { columns.target[row] = e }
            }
        }
        let count = columns.source.count
        builder.installTransfers(columns)
        source.rows += count

        // MARK: - Exact text and attributes
        for (k, chunk) in chunks.enumerated() {
            let offset = rowOffsets[k]
            keepVerbatim(.transfers, column: "amount", chunk.verbatimAmount, rowOffset: offset)
            keepVerbatim(.transfers, column: "time", chunk.verbatimTime, rowOffset: offset)
            for row in chunk.blankCurrency {
                builder.keepVerbatim(.transfers, column: "currency", row: row + offset, bytes: UnsafeBufferPointer(start: nil, count: 0))
            }
            for (a, values) in chunk.attributes.enumerated() {
                builder.appendAttributes(.transfers, column: attributeColumn[a], contentsOf: values, rowOffset: offset)
            }
        }
        return true
    }
}

/// The ids of each part of a file, joined into one column by the thread that indexes
/// them (taken out, so that joining copies no more than the later parts).
final class IDParts: @unchecked Sendable {
    private var parts: [StringColumn]
    init(_ parts: [StringColumn]) { self.parts = parts }

    /// The parts in order, as one column; the box is left empty.
    func joined() -> StringColumn {
        var all = parts[0]
        parts[0] = StringColumn()
        for k in 1 ..< parts.count {
            all.append(contentsOf: parts[k])
            parts[k] = StringColumn()
        }
        return all
    }
}

/// The builder as the reading threads see it, until they are done.
final class SharedBuilder: @unchecked Sendable {
    var builder: CaseBuilder?
    init(_ builder: CaseBuilder) { self.builder = builder }
}

enum ParallelTransfers {
    /// Rows to make room for in the second half (from `cut` to `size`) of a file read
    /// from `start`: its share of the file's estimate, and 5% more.
    static func secondHalfRows(estimated: Int, start: Int, cut: Int, size: Int) -> Int {
        Int(Double(estimated) * Double(size - cut) / Double(size - start) * 1.05) + 16
    }

    /// The progress the first half's thread reports for the whole of `file` (read from
    /// `start` to `size`): the first half stands for both, they advance together.
    static func halfProgress(_ report: (@Sendable (ImportProgress) -> Void)?, file: String, start: Int, size: Int) -> ((Int) -> Void)? {
        report.map { report in { read in
            report(ImportProgress(file: file, bytesRead: min(size, start + 2 * read), totalBytes: size))
        } }
    }

    /// The offset just after the first line end at or after `offset` (and before
    /// `end`), or nil.
    static func lineEnd(in path: String, after offset: Int, before end: Int) -> Int? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var at = offset
        while at < end {
            guard (try? handle.seek(toOffset: UInt64(at))) != nil,
                  let data = try? handle.read(upToCount: 1 << 16), !data.isEmpty else { return nil }
            if let i = data.firstIndex(of: UInt8(ascii: "\n")) {
                let cut = at + (i - data.startIndex) + 1
                return cut < end ? cut : nil
            }
            at += data.count
        }
        return nil
    }

    /// Appends `more` to `column`; when it has too little room (the row estimate was
    /// short), it grows to the room needed and 3% more, as the estimates allow (outside
    /// accounts may still come), rather than doubling.
    static func append<T>(_ more: ContiguousArray<T>, to column: inout ContiguousArray<T>) {
        let needed = column.count + more.count
        if column.capacity < needed { column.reserveCapacity(needed + needed / 32 + 16) }
        column.append(contentsOf: more)
    }

    /// `code` of each word of a part's own vocabulary from code `first` on, in code
    /// order (the codes the builder gives them); nil as soon as one is nil.
    static func codes<Code>(of words: Vocabulary, from first: Int = 0,
                            _ code: (UnsafeBufferPointer<UInt8>) -> Code?) -> [Code]? {
        var codes: [Code] = []
        for c in first ..< max(first, words.count) {
            var word = words[UInt16(c)]
            guard let coded = word.withUTF8({ code($0) }) else { return nil }
            codes.append(coded)
        }
        return codes
    }

    /// The builder's codes of a part's own kind words (code 0, the empty word, stays
    /// 0) and whether each was written in another letter case; `code` codes one word.
    static func kindCodes(of words: Vocabulary, _ code: (UnsafeBufferPointer<UInt8>) -> (code: UInt16, normalized: Bool))
        -> (codes: [UInt16], normalized: [Bool]) {
        let coded = codes(of: words, from: 1, code)!
        return ([0] + coded.map(\.code), [false] + coded.map(\.normalized))
    }

    /// The rows (numbered from `offset`) of a part whose kind (`kind`, codes of the
    /// part's `words`) was written in another letter case, with the word as written.
    static func verbatimKinds(_ kind: ContiguousArray<UInt16>, words: Vocabulary, normalized: [Bool], offset: Int)
        -> [(row: Int32, word: String)] {
        guard normalized.contains(true) else { return [] }
        return kind.enumerated().filter { normalized[Int($0.element)] }.map { (Int32(offset + $0.offset), words[$0.element]) }
    }

    /// Replaces each code `c` of `column` by `codes[c]`.
    static func recode(_ column: inout ContiguousArray<UInt16>, with codes: [UInt16]) {
        if codes.enumerated().allSatisfy({ $0.offset == Int($0.element) }) { return }
        codes.withUnsafeBufferPointer { map in
            column.withUnsafeMutableBufferPointer { c in
                for i in c.indices { c[i] = map[Int(c[i])] }
            }
        }
    }
}
