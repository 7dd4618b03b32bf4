import FraudGraph

/// The rows of one part of `entities.csv`, read on a thread of their own
/// (`ParallelEntities`), kept apart until every part is read.
///
/// Like `TransferChunk`, it holds only rows that reading row by row would add without a
/// word: at the first record with any problem it stops (`clean` false) and the whole
/// file is read row by row, which names the problem exactly. Kinds, countries and
/// roles carry codes of the part's own vocabularies (kinds exactly as written).
struct EntityChunk: FilePart {
    var ids = StringColumn()
    var kind: ContiguousArray<UInt16> = []
    var name = StringColumn()
    var country: ContiguousArray<UInt16> = []
    var role: ContiguousArray<UInt16> = []
    var kinds = Vocabulary()
    var countries = Vocabulary()
    var roles = Vocabulary()
    /// Non-empty values of each attribute column, in `HeaderLayout.attributeFields` order.
    var attributes: [SparseStringColumn] = []
    /// Every record of the part was read and is good.
    var clean = false
    var count: Int { kind.count }

    /// Reads the records of bytes `range` of `path` (which must start at a record and
    /// end at a line end), with `reserve` rows of room.
    static func read(path: String, range: Range<Int>, layout: HeaderLayout, reserve: Int, progress: ((Int) -> Void)? = nil) -> EntityChunk {
        var chunk = EntityChunk()
        chunk.attributes = Array(repeating: SparseStringColumn(), count: layout.attributeFields.count)
        chunk.ids.reserve(rows: reserve, bytesPerRow: 10)
        chunk.name.reserve(rows: reserve, bytesPerRow: 8)
        chunk.kind.reserveCapacity(reserve); chunk.country.reserveCapacity(reserve); chunk.role.reserveCapacity(reserve)
        var parser = EntityChunkParser(layout: layout)
        chunk.clean = CSVReader.readPart(path: path, range: range, progress: progress) { batch, n in
            for r in 0 ..< n {
                guard parser.read(batch.record(r), into: &chunk) else { return false }
            }
            return true
        }
        return chunk
    }
}

/// Checks and parses one record into an `EntityChunk`: what `RowReader` does for an
/// entity, minus what must happen in file order (numbering ids, coding words).
private struct EntityChunkParser: ~Copyable {
    let layout: HeaderLayout
    let fieldCount: Int
    let id: Int, kind: Int, name: Int, country: Int, role: Int
    var lastKind = WordCache(), lastCountry = WordCache(), lastRole = WordCache()

    init(layout: HeaderLayout) {
        self.layout = layout
        fieldCount = layout.header.count
        let k = layout.known
        (id, kind, name, country, role) = (k[0], k[1], k[2], k[3], k[4])
    }


    mutating func read(_ record: RecordView, into chunk: inout EntityChunk) -> Bool {
        guard record.fieldCount == fieldCount else { return false }
        guard fieldsAreValidUTF8(record) else { return false }
        let idText = record.field(id), kindText = record.field(kind)
        if idText.isEmpty || kindText.isEmpty { return false }
        guard let kindCode = lastKind.code(kindText, in: &chunk.kinds),
              let countryCode = lastCountry.code(record.field(ifPresent: country), in: &chunk.countries),
              let roleCode = lastRole.code(record.field(ifPresent: role), in: &chunk.roles) else { return false }
        let row = Int32(truncatingIfNeeded: chunk.count)
        chunk.ids.append(bytes: idText)
        chunk.kind.append(kindCode)
        chunk.name.append(bytes: record.field(ifPresent: name))
        chunk.country.append(countryCode)
        chunk.role.append(roleCode)
        for (k, field) in layout.attributeFields.enumerated() {
            let value = record.field(field)
            if !value.isEmpty { chunk.attributes[k].append(row: row, bytes: value) }
        }
        return true
    }
}
