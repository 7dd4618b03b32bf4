import FraudGraph

/// The rows of one part of `transfers.csv`, read on a thread of their own against the
/// entities already read (`ParallelTransfers`), kept apart until every part is read.
///
/// It holds only rows that reading row by row would add without a word: a part with
/// any problem at all (a bad value, a broken record, an entity that cannot hold
/// money) stops at it and says so (`clean` false), and the whole file is then read row
/// by row, which names the problem exactly. Rows are numbered from 0 within the part;
/// currencies and channels carry codes of the part's own vocabularies.
struct TransferChunk: FilePart {
    var ids = StringColumn()
    /// Entity index, or -1 for an id the entities do not have (an outside account,
    /// listed in `outsideIDs`).
    var source: ContiguousArray<Int32> = []
    var target: ContiguousArray<Int32> = []
    var amount: ContiguousArray<Int64> = []
    var time: ContiguousArray<Int64> = []
    var currency: ContiguousArray<UInt16> = []
    var channel: ContiguousArray<UInt16> = []
    var textForm: ContiguousArray<TransferTextForm> = []
    /// The part's own currency and channel words; code 0 is the empty word.
    var currencies = Vocabulary()
    var channels = Vocabulary()
    /// Ids of outside accounts, in the order rows name them (from before to), and
    /// where: `2 * row` for from, `2 * row + 1` for to.
    var outsideIDs = StringColumn()
    var outsideAt: ContiguousArray<Int> = []
    /// Exact text kept where it is not what FraudGraph would write (see `RowReader`).
    var verbatimAmount = SparseStringColumn()
    var verbatimTime = SparseStringColumn()
    var blankCurrency: ContiguousArray<Int32> = []
    /// Non-empty values of each attribute column, in `HeaderLayout.attributeFields` order.
    var attributes: [SparseStringColumn] = []
    /// Every record of the part was read and is good.
    var clean = false
    /// The part ended exactly at the end of its byte range.
    var count: Int { source.count }

    // MARK: - Reading a part

    /// Reads the records of bytes `range` of `path` (which must start at a record and
    /// end at a line end), with `reserve` rows of room.
    static func read(
        path: String, range: Range<Int>, layout: HeaderLayout, builder: CaseBuilder, reserve: Int,
        progress: ((Int) -> Void)? = nil
    ) -> TransferChunk {
        var chunk = TransferChunk()
        chunk.attributes = Array(repeating: SparseStringColumn(), count: layout.attributeFields.count)
        chunk.ids.reserve(rows: reserve, bytesPerRow: 10)
        chunk.source.reserveCapacity(reserve); chunk.target.reserveCapacity(reserve)
        chunk.amount.reserveCapacity(reserve); chunk.time.reserveCapacity(reserve)
        chunk.currency.reserveCapacity(reserve); chunk.channel.reserveCapacity(reserve)
        chunk.textForm.reserveCapacity(reserve)
        var parser = TransferChunkParser(layout: layout, builder: builder)
        chunk.clean = CSVReader.readPart(path: path, range: range, progress: progress) { batch, n in
            parser.read(batch: batch, count: n, into: &chunk)
        } && parser.allHoldMoney(chunk)
        return chunk
    }
}

/// Checks and parses the records of a batch into a `TransferChunk`: what `RowReader`
/// does for a transfer, minus everything that must happen in file order (numbering
/// ids, adding outside accounts, coding words).
private struct TransferChunkParser: ~Copyable {
    let layout: HeaderLayout
    let builder: CaseBuilder
    let holders: [UInt64]
    let fieldCount: Int
    let id: Int, from: Int, to: Int, amount: Int, currency: Int, time: Int, channel: Int
    var ends = EndpointHashes()
    var day = SameDayTimes()
    var lastCurrency = WordCache(), lastChannel = WordCache()

    init(layout: HeaderLayout, builder: CaseBuilder) {
        self.layout = layout
        self.builder = builder
        holders = builder.moneyHolderBits
        fieldCount = layout.header.count
        let k = layout.known
        (id, from, to, amount, currency, time, channel) = (k[0], k[1], k[2], k[3], k[4], k[5], k[6])
    }

    /// Whether every entity the chunk's rows name can hold money (outside accounts,
    /// -1, can). Independent lookups in a tight loop overlap their cache misses.
    func allHoldMoney(_ chunk: borrowing TransferChunk) -> Bool {
        var missing: UInt64 = 0
        holders.withUnsafeBufferPointer { bits in
            for column in [chunk.source, chunk.target] {
                column.withUnsafeBufferPointer { entities in
                    for e in entities where e >= 0 {
                        missing |= ~bits[Int(e) &>> 6] & (1 &<< UInt64(Int(e) & 63))
                    }
                }
            }
        }
        return missing == 0
    }

    /// Reads the `count` records of the batch; false at the first record with a problem.
    mutating func read(batch: borrowing CSVReader, count n: Int, into chunk: inout TransferChunk) -> Bool {
        guard ends.prepare(batch, count: n, fields: from, to, fieldCount: fieldCount, builder: builder) else { return false }
        for r in 0 ..< n {
            let (fromHash, toHash) = ends.hashes(r)
            guard readRecord(batch.record(r), fromHash, toHash, into: &chunk) else { return false }
        }
        return true
    }

