import FraudGraph
import Foundation

/// Reading `entities.csv` on both cores, as `ParallelTransfers` reads transfers: two
/// halves read at once (`EntityChunk`), their ids indexed on two threads, the rest put
/// together in file order. It gives up, changing nothing, on any problem, a cut
/// inside a quoted field, a repeated id or too many distinct words; the file is then
/// read row by row, which names every problem as before.
extension ReadSession {
    /// Reads the records of `file` from byte `start` (after the header) to `size` on
    /// two threads into the builder. Returns false, having changed nothing, when the
    /// file must be read row by row.
    mutating func readEntitiesInParallel(
        file: String, from start: Int, size: Int, layout: HeaderLayout, attributeColumn: [Int],
        estimatedRows: Int, source: inout ImportReport.SourceFile
    ) -> Bool {
        guard builder.entities.count == 0, size - start >= options.parallelMinimumBytes,
              let cut = ParallelTransfers.lineEnd(in: file, after: start + (size - start) / 2, before: size)
        else { return false }
        let progress = ParallelTransfers.halfProgress(options.progress, file: CaseFile.entities, start: start, size: size)
        let secondRows = ParallelTransfers.secondHalfRows(estimated: estimatedRows, start: start, cut: cut, size: size)
        var chunks: [EntityChunk] = []
        do {
            let (first, second) = ParallelTransfers.both({
                EntityChunk.read(path: file, range: start ..< cut, layout: layout, reserve: estimatedRows,
                                 progress: progress)
            }, {
                EntityChunk.read(path: file, range: cut ..< size, layout: layout, reserve: secondRows)
            })
            guard first.clean && second.clean else { return false }
            chunks = [first, second]
        }
        return install(entities: &chunks, attributeColumn: attributeColumn, source: &source)
    }

    private mutating func install(entities chunks: inout [EntityChunk], attributeColumn: [Int], source: inout ImportReport.SourceFile) -> Bool {
        // MARK: - Ids: numbered in file order, indexed, none repeated
        var ids = chunks[0].ids
        chunks[0].ids = StringColumn()
        for k in 1 ..< chunks.count {
            ids.append(contentsOf: chunks[k].ids)
            chunks[k].ids = StringColumn()
        }
        let indexed = StringInterner.indexing(ids)
        ids = StringColumn()
        guard case .success(let index) = indexed else { return false }

        // MARK: - Words: coded in the order they first appear
        // Coding cannot fail below: the vocabularies have room for every new word.
        let e = builder.entities
        func room(_ v: Vocabulary, _ local: (EntityChunk) -> Vocabulary) -> Bool {
            v.count + chunks.reduce(0) { $0 + local($1).count } <= Vocabulary.capacity
        }
        guard room(e.kinds, \.kinds) && room(e.countries, \.countries) && room(e.roles, \.roles) else { return false }
        var kindCodes: [[UInt16]] = [], normalized: [[Bool]] = [], countryCodes: [[UInt16]] = [], roleCodes: [[UInt16]] = []
        for chunk in chunks {
            var kinds: [UInt16] = [0], norm: [Bool] = [false]
            for c in 1 ..< max(1, chunk.kinds.count) {
                var word = chunk.kinds[UInt16(c)]
                let code: (code: UInt16, normalized: Bool) = word.withUTF8 { (try? builder.entityKindCode($0)) ?? (0, false) }
                kinds.append(code.code)
                norm.append(code.normalized)
            }
            kindCodes.append(kinds)
            normalized.append(norm)
            var countries: [UInt16] = [], roles: [UInt16] = []
            for c in 0 ..< chunk.countries.count {
                var word = chunk.countries[UInt16(c)]
                countries.append(word.withUTF8 { (try? builder.countryCode($0)) ?? 0 })
            }
            for c in 0 ..< chunk.roles.count {
                var word = chunk.roles[UInt16(c)]
                roles.append(word.withUTF8 { (try? builder.roleCode($0)) ?? 0 })
            }
            countryCodes.append(countries)
            roleCodes.append(roles)
        }

        // MARK: - Columns, half after half
        func take<T>(_ column: inout ContiguousArray<T>) -> ContiguousArray<T> {
            let taken = column
            column = []
            return taken
        }
        // Kinds written in another letter case (`Person`), kept as written.
        var verbatimKinds: [(row: Int32, word: String)] = []
        var offset = 0
        for k in chunks.indices {
            if normalized[k].contains(true) {
                for (r, c) in chunks[k].kind.enumerated() where normalized[k][Int(c)] {
                    verbatimKinds.append((Int32(offset + r), chunks[k].kinds[c]))
                }
            }
            offset += chunks[k].count
            ParallelTransfers.recode(&chunks[k].kind, with: kindCodes[k])
            ParallelTransfers.recode(&chunks[k].country, with: countryCodes[k])
            ParallelTransfers.recode(&chunks[k].role, with: roleCodes[k])
        }
        var columns = CaseBuilder.EntityColumns(ids: index)
        columns.kind = take(&chunks[0].kind)
        columns.country = take(&chunks[0].country)
        columns.role = take(&chunks[0].role)
        columns.name = chunks[0].name
        chunks[0].name = StringColumn()
        var rowOffsets: [Int32] = [0]
        for k in 1 ..< chunks.count {
            rowOffsets.append(Int32(columns.kind.count))
            ParallelTransfers.append(chunks[k].kind, to: &columns.kind)
            ParallelTransfers.append(chunks[k].country, to: &columns.country)
            ParallelTransfers.append(chunks[k].role, to: &columns.role)
            columns.name.append(contentsOf: chunks[k].name)
            chunks[k].kind = []; chunks[k].country = []; chunks[k].role = []; chunks[k].name = StringColumn()
        }
        let count = columns.kind.count
        builder.installEntities(columns)
        source.rows += count

        // MARK: - Exact text and attributes
        for (row, word) in verbatimKinds {
            var w = word
            w.withUTF8 { builder.keepVerbatim(.entities, column: "kind", row: row, bytes: $0) }
        }
        for (k, chunk) in chunks.enumerated() {
            for (a, values) in chunk.attributes.enumerated() {
                builder.appendAttributes(.entities, column: attributeColumn[a], contentsOf: values, rowOffset: rowOffsets[k])
            }
        }
        return true
    }
}
