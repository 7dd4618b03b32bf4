import Foundation

/// The sizes at which the replay changes method. They change how fast a trace is
/// made, never what it says: tests make them small, so that small cases take every
/// path.
struct ReplaySizes: Sendable {
    /// Cases with at least this many transfers and several currencies are replayed in
    /// two parts at once (`CurrencySplit`), if there are two cores and the smaller part
    /// has at least `smallestPart` of the transfers.
    var splitFrom = 100_000
    var cores = ProcessInfo.processInfo.activeProcessorCount
    var smallestPart = 0.1
    /// Arrivals (haircut's pieces, poison's marks) wait unmerged up to this many, or up
    /// to as many as the slot's holdings.
    var arrivalsSettledFrom = 256
    /// Unsorted arrivals up to this many are sorted by the standard library (it merges
    /// the deposits' runs), more by radix.
    var radixSortFrom = 512
}
