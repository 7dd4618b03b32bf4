import FraudGraph

/// Traces seed transfers (victims' reported payments) through a case under one
/// allocation policy, exactly as `shared/spec/tracing.md` says.
///
/// One replay over the ledger: transfers in ascending time, ties in transfers.csv
/// order. Every account keeps its money per currency ("slot"); the policy's book
/// decides which of the sender's lots leave. Integer money throughout; the result is
/// the same on every machine.
///
/// Money moves only within its currency, so a large case of several currencies is
/// replayed in two parts at once, on two threads, each part some of the currencies
/// (`CurrencySplit`); the parts' lists are put together in ledger order
/// (`PartialTrace`): the same trace, to the byte, as one replay's. Poison, whose
/// marks span currencies, is always one replay; it keeps no balances, and the end
/// balances its holdings report are replayed beside it (`EndBalances`). Haircut's
/// long part reads its balances from the other thread, which replays them ahead
/// (`BalancesAhead`) before its own part.
///
/// Choices where the spec leaves room (each the most literal reading we found, but
/// haircut's dust, the one rule the spec's words do not settle):
/// - A seed transfer takes its amount from the sender like any transfer; tainted
///   pieces it takes (of other seeds) are cut. Its receiver gets the whole amount
///   under the seed's own label with hops 0, whatever its channel: the seed rule is
///   applied before the cash-out rule.
/// - Seeds given twice count once, at their first position.
/// - `--max-hops H`: a piece whose hops equal H when a transfer takes it arrives
///   clean and is cut. It is not reported as carried by that transfer (it arrives
///   clean), and a cash withdrawal taking it counts it as cut, not as exited.
/// - A cash withdrawal counts the tainted pieces it takes as exited, from the sender;
///   the receiving account gets the money as clean (balances stay true, the taint is
///   followed no further). The withdrawal is listed among the tainted transfers too.
/// - Money sent beyond what the data shows the sender held is clean and comes after
///   the sender's lots in the order taken; the sender's balance stops at 0.
/// - haircut: see `HaircutBook` for the dust a nearly wholly tainted sender cannot hold.
///   Keeping all of it (the other reading of "the dust stays with the sender") would
///   let such a sender's later transfers carry more taint than their amount; we remove
///   it instead and report it per seed as `rounding`, the figure tracing.md says a
///   haircut's totals are "up to". On the small preset the two readings differ for
///   113 of 261 seeds, by 1 to 4 units of 1/10,000 each.
/// - poison: marks are per account, all currencies together ("every later transfer out
///   of it"); each marking seed is carried with the transfer's whole amount, with the
///   least hop count it reached the account with. An account's holding per marking
///   seed is its whole balance at the end, all currencies summed (the spec says only
///   which transfers and accounts are touched is meaningful under poison).
public struct Tracer: Sendable {
    /// Which lots leave a sender (tracing.md's allocation policies).
    public var policy: TracePolicy
    /// Follow tainted money for at most this many transfers after the seed's.
    public var maxHops: Int?
    /// When the replay changes method (tests make the sizes small).
    var sizes = ReplaySizes()

    /// A tracer under `policy`, following tainted money at most `maxHops` transfers
    /// after the seed's (nil: as far as it goes).
    public init(policy: TracePolicy, maxHops: Int? = nil) {
        self.policy = policy
        self.maxHops = maxHops
    }

    /// The transfers named by the case's reports, in report order, each once.
    public static func reportedTransfers(in c: Case) -> [Int32] {
        var seen = Set<Int32>()
        return c.reports.transfer.filter { seen.insert($0).inserted }
    }

