import FraudGraph

/// The second half of a trace: follows the tainted money through the `LedgerStep`s of
/// `BalanceReplay`, in the same order. Most steps only ask whether the sender's slot
/// holds taint (one bit); the policy's book does the rest. See `Tracer` for the rules.
struct TaintReplay<Book: TaintBook> {
    var book: Book
    var records: SlotRecords
    var record: Recorder
    /// Tainted pieces that transfers took from senders.
    var piecesMoved = 0
    private let accounts: Int
    private let limit: Int32
    /// (ledger position, seed number), ascending, ending with (Int.max, -1).
    private let seedPositions: [(position: Int, seed: Int32)]
    private var nextSeed = 0
    private var nextSeedPosition: Int
    private var pieces = ContiguousArray<Lot>()
    private var arrived = ContiguousArray<Lot>()

    init(book: Book, accounts: Int, currencies: Int, seeds: Int, seedPositions: [(position: Int, seed: Int32)], limit: Int32) {
        self.book = book
        self.accounts = accounts
        records = SlotRecords(accounts: accounts, currencies: currencies)
        record = Recorder(seeds: seeds)
        self.limit = limit
        self.seedPositions = seedPositions
        nextSeedPosition = seedPositions[0].position
        pieces.reserveCapacity(64)
        arrived.reserveCapacity(64)
    }

    /// Follows ledger positions `range`, whose steps are `steps[0 ..< range.count]`.
    mutating func run(_ range: Range<Int>, steps: UnsafePointer<LedgerStep>, order: UnsafeBufferPointer<Int32>,
                      amount: UnsafeBufferPointer<Int64>, channel: UnsafeBufferPointer<UInt16>) {
        var step = steps
        for pos in range {
            let s = step.pointee.sender
            // MARK: Clean money (the common case)
            if pos != nextSeedPosition {
                let from = s < accounts ? s : s % accounts
                if !book.holdsTaint(records.holdsTaint(s), account: from) {
                    step += 1
                    continue
                }
            }
            follow(step.pointee, at: pos, t: Int(order[pos]), amount: amount, channel: channel)
            step += 1
        }
    }

    private mutating func follow(_ step: LedgerStep, at pos: Int, t: Int, amount: UnsafeBufferPointer<Int64>,
                                 channel: UnsafeBufferPointer<UInt16>) {
        let a = amount[t]
        let s = step.sender, d = step.receiver
        let from = s % accounts, to = d % accounts

        // MARK: The sender's lots
        pieces.removeAll(keepingCapacity: true)
        records.setRecord(s, book.take(records.record(s), account: from, amount: a, balance: step.senderBefore,
                                       into: &pieces, rounding: &record.rounding))

        if pos == nextSeedPosition {
            // MARK: A seed: its whole amount, its own label, hops 0
            let seed = seedPositions[nextSeed].seed
            nextSeed += 1
            nextSeedPosition = seedPositions[nextSeed].position
            for p in pieces where !p.isClean {
                record.cut[Int(p.seed)] += p.amount
                piecesMoved += 1
            }
            arrived.removeAll(keepingCapacity: true)
            arrived.append(Lot(seed: seed, hops: 0, amount: a))
            records.setRecord(d, book.deposit(records.record(d), slot: d, account: to, pieces: arrived, balance: step.receiverBefore))
            record.add(seed: seed, amount: a)
            record.transfer(Int32(t), hops: 0)
            return
        }

        // MARK: Pieces arrive with one hop more, or cut
        arrived.removeAll(keepingCapacity: true)
        var leastHops = Int32.max
        for p in pieces {
            if p.isClean {
                arrived.appendMerging(p)
                continue
            }
            piecesMoved += 1
            if p.hops >= limit {
                record.cut[Int(p.seed)] += p.amount
                arrived.appendMerging(.clean(p.amount))
            } else {
                let h = p.hops + 1
                if h < leastHops { leastHops = h }
                record.add(seed: p.seed, amount: p.amount)
                arrived.appendMerging(Lot(seed: p.seed, hops: h, amount: p.amount))
            }
        }
        if leastHops == Int32.max || channel[t] == TransferTable.cashOutChannel {
            if leastHops != Int32.max {
                // MARK: A cash withdrawal: the tainted money exits here
                record.exit(Int32(t), from: Int32(from))
                record.transfer(Int32(t), hops: leastHops)
            }
        } else {
            records.setRecord(d, book.deposit(records.record(d), slot: d, account: to, pieces: arrived, balance: step.receiverBefore))
            record.transfer(Int32(t), hops: leastHops)
        }
    }
}
