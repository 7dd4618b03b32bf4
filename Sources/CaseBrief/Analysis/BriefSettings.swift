import Communities
import GraphvizExport
import Hierarchy
import MoneyFlow

/// What a brief runs and how much of it shows: the analyses' parameters (recorded in
/// the brief's method section) and how many rings, reports and dens get their own
/// pictures, so that the brief of a big case stays readable.
public struct BriefSettings: Sendable {
    /// The allocation policy of the trace, the freeze list and the cross-border flows.
    public var policy: TracePolicy = .fifo
    /// Policies whose freeze totals are shown beside the main one (the main one is
    /// always shown; `poison` is an upper bound and may be listed too).
    public var comparedPolicies: [TracePolicy] = [.fifo, .libr, .dirtyFirst]
    /// Follow tainted money for at most this many hops (nil: to the end of the data).
    public var maxHops: Int?
    public var rings = RingFinder()
    public var hierarchy = DenHierarchy()
    public var patterns = PatternFinder()

    /// Rings with their own picture and member list (the table lists more).
    public var ringsShown = 5
    /// Reports whose trace gets its own picture, biggest amount first.
    public var reportsShown = 3
    /// Dens with their own org chart and table of people.
    public var densShown = 8
    /// Most rows of a table; the rest are in the CSV files beside the brief.
    public var tableRows = 25
    /// The files written for each picture (SVG is also inlined in the page).
    public var figureFormats: [PictureFormat] = [.svg, .png, .pdf]

    public init() {}

    /// The policies traced: the main one first, then the compared ones.
    public var tracedPolicies: [TracePolicy] {
        var out = [policy]
        for p in comparedPolicies where !out.contains(p) { out.append(p) }
        return out
    }
}