    /// Traces `seeds` (transfer rows; repeats ignored) through `c`.
    /// - Complexity: O(transfers) for the replay of clean money, plus the work on
    ///   tainted lots (per transfer out of a tainted slot: the lots it takes; haircut
    ///   and poison: every holding of the sender, but haircut skips a payment that the
    ///   sender's clean money covers and whose shares all round to nothing).
    public func run(on c: Case, ledger: Ledger, seeds: [Int32]) -> Trace {
        var seen = Set<Int32>()
        let unique = seeds.filter { seen.insert($0).inserted }
        precondition(unique.allSatisfy { $0 >= 0 && Int($0) < c.transfers.count }, "seed is not a transfer row")
        // Not poison: its marks are per account, all currencies together.
        if policy != .poison, let split = CurrencySplit(c.transfers, sizes: sizes) {
            if policy == .haircut {
                // The first part (the biggest currency) is the long one: the second
                // thread replays its balances ahead of it, then the second part.
                let ahead = BalancesAhead(positions: ledger.count)
                let (first, second) = bothAtOnce({ replayPart(c, ledger, unique, currencies: split.first, ahead: ahead) },
                                                 { [self] in
                                                     ahead.fill(c, ledger, split.first)
                                                     return replayPart(c, ledger, unique, currencies: split.second)
                                                 })
                return finish(c, unique, [first, second])
            }
            let (first, second) = bothAtOnce({ replayPart(c, ledger, unique, currencies: split.first) },
                                             { [self] in replayPart(c, ledger, unique, currencies: split.second) })
            return finish(c, unique, [first, second])
        }
        let all = ContiguousArray(repeating: true, count: max(1, c.transfers.currencies.count))
        if policy == .poison {
            // Marks need no balance: the balances at the end are replayed beside them.
            var part: PartialTrace, whole: ContiguousArray<Int64>
            if sizes.cores > 1 && c.transfers.count >= sizes.splitFrom {
                (part, whole) = bothAtOnce({ replayPart(c, ledger, unique, currencies: all) },
                                           { EndBalances.whole(of: c, ledger: ledger) })
            } else {
                part = replayPart(c, ledger, unique, currencies: all)
                whole = EndBalances.whole(of: c, ledger: ledger)
            }
            // A marked account is wholly tainted.
            for i in part.heldAccounts.indices { part.heldAmounts[i] = whole[Int(part.heldAccounts[i])] }
            return finish(c, unique, [part])
        }
        if policy == .haircut && sizes.cores > 1 && c.transfers.count >= sizes.splitFrom {
            let ahead = BalancesAhead(positions: ledger.count)
            let (part, _) = bothAtOnce({ replayPart(c, ledger, unique, currencies: all, ahead: ahead) },
                                       { ahead.fill(c, ledger, all) })
            return finish(c, unique, [part])
        }
        return finish(c, unique, [replayPart(c, ledger, unique, currencies: all)])
    }

    /// Replays the transfers in `currencies` (a flag per currency code) under the
    /// policy; with `ahead`, reading the balances from it instead of keeping them.
    private func replayPart(_ c: Case, _ ledger: Ledger, _ seeds: [Int32], currencies: ContiguousArray<Bool>,
                            ahead: BalancesAhead? = nil) -> PartialTrace {
        switch policy {
        case .fifo, .lifo:
            var book = LotSequenceBook(lifo: policy == .lifo)
            return replay(&book, c, ledger, seeds, currencies, ahead)
        case .libr, .dirtyFirst:
            var book = TaintedQueueBook(cleanFirst: policy == .libr)
            return replay(&book, c, ledger, seeds, currencies, ahead)
        case .haircut:
            var book = HaircutBook(sizes: sizes)
            return replay(&book, c, ledger, seeds, currencies, ahead)
        case .poison:
            var book = PoisonBook(accounts: c.entities.count, sizes: sizes)
            return replay(&book, c, ledger, seeds, currencies, ahead)
        }
    }

    // MARK: - Replay

