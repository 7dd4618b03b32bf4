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
        guard builder.entities.count == 0,
              var chunks = readHalves(of: file, table: .entities, from: start, size: size, estimatedRows: estimatedRows, {
                  _, range, rows, progress in
                  EntityChunk.read(path: file, range: range, layout: layout, reserve: rows, progress: progress)
              })
        else { return false }
        return install(entities: &chunks, attributeColumn: attributeColumn, source: &source)
    }

    private mutating func install(entities chunks: inout [EntityChunk], attributeColumn: [Int], source: inout ImportReport.SourceFile) -> Bool {
        // MARK: - Ids: numbered in file order, indexed, none repeated
        let ids = IDParts(chunks.map(\.ids))
        for k in chunks.indices { chunks[k].ids = StringColumn() }
        let indexed = StringInterner.indexing(ids.joined())
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
            let kinds = ParallelTransfers.kindCodes(of: chunk.kinds) { (try? builder.entityKindCode($0)) ?? (0, false) }
            kindCodes.append(kinds.codes)
            normalized.append(kinds.normalized)
            countryCodes.append(ParallelTransfers.codes(of: chunk.countries) { (try? builder.countryCode($0)) ?? 0 }!)
            roleCodes.append(ParallelTransfers.codes(of: chunk.roles) { (try? builder.roleCode($0)) ?? 0 }!)
        }

        // MARK: - Columns, half after half
        // Kinds written in another letter case (`Person`), kept as written.
        var verbatimKinds: [(row: Int32, word: String)] = []
        var offset = 0
        for k in chunks.indices {
            verbatimKinds += ParallelTransfers.verbatimKinds(chunks[k].kind, words: chunks[k].kinds,
                                                             normalized: normalized[k], offset: offset)
            offset += chunks[k].count
            ParallelTransfers.recode(&chunks[k].kind, with: kindCodes[k])
            ParallelTransfers.recode(&chunks[k].country, with: countryCodes[k])
            ParallelTransfers.recode(&chunks[k].role, with: roleCodes[k])
        }
        var columns = CaseBuilder.EntityColumns(ids: index)
        columns.kind = exchange(&chunks[0].kind, with: [])
        columns.country = exchange(&chunks[0].country, with: [])
        columns.role = exchange(&chunks[0].role, with: [])
        columns.name = exchange(&chunks[0].name, with: StringColumn())
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
