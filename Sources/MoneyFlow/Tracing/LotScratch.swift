/// A growable buffer of lots that a book writes through a pointer, freed with it. (A
/// class: copies of a book share its buffers, so a book serves one replay at a time.)
final class LotScratch {
    private(set) var base = UnsafeMutablePointer<Lot>.allocate(capacity: 1)
    private var capacity = 1

    /// Makes room for `n` lots (the contents are not kept).
    func reserve(_ n: Int) {
        guard n > capacity else { return }
        base.deallocate()
        capacity = max(n, 2 * capacity)
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }
}