    private func replay<Book: TaintBook>(_ book: inout Book, _ c: Case, _ ledger: Ledger, _ seeds: [Int32],
                                         _ replayed: ContiguousArray<Bool>, _ ahead: BalancesAhead?) -> PartialTrace {
        let transfers = c.transfers
        let seedCount = seeds.count
        let limit: Int32 = maxHops.map { Int32(clamping: max(0, $0)) } ?? Int32.max

        // Seeds in replay order.
        var seedNumberOfRow: [Int32: Int32] = [:]
        for (s, row) in seeds.enumerated() { seedNumberOfRow[row] = Int32(s) }
        var seedPositions: [(position: Int, seed: Int32)] = []
        if seedCount > 0 {
            var marked = ContiguousArray<Bool>(repeating: false, count: transfers.count)
            for row in seeds { marked[Int(row)] = true }
            for (pos, row) in ledger.order.enumerated() where marked[Int(row)] && replayed[Int(transfers.currency[Int(row)])] {
                seedPositions.append((pos, seedNumberOfRow[row]!))
            }
        }
        seedPositions.append((Int.max, -1))

        // Per slot (account and currency): balance and the book's record, side by
        // side. Slot c·n + a is account a in currency code c (`SlotCells`).
        let n = c.entities.count
        let slots = SlotCells(accounts: n, currencies: transfers.currencies.count)
        defer { slots.deallocate() }
        var record = Recorder(seeds: seedCount)
        var pieces = ContiguousArray<Lot>()
        var seedPiece = ContiguousArray<Lot>()
        pieces.reserveCapacity(64)
        seedPiece.reserveCapacity(64)
        var nextSeed = 0
        var piecesMoved = 0
        // With balances replayed ahead: one bit per slot, set while its record holds
        // taint (the cells are read only where taint moves).
        var tainted = ContiguousArray<UInt64>(repeating: 0, count: ahead == nil ? 0 : (slots.count + 63) / 64)
        var available = 0

        ledger.order.withUnsafeBufferPointer { order in
        transfers.source.withUnsafeBufferPointer { source in
        transfers.target.withUnsafeBufferPointer { target in
        transfers.amount.withUnsafeBufferPointer { amount in
        transfers.channel.withUnsafeBufferPointer { channel in
        transfers.currency.withUnsafeBufferPointer { currency in
        replayed.withUnsafeBufferPointer { replayed in
        tainted.withUnsafeMutableBufferPointer { tainted in
            var nextSeedPosition = seedPositions[0].position
            for pos in 0 ..< order.count {
                let t = Int(order[pos])
                let a = amount[t]
                let from = Int(source[t]), to = Int(target[t])
                let code = currency[t]
                if !replayed[Int(code)] { continue }
                // A book that reads no balance (poison) is asked first, before the
                // cells are fetched: most transfers end here, touching no cell.
                if !Book.readsBalances && pos != nextSeedPosition && !book.holdsTaint(-1, account: from) { continue }
                let (s, sc) = slots.slot(account: from, currency: code)
                let (d, dc) = slots.slot(account: to, currency: code)

                // MARK: Clean money (the common case)
                var before: Int64 = 0, receiverBefore: Int64 = 0
                if !Book.readsBalances {
                    // No balance and no slot record: no cell is touched.
                } else if let ahead {
                    // Balances come from `ahead`; a clean slot is one bit.
                    if pos != nextSeedPosition && tainted[s >> 6] & (1 << UInt64(s & 63)) == 0 { continue }
                    if pos >= available { available = ahead.wait(past: pos) }
                    (before, receiverBefore) = ahead.before[pos]
                } else {
                    let sender = sc.pointee
                    if pos != nextSeedPosition && !book.holdsTaint(sender.taint, account: from) {
                        sc.pointee.balance = sender.balance > a ? sender.balance - a : 0
                        dc.pointee.balance += a
                        continue
                    }
                    before = sender.balance
                    sc.pointee.balance = before > a ? before - a : 0
                    receiverBefore = dc.pointee.balance
                    dc.pointee.balance += a
                }

                // MARK: The sender's lots
                pieces.removeAll(keepingCapacity: true)
                let senderRecord = book.take(Book.readsBalances ? sc.pointee.taint : -1, account: from, amount: a, balance: before,
                                             into: &pieces, rounding: &record.rounding)
                if Book.readsBalances { sc.pointee.taint = senderRecord }
                if ahead != nil && senderRecord < 0 { tainted[s >> 6] &= ~(1 << UInt64(s & 63)) }

                if pos == nextSeedPosition {
                    // MARK: A seed: its whole amount, its own label, hops 0
                    let seed = seedPositions[nextSeed].seed
                    nextSeed += 1
                    nextSeedPosition = seedPositions[nextSeed].position
                    for p in pieces where !p.isClean {
                        record.cut[Int(p.seed)] += p.amount
                        piecesMoved += 1
                    }
                    seedPiece.removeAll(keepingCapacity: true)
                    seedPiece.append(Lot(seed: seed, hops: 0, amount: a))
                    let receiverRecord = book.deposit(Book.readsBalances ? dc.pointee.taint : -1, slot: d, account: to,
                                                      pieces: seedPiece, balance: receiverBefore)
                    if Book.readsBalances { dc.pointee.taint = receiverRecord }
                    if ahead != nil && receiverRecord >= 0 { tainted[d >> 6] |= 1 << UInt64(d & 63) }
                    record.add(seed: seed, amount: a)
                    record.transfer(Int32(t), hops: 0, at: pos)
                    continue
                }

                // MARK: Pieces arrive with one hop more, or cut
                // (in place: a book takes adjacent pieces of one kind apart or merged alike)
                var leastHops = Int32.max
                pieces.withUnsafeMutableBufferPointer { pieces in
                    for i in 0 ..< pieces.count {
                        let p = pieces[i]
                        if p.isClean { continue }
                        piecesMoved += 1
                        if p.hops >= limit {
                            record.cut[Int(p.seed)] += p.amount
                            pieces[i] = .clean(p.amount)
                        } else {
                            let h = p.hops + 1
                            if h < leastHops { leastHops = h }
                            record.add(seed: p.seed, amount: p.amount)
                            pieces[i].hops = h
                        }
                    }
                }
                if leastHops == Int32.max || channel[t] == TransferTable.cashOutChannel {
                    if leastHops != Int32.max {
                        // MARK: A cash withdrawal: the tainted money exits here
                        record.exit(Int32(t), from: Int32(from), at: pos)
                        record.transfer(Int32(t), hops: leastHops, at: pos)
                    }
                } else {
                    let receiverRecord = book.deposit(Book.readsBalances ? dc.pointee.taint : -1, slot: d, account: to,
                                                      pieces: pieces, balance: receiverBefore)
                    if Book.readsBalances { dc.pointee.taint = receiverRecord }
                    if ahead != nil && receiverRecord >= 0 { tainted[d >> 6] |= 1 << UInt64(d & 63) }
                    record.transfer(Int32(t), hops: leastHops, at: pos)
                }
            }
        }}}}}}}}

        // MARK: - What is still held
        var remaining = book.remainingTaint(accounts: slots.accounts)
        if Book.readsBalances {
            for i in 0 ..< remaining.slots.count { remaining.slots[i] = Int(slots.account(of: remaining.slots[i])) }
        }
        // (Poison's "slots" are accounts, and its amounts come from `EndBalances`.)
        return PartialTrace(
            cut: record.cut, exited: record.exited, rounding: record.rounding,
            transfers: record.transfers, transferHops: record.hops, transferShares: record.transferShares,
            transferPositions: record.positions,
            exits: record.exits, exitAccounts: record.exitAccounts, exitShares: record.exitShares,
            exitPositions: record.exitPositions,
            heldAccounts: ContiguousArray(remaining.slots.lazy.map { Int32($0) }), heldSeeds: remaining.seeds,
            heldAmounts: remaining.amounts, piecesMoved: piecesMoved)
    }