    private mutating func readRecord(_ record: RecordView, _ fromHash: UInt64, _ toHash: UInt64, into chunk: inout TransferChunk) -> Bool {
        guard fieldsAreValidUTF8(record) else { return false }
        let idText = record.field(id), fromText = record.field(from), toText = record.field(to)
        let amountText = record.field(amount), timeText = record.field(time)
        if idText.isEmpty || fromText.isEmpty || toText.isEmpty { return false }
        guard case .success(let money) = Money.parse(amountText) else { return false }
        guard let parsed = day.parse(timeText) else { return false }
        let currencyText = record.field(ifPresent: currency)
        guard let currencyCode = lastCurrency.code(currencyText, in: &chunk.currencies) else { return false }
        let channelText = record.field(ifPresent: channel)
        guard let channelCode = lastChannel.code(channelText, in: &chunk.channels) else { return false }
        let row = chunk.count
        var source: Int32 = -1, target: Int32 = -1
        // Whether they can hold money is checked afterwards, all rows at once
        // (`allHoldMoney`): here it would wait for memory on every row.
        if let e = builder.entityIndex(fromText, hash: fromHash) { source = e }
        if let e = builder.entityIndex(toText, hash: toHash) { target = e }
        if source < 0 {
            chunk.outsideIDs.append(bytes: fromText)
            chunk.outsideAt.append(2 &* row)
        }
        if target < 0 {
            chunk.outsideIDs.append(bytes: toText)
            chunk.outsideAt.append(2 &* row &+ 1)
        }
        chunk.ids.append(bytes: idText)
        chunk.source.append(source)
        chunk.target.append(target)
        chunk.amount.append(money.0.units)
        chunk.time.append(parsed.seconds)
        chunk.currency.append(currencyCode)
        chunk.channel.append(channelCode)
        chunk.textForm.append(TransferTextForm(amountFractionDigits: money.fractionDigits, timeStyle: parsed.style,
                                               offsetMinutes: parsed.offsetMinutes))
        // The exact text where it is not what FraudGraph would write (as `RowReader`).
        let r32 = Int32(truncatingIfNeeded: row)
        if amountText.count > 1 && amountText[0] == UInt8(ascii: "0") && amountText[1] != UInt8(ascii: ".") {
            chunk.verbatimAmount.appendKeepingEmpty(row: r32, bytes: amountText)
        }
        if parsed.style == .other { chunk.verbatimTime.appendKeepingEmpty(row: r32, bytes: timeText) }
        if currency >= 0 && currencyText.isEmpty { chunk.blankCurrency.append(r32) }
        for (k, field) in layout.attributeFields.enumerated() {
            let value = record.field(field)
            if !value.isEmpty { chunk.attributes[k].append(row: r32, bytes: value) }
        }
        return true
    }
}

/// `Timestamp.parse` with a shortcut for the usual form, `2024-03-01T10:15:00Z`, on
/// the day of the previous such time: rows come in time order, so most share it.
/// It gives exactly what `Timestamp.parse` gives (any other text, a leap second or
/// another day goes to it).
struct SameDayTimes {
    /// The first 10 bytes (the date) of the last time of the usual form, and the
    /// instant its day started.
    private var date8: UInt64 = 0, date2: UInt16 = 0
    private var known = false
    private var dayStart: Int64 = 0

    @inline(__always)
    mutating func parse(_ t: UnsafeBufferPointer<UInt8>) -> (seconds: Int64, style: Timestamp.Style, offsetMinutes: Int16)? {
        let usual = t.count == 20 && t[10] == UInt8(ascii: "T") && t[19] == UInt8(ascii: "Z")
        if usual && known {
            let raw = UnsafeRawPointer(t.baseAddress!)
            if raw.loadUnaligned(as: UInt64.self) == date8 && raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self) == date2,
               let tod = SameDayTimes.timeOfDay(t) {
                return (dayStart + Int64(tod), .utc, 0)
            }
        }
        guard case .success(let parsed) = Timestamp.parse(t) else { return nil }
        if usual && parsed.style == .utc && parsed.offsetMinutes == 0, let tod = SameDayTimes.timeOfDay(t) {
            let raw = UnsafeRawPointer(t.baseAddress!)
            date8 = raw.loadUnaligned(as: UInt64.self)
            date2 = raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
            dayStart = parsed.seconds - Int64(tod)
            known = true
        }
        return (parsed.seconds, parsed.style, parsed.offsetMinutes)
    }

    /// Seconds since midnight of `HH:MM:SS` at bytes 11...18, or nil when it is not
    /// that or out of range (a leap second included).
    @inline(__always)
    private static func timeOfDay(_ t: UnsafeBufferPointer<UInt8>) -> Int? {
        @inline(__always) func d(_ i: Int) -> Int? {
            let c = t[i]
            return c >= 48 && c <= 57 ? Int(c &- 48) : nil
        }
        guard t[13] == UInt8(ascii: ":"), t[16] == UInt8(ascii: ":"),
              let h1 = d(11), let h2 = d(12), let m1 = d(14), let m2 = d(15), let s1 = d(17), let s2 = d(18) else { return nil }
        let h = h1 * 10 + h2, m = m1 * 10 + m2, s = s1 * 10 + s2
        guard h <= 23, m <= 59, s <= 59 else { return nil }
        return h * 3600 + m * 60 + s
    }
}
