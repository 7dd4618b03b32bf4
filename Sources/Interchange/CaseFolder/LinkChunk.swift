import FraudGraph

/// The rows of one part of `links.csv`, read on a thread of their own against the
/// entities and outside accounts already read (`ParallelLinks`), kept apart until
/// every part is read. As with `TransferChunk`, a part with any problem stops at it
/// (`clean` false) and the whole file is read row by row, which names the problem.
struct LinkChunk: FilePart {
    var source: ContiguousArray<Int32> = []
    var target: ContiguousArray<Int32> = []
    /// Codes of the part's own vocabulary of kinds, exactly as written.
    var kind: ContiguousArray<UInt16> = []
    var kinds = Vocabulary()
    var time: ContiguousArray<Int64> = []
    var weight: ContiguousArray<Double> = []
    /// Exact text kept where it is not what FraudGraph would write (see `RowReader`).
    var verbatimTime = SparseStringColumn()
    var verbatimWeight = SparseStringColumn()
    var attributes: [SparseStringColumn] = []
    var clean = false
    var count: Int { source.count }

    /// Reads the records of bytes `range` of `path` (which must start at a record and
    /// end at a line end), with `reserve` rows of room.
    static func read(
        path: String, range: Range<Int>, layout: HeaderLayout, builder: CaseBuilder, reserve: Int,
        progress: ((Int) -> Void)? = nil
    ) -> LinkChunk {
        var chunk = LinkChunk()
        chunk.attributes = Array(repeating: SparseStringColumn(), count: layout.attributeFields.count)
        chunk.source.reserveCapacity(reserve); chunk.target.reserveCapacity(reserve)
        chunk.kind.reserveCapacity(reserve); chunk.time.reserveCapacity(reserve); chunk.weight.reserveCapacity(reserve)
        var parser = LinkChunkParser(layout: layout, builder: builder)
        chunk.clean = CSVReader.readPart(path: path, range: range, progress: progress) { batch, n in
            parser.read(batch: batch, count: n, into: &chunk)
        }
        return chunk
    }
}

/// Checks and parses the records of a batch into a `LinkChunk`: what `RowReader`
/// does for a link, minus coding kinds (in file order, later).
private struct LinkChunkParser: ~Copyable {
    let layout: HeaderLayout
    let builder: CaseBuilder
    let fieldCount: Int
    let source: Int, target: Int, kind: Int, time: Int, weight: Int
    /// The text FraudGraph writes for a weight of 1, the usual one.
    let one: [UInt8] = Array(CanonicalText.weight(1).utf8)
    var ends = EndpointHashes()
    var lastKind = WordCache()

    init(layout: HeaderLayout, builder: CaseBuilder) {
        self.layout = layout
        self.builder = builder
        fieldCount = layout.header.count
        let k = layout.known
        (source, target, kind, time, weight) = (k[0], k[1], k[2], k[3], k[4])
    }


    mutating func read(batch: borrowing CSVReader, count n: Int, into chunk: inout LinkChunk) -> Bool {
        guard ends.prepare(batch, count: n, fields: source, target, fieldCount: fieldCount, builder: builder) else { return false }
        for r in 0 ..< n {
            let (sourceHash, targetHash) = ends.hashes(r)
            guard readRecord(batch.record(r), sourceHash, targetHash, into: &chunk) else { return false }
        }
        return true
    }

    private mutating func readRecord(_ record: RecordView, _ sourceHash: UInt64, _ targetHash: UInt64, into chunk: inout LinkChunk) -> Bool {
        guard fieldsAreValidUTF8(record) else { return false }
        let sourceText = record.field(source), targetText = record.field(target), kindText = record.field(kind)
        let timeText = record.field(ifPresent: time), weightText = record.field(ifPresent: weight)
        if sourceText.isEmpty || targetText.isEmpty || kindText.isEmpty { return false }
        guard let from = builder.entityIndex(sourceText, hash: sourceHash),
              let to = builder.entityIndex(targetText, hash: targetHash) else { return false }
        var when = Timestamp.absent
        var style = Timestamp.Style.utc
        if !timeText.isEmpty {
            guard case .success(let parsed) = Timestamp.parse(timeText) else { return false }
            (when, style) = (parsed.seconds, parsed.style)
        }
        // As written is canonical when it is what FraudGraph would write back (a
        // blank in a weight column is not: it stays blank).
        var w = 1.0
        var canonical = weightText.elementsEqual(one)
        if !weightText.isEmpty && !canonical {
            guard let parsed = Double(String(decoding: weightText, as: UTF8.self)), parsed.isFinite, parsed > 0 else { return false }
            w = parsed
            canonical = weightText.elementsEqual(CanonicalText.weight(w).utf8)
        }
        guard let kindCode = lastKind.code(kindText, in: &chunk.kinds) else { return false }
        let row = Int32(truncatingIfNeeded: chunk.count)
        chunk.source.append(from)
        chunk.target.append(to)
        chunk.kind.append(kindCode)
        chunk.time.append(when)
        chunk.weight.append(w)
        if !timeText.isEmpty && style != .utc { chunk.verbatimTime.appendKeepingEmpty(row: row, bytes: timeText) }
        if weight >= 0 && !canonical { chunk.verbatimWeight.appendKeepingEmpty(row: row, bytes: weightText) }
        for (k, field) in layout.attributeFields.enumerated() {
            let value = record.field(field)
            if !value.isEmpty { chunk.attributes[k].append(row: row, bytes: value) }
        }
        return true
    }
}
