/// A lot: an amount of money in one account and currency, clean or tainted by one
/// seed, with the number of transfers it has travelled since that seed.
///
/// 16 bytes. Clean lots have `seed == Lot.clean` and `hops == 0`.
@usableFromInline
struct Lot: Sendable, Equatable {
    /// Seed number (position in `Trace.seeds`), or `Lot.clean`.
    @usableFromInline var seed: Int32
    /// Transfers travelled since the seed transfer (0 in the seed's receiving account).
    @usableFromInline var hops: Int32
    /// Amount in 1/10,000 units, positive.
    @usableFromInline var amount: Int64

    @usableFromInline static let clean: Int32 = -1

    @inlinable init(seed: Int32, hops: Int32, amount: Int64) {
        self.seed = seed
        self.hops = hops
        self.amount = amount
    }

    @inlinable static func clean(_ amount: Int64) -> Lot { Lot(seed: clean, hops: 0, amount: amount) }

    @inlinable var isClean: Bool { seed < 0 }

    /// Whether `other` is the same kind of money (same seed and hops, or both clean),
    /// so that the two lots can be one.
    @inlinable func sameKind(_ other: Lot) -> Bool { seed == other.seed && hops == other.hops }

    /// (seed, hops) as one number, in (seed, hops) order for tainted lots.
    @inlinable var key: UInt64 { UInt64(UInt32(bitPattern: seed)) << 32 | UInt64(UInt32(bitPattern: hops)) }
}

extension ContiguousArray where Element == Lot {
    /// Appends `lot`, merging it into the last lot when they are the same kind of
    /// money (adjacent lots of one kind behave as one under every policy).
    @inlinable mutating func appendMerging(_ lot: Lot) {
        if let last = self.last, last.sameKind(lot) {
            self[count - 1].amount += lot.amount
        } else {
            append(lot)
        }
    }
}
