import ArgumentParser
import FraudGraph
import Foundation
import MoneyFlow

/// `fraudgraph bench-moneyflow CASE --phases floor,fifo,haircut,...` (hidden): times
/// each phase over one loaded case, in this process, beside the floor (one pass that
/// only adds up balances), with the peak memory of each phase. One JSON object per
/// line on stdout. Used by bench/moneyflow/run.sh.
struct MoneyFlowBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-moneyflow",
        abstract: "Benchmark the money-flow phases on one case (for bench/moneyflow).",
        shouldDisplay: false
    )

    @OptionGroup var caseOptions: CaseOptions

    @Option(help: "Comma-separated phases: floor, skeleton (the replay with no seed: clean money only), fifo, lifo, libr, dirty-first, haircut, poison, patterns.")
    var phases = "floor,fifo,haircut,floor"

    @Option(help: "Runs of each phase; the fastest and the median are reported.")
    var repeats = 3

    func run() throws {
        let started = Date()
        let c = try CaseLoading.load(caseOptions).case
        let loadSeconds = Date().timeIntervalSince(started)
        var clock = ContinuousClock.now
        let ledger = Ledger(c.transfers)
        let ledgerSeconds = seconds(since: clock)
        let seeds = Tracer.reportedTransfers(in: c)
        emit([("phase", "load"), ("seconds", fmt(loadSeconds)), ("ledgerSeconds", fmt(ledgerSeconds)),
              ("transfers", "\(c.transfers.count)"), ("entities", "\(c.entities.count)"), ("seeds", "\(seeds.count)"),
              ("residentBytes", "\(ProcessMemory.resident ?? -1)")])
        for phase in phases.split(separator: ",").map(String.init) {
            var times: [Double] = []
            var cpuTimes: [Double] = []
            var peak = 0, before = 0
            var facts: [(String, String)] = []
            for _ in 0 ..< max(1, repeats) {
                ProcessMemory.resetPeak()
                before = ProcessMemory.resident ?? -1
                clock = ContinuousClock.now
                let cpuStart = processCPUSeconds()
                if phase == "floor" {
                    let sum = LedgerFloor.run(on: c, ledger: ledger)
                    times.append(seconds(since: clock)); cpuTimes.append(processCPUSeconds() - cpuStart)
                    facts = [("checksum", "\(sum)")]
                } else if phase == "skeleton" {
                    let trace = Tracer(policy: .fifo).run(on: c, ledger: ledger, seeds: [])
                    times.append(seconds(since: clock)); cpuTimes.append(processCPUSeconds() - cpuStart)
                    facts = [("transfers", "\(trace.transfers.count)")]
                } else if phase == "patterns" {
                    let findings = PatternFinder().run(on: c, ledger: ledger)
                    times.append(seconds(since: clock)); cpuTimes.append(processCPUSeconds() - cpuStart)
                    facts = [("findings", "\(findings.count)")]
                } else if let policy = TracePolicy(rawValue: phase) {
                    let trace = Tracer(policy: policy).run(on: c, ledger: ledger, seeds: seeds)
                    times.append(seconds(since: clock)); cpuTimes.append(processCPUSeconds() - cpuStart)
                    // (Wrapping: poison's per-seed figures do not add up, and may pass 64 bits.)
                    let held = trace.totals.reduce(Int64(0)) { $0 &+ $1.held }
                    facts = [("taintedTransfers", "\(trace.transfers.count)"), ("shares", "\(trace.transferShares.seed.count)"),
                             ("piecesMoved", "\(trace.piecesMoved)"),
                             ("holdings", "\(trace.holdingAccounts.count)"), ("exits", "\(trace.exits.count)"),
                             ("held", "\"\(Money(units: held))\""),
                             ("addsUp", "\(trace.totals.allSatisfy { $0.addsUp })")]
                } else {
                    Terminal.warn("unknown phase \(phase)")
                    throw ExitCode(2)
                }
                peak = max(peak, ProcessMemory.peak ?? -1)
            }
            let sorted = times.sorted()
            let cpuSorted = cpuTimes.sorted()
            emit([("phase", phase), ("seconds", fmt(sorted[0])), ("medianSeconds", fmt(sorted[sorted.count / 2])),
                  ("cpuSeconds", fmt(cpuSorted[0])), ("medianCpuSeconds", fmt(cpuSorted[cpuSorted.count / 2])),
                  ("runs", "\(times.count)"), ("residentBeforeBytes", "\(before)"), ("peakBytes", "\(peak)"),
                  ("extraPeakBytes", "\(max(0, peak - before))")] + facts)
        }
    }

    private func seconds(since start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// CPU time of the process, all its threads (a trace of several currencies runs on
    /// two): on a loaded machine it leaves out the time spent waiting for a core (it
    /// still includes the cost of caches shared with others).
    private func processCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    private func fmt(_ s: Double) -> String { String(format: "%.4f", s) }

    private func emit(_ fields: [(String, String)]) {
        let body = fields.map { k, v in
            let quoted = Double(v) != nil || v == "true" || v == "false" || v.hasPrefix("\"") ? v : "\"\(v)\""
            return "\"\(k)\": \(quoted)"
        }.joined(separator: ", ")
        Terminal.print("{" + body + "}\n")
    }
}
