import Communities
import Dispatch
import FraudGraph
import Hierarchy
import MoneyFlow

/// Every analysis a brief reports, run once on one case: the rings, the den
/// hierarchies (with the rings placing people whose den is not written down), the
/// trace of every reported payment under the main policy, the freeze totals under the
/// compared policies, and the laundering patterns.
public struct CaseAnalysis: Sendable {
    public let c: Case
    public let settings: BriefSettings
    public let rings: RingReport
    /// Ring number of each entity (-1: in no ring).
    public let ringOf: [Int32]
    public let hierarchy: HierarchyReport
    /// The trace of every reported transfer under `settings.policy`.
    public let trace: Trace
    public let freeze: FreezeList
    /// Per traced policy (main first): per seed currency, held, exited and cut money.
    public let policyTotals: [(policy: TracePolicy, totals: [String: MoneyOutcome])]
    public let patterns: [PatternFinding]
    /// How long each step took, in seconds, in the order run.
    public let timings: [(step: String, seconds: Double)]

    /// Where reported money ended, in one currency.
    public struct MoneyOutcome: Sendable, Equatable {
        public var reported: Int64 = 0
        public var held: Int64 = 0
        public var exited: Int64 = 0
        public var cut: Int64 = 0
        public var rounding: Int64 = 0
        public var seeds = 0
    }

    /// Runs every analysis on `c`, saying what it starts on through `progress`.
    /// - Complexity: the sum of the analyses': ring detection, one tracing replay per
    ///   traced policy, the pattern scan, the hierarchy's projections.
    public init(_ c: Case, settings: BriefSettings = BriefSettings(), progress: (String) -> Void = { _ in }) {
        self.c = c
        self.settings = settings
        var timings: [(String, Double)] = []
        func timed<T>(_ step: String, _ work: () -> T) -> T {
            progress(step)
            let start = DispatchTime.now().uptimeNanoseconds
            let result = work()
            timings.append((step, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
            return result
        }

        // MARK: - Rings, then the dens (rings place people whose den is unknown)
        let rings = timed("Finding rings") { settings.rings.run(on: c) }
        let ringOf = rings.ringNumbers(entityCount: c.entities.count)
        let hierarchy = timed("Ranking people in each den") { settings.hierarchy.run(on: c, rings: ringOf) }

        // MARK: - Money: one replay per policy; the main one kept whole
        let ledger = timed("Ordering transfers in time") { Ledger(c.transfers) }
        let seeds = Tracer.reportedTransfers(in: c)
        var mainTrace: Trace?
        var totals: [(TracePolicy, [String: MoneyOutcome])] = []
        for policy in settings.tracedPolicies {
            let trace = timed("Tracing \(seeds.count) reported payments under \(policy.rawValue)") {
                Tracer(policy: policy, maxHops: settings.maxHops).run(on: c, ledger: ledger, seeds: seeds)
            }
            totals.append((policy, CaseAnalysis.outcomes(trace, c)))
            if mainTrace == nil { mainTrace = trace }
        }
        let trace = mainTrace!
        let freeze = timed("Listing what can be frozen") { FreezeList(trace: trace, case: c) }
        let patterns = timed("Looking for laundering patterns") { settings.patterns.run(on: c, ledger: ledger) }

        self.rings = rings
        self.ringOf = ringOf
        self.hierarchy = hierarchy
        self.trace = trace
        self.freeze = freeze
        self.policyTotals = totals
        self.patterns = patterns
        self.timings = timings
    }

    /// Per seed currency: reported, held, exited, cut and rounding of `trace`. Under
    /// poison, where every seed's share is a whole amount, an account's balance and a
    /// withdrawal count once in each currency of the seeds that touched them (as the
    /// freeze list's groups count them), and the seeds' cut amounts stop at the
    /// largest amount rather than overflow.
    static func outcomes(_ trace: Trace, _ c: Case) -> [String: MoneyOutcome] {
        var out: [String: MoneyOutcome] = [:]
        let currencyOfSeed = trace.seeds.map { c.transfers.currencyOf($0) }
        let conserves = trace.policy.conservesMoney
        for s in trace.seeds.indices {
            let t = trace.totals[s]
            var o = out[currencyOfSeed[s], default: MoneyOutcome()]
            o.reported += t.amount
            o.seeds += 1
            if conserves {
                o.held += t.held
                o.exited += t.exited
                o.cut += t.cut
                o.rounding += t.rounding
            } else {
                let (sum, overflow) = o.cut.addingReportingOverflow(t.cut)
                o.cut = overflow ? Int64.max : sum
            }
            out[currencyOfSeed[s]] = o
        }
        guard !conserves else { return out }
        func addOnce(_ shares: TaintShares, to field: WritableKeyPath<MoneyOutcome, Int64>) {
            var currencies = Set<String>()
            for i in 0 ..< shares.count {
                currencies.removeAll(keepingCapacity: true)
                for p in shares.range(i) { currencies.insert(currencyOfSeed[Int(shares.seed[p])]) }
                let whole = trace.tainted(shares, row: i)
                for currency in currencies { out[currency, default: MoneyOutcome()][keyPath: field] += whole }
            }
        }
        addOnce(trace.holdingShares, to: \.held)
        addOnce(trace.exitShares, to: \.exited)
        return out
    }
}