    /// The trace of `seeds` from the replays of its parts (each of some currencies).
    private func finish(_ c: Case, _ seeds: [Int32], _ parts: [PartialTrace]) -> Trace {
        let whole = parts.count == 1 ? parts[0] : PartialTrace.merging(parts[0], parts[1])
        let (holdingAccounts, holdingShares) = Trace.group(accounts: whole.heldAccounts, seeds: whole.heldSeeds, amounts: whole.heldAmounts)
        var totals = seeds.map { Trace.SeedTotals(amount: c.transfers.amount[Int($0)]) }
        for p in 0 ..< holdingShares.seed.count { totals[Int(holdingShares.seed[p])].held += holdingShares.amount[p] }
        for s in 0 ..< seeds.count {
            totals[s].exited = whole.exited[s]
            totals[s].cut = whole.cut[s]
            totals[s].rounding = whole.rounding[s]
        }
        var trace = Trace(
            policy: policy, maxHops: maxHops, seeds: seeds, totals: totals,
            transfers: whole.transfers, transferHops: whole.transferHops, transferShares: whole.transferShares,
            holdingAccounts: holdingAccounts, holdingShares: holdingShares,
            exits: whole.exits, exitAccounts: whole.exitAccounts, exitShares: whole.exitShares)
        trace.piecesMoved = whole.piecesMoved
        return trace
    }
}

extension Trace {
    /// Sums (account, seed, amount) triples per account and seed, dropping zeros.
    static func group(accounts: ContiguousArray<Int32>, seeds: ContiguousArray<Int32>, amounts: ContiguousArray<Int64>)
        -> (ContiguousArray<Int32>, TaintShares) {
        var keyed = ContiguousArray<(key: UInt64, amount: Int64)>()
        keyed.reserveCapacity(accounts.count)
        for i in 0 ..< accounts.count where amounts[i] != 0 {
            keyed.append((UInt64(UInt32(bitPattern: accounts[i])) << 32 | UInt64(UInt32(bitPattern: seeds[i])), amounts[i]))
        }
        var sorted = true
        for i in keyed.indices.dropFirst() where keyed[i - 1].key > keyed[i].key {
            sorted = false
            break
        }
        if !sorted {
            var scratch = ContiguousArray<(key: UInt64, amount: Int64)>()
            RadixSort.sort(&keyed, scratch: &scratch) { $0.key }
        }
        var rows = ContiguousArray<Int32>()
        var shares = TaintShares()
        // At most one row and one pair per triple (pages never written are not taken).
        rows.reserveCapacity(keyed.count)
        shares.reserve(rows: keyed.count, pairs: keyed.count)
        var i = 0
        while i < keyed.count {
            let account = Int32(truncatingIfNeeded: keyed[i].key >> 32)
            while i < keyed.count && Int32(truncatingIfNeeded: keyed[i].key >> 32) == account {
                let key = keyed[i].key
                var sum: Int64 = 0
                while i < keyed.count && keyed[i].key == key {
                    sum += keyed[i].amount
                    i += 1
                }
                shares.append(seed: Int32(truncatingIfNeeded: key & 0xFFFF_FFFF), amount: sum)
            }
            shares.endRow()
            rows.append(account)
        }
        return (rows, shares)
    }
}
