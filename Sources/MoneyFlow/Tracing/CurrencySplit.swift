import FraudGraph

/// The case's currencies in two sets of about equal numbers of transfers, for two
/// replays at once (money moves only within its currency). Nil when one replay will
/// do (`ReplaySizes`): one core, one currency, a small case, or a second set too small
/// to be worth a thread.
struct CurrencySplit {
    /// A flag per currency code: replayed by the first part, or by the second.
    let first: ContiguousArray<Bool>
    let second: ContiguousArray<Bool>

    init?(_ transfers: TransferTable, sizes: ReplaySizes) {
        let codes = transfers.currencies.count
        guard codes > 1, transfers.count > 0, transfers.count >= sizes.splitFrom, sizes.cores > 1 else { return nil }
        var counts = ContiguousArray<Int>(repeating: 0, count: codes)
        transfers.currency.withUnsafeBufferPointer { currency in
            for code in currency { counts[Int(code)] += 1 }
        }
        // Biggest first, each to the lighter set.
        var first = ContiguousArray(repeating: false, count: codes), second = first
        var load = (0, 0)
        for code in (0 ..< codes).sorted(by: { (counts[$0], $1) > (counts[$1], $0) }) where counts[code] > 0 {
            if load.0 <= load.1 {
                first[code] = true
                load.0 += counts[code]
            } else {
                second[code] = true
                load.1 += counts[code]
            }
        }
        // (Code 0, "absent", is counted among the codes: one currency used leaves a part empty.)
        guard min(load.0, load.1) > 0, Double(min(load.0, load.1)) >= sizes.smallestPart * Double(transfers.count) else { return nil }
        self.first = first
        self.second = second
    }
}
