/// Tainted lots that arrived at a slot (or account) since its book last merged them,
/// in the order they came: each deposit is a run in (seed, hops) order, since books
/// hand pieces over in holding order. Keeps what they add up to, whether they are
/// still one run and how wide their hop counts are, so that sorting them is skipped
/// when needless and its radix key is no wider than needed.
struct Arrivals {
    private(set) var lots: ContiguousArray<Lot> = []
    /// What `lots` add up to (haircut's: at most a balance). Added with wrapping:
    /// poison's marks each carry a whole transfer amount, which add up to nothing
    /// meaningful (and past 64 bits when many seeds mark a large payment); poison
    /// never reads it.
    private(set) var total: Int64 = 0
    /// Whether `lots` are in (seed, hops) order (one run).
    private(set) var isSorted = true
    /// All hop counts or-ed: they are below 2^(its width).
    private var hops: UInt32 = 0

    var isEmpty: Bool { lots.isEmpty }
    var count: Int { lots.count }

    /// Appends the tainted ones of `pieces`, in their order.
    mutating func append(_ pieces: ContiguousArray<Lot>) {
        var last = lots.last?.key ?? 0
        var clean = 0
        pieces.withUnsafeBufferPointer { pieces in
            for p in pieces {
                if p.isClean {
                    clean += 1
                    continue
                }
                total &+= p.amount
                isSorted = isSorted && last <= p.key
                last = p.key
                hops |= UInt32(bitPattern: p.hops)
            }
        }
        pieces.withUnsafeBufferPointer { pieces in
            if clean == 0 {
                lots.append(contentsOf: pieces)
            } else if clean == 1 && pieces[pieces.count - 1].isClean {
                lots.append(contentsOf: UnsafeBufferPointer(rebasing: pieces.dropLast()))  // the usual clean rest
            } else {
                for p in pieces where !p.isClean { lots.append(p) }
            }
        }
    }

    /// Puts the lots in (seed, hops) order: up to `radixFrom` of them by the standard
    /// library's sort (it merges the deposits' runs), more by radix on a key as wide as
    /// the seeds and hop counts need, with `scratch` as its second buffer.
    mutating func sort(radixFrom: Int, scratch: inout ContiguousArray<Lot>) {
        if isSorted { return }
        defer { isSorted = true }
        if lots.count <= radixFrom {
            lots.sort { $0.key < $1.key }
            return
        }
        let width = UInt64(32 - hops.leadingZeroBitCount)
        var seeds: UInt32 = 0
        for lot in lots { seeds |= UInt32(bitPattern: lot.seed) }
        RadixSort.sort(&lots, scratch: &scratch, bits: 32 - seeds.leadingZeroBitCount + Int(width)) {
            UInt64(UInt32(bitPattern: $0.seed)) << width | UInt64(UInt32(bitPattern: $0.hops))
        }
    }

    /// Empties the arrivals (after a merge).
    mutating func removeAll(keepingCapacity keep: Bool) {
        lots.removeAll(keepingCapacity: keep)
        total = 0
        isSorted = true
        hops = 0
    }
}
