import FraudGraph
import MoneyFlow

/// Section 6: how every figure was made and what it cannot say: the freeze totals
/// under the other tracing rules, the limits of each method in plain words, then the
/// inputs with their SHA-256 and every analysis's parameters and seed.
struct MethodSection {
    let a: CaseAnalysis
    let provenance: BriefProvenance

    func blocks() -> [Block] {
        var blocks: [Block] = [.pageBreak, .heading(level: 1, text: "Method and provenance", anchor: "method")]

        // MARK: - Other rules, other figures
        blocks.append(.heading(level: 2, text: "What another tracing rule would say", anchor: "policies"))
        blocks.append(.paragraph([.text("When an account holds victims' money mixed with other money, no record says which euro left first: a rule decides. The law of different countries uses different rules, so the same data are traced under each of them. The money that can be frozen is what differs most.")]))
        blocks.append(.table(BriefTable(caption: "Where the reported money is, under each rule",
                                        header: ["Rule", "Still held, can be frozen", "Gone as cash", "Not followed", "What the rule means"],
                                        rows: a.policyTotals.map { policy, totals in
                                            [[.strong(policy.rawValue + (policy == a.settings.policy ? " (used in this brief)" : ""))],
                                             BriefText.money(totals.mapValues(\.held)), BriefText.money(totals.mapValues(\.exited)),
                                             BriefText.money(totals.mapValues { $0.cut + $0.rounding }), BriefText.cell(PolicyWords.rule(policy))]
                                        })))

        // MARK: - Limits
        blocks.append(.heading(level: 2, text: "Limits of the method", anchor: "limits"))
        blocks.append(.bullets([
            [.strong("Only what the files hold. "), .text("Transfers, ties and reports not in the case folder are not seen: an account that looks like the end of the trail may pay on through a bank whose records are missing.")],
            [.strong("Rings are groupings, not proof. "), .text("A ring is a group whose ties are denser inside than out. A member may be an unwitting account holder or a trafficked worker; each membership is a lead to verify.")],
            [.strong("Hierarchies follow the ties that were observed. "), .text("Where a \"manages\" tie or a call is missing, a person may be ranked too low or too high. Levels compare people within one den, not across dens.")],
            [.strong("Patterns are shapes. "), .text("Fans, chains and cycles of fast transfers are typical of laundering, and also occur in legitimate business (payroll, cash pooling). The score says how typical, not whether.")],
            [.strong("Tracing is a rule, not a fact. "), .text("The figures per rule above are all defensible readings of the same data; the freeze list follows the \(a.settings.policy.rawValue) rule.")],
        ]))

        // MARK: - Inputs and parameters
        blocks += provenance.blocks()
        blocks.append(.paragraph([.text("How long each step took is in "), .code("timings.json"),
                                  .text(" beside this page (kept out of the page so that the same case always gives the same page, byte for byte).")]))
        return blocks
    }

    /// The parameters of every analysis the brief ran, for the provenance table.
    static func analyses(_ a: CaseAnalysis, formats: String) -> [(name: String, parameters: [(String, String)])] {
        let s = a.settings, d = a.rings.finder.detection, p = s.patterns
        var rings: [(String, String)] = [
            ("algorithm", d.algorithm.rawValue), ("quality", d.quality.rawValue),
            ("resolution", a.rings.resolution.map { String($0) } ?? "fitted"), ("seed", String(d.seed)),
            ("min-size", String(a.rings.finder.minSize)),
        ]
        if let i = d.iterations { rings.append(("iterations", String(i))) }
        rings += a.rings.finder.weights.parameters.map { ("weight.\($0.0)", String($0.1)) }
        return [
            ("Rings (fraudgraph rings)", rings),
            ("Den hierarchies (fraudgraph hierarchy)", [("weights", s.hierarchy.weights.description), ("springrank.alpha", String(s.hierarchy.springRank.alpha)),
                                                       ("rings-place-people", "yes")]),
            ("Tracing (fraudgraph trace --reports)", [("policy", s.policy.rawValue), ("compared", s.tracedPolicies.map(\.rawValue).joined(separator: ",")),
                                                     ("max-hops", s.maxHops.map(String.init) ?? "none"), ("seeds", "every reported transfer (\(a.trace.seeds.count))")]),
            ("Patterns (fraudgraph patterns)", [("window-s", String(p.window)), ("passed-on-share", String(p.passedOnShare)), ("relay-share", String(p.relayShare)),
                                               ("gather-window-s", String(p.gatherWindow)), ("minimum-amount", Money(units: p.minimumAmount).description),
                                               ("hub-senders", String(p.hubSenders)), ("maximum-fan", String(p.maximumFan))]),
            ("Pictures (fraudgraph render)", [("formats", formats), ("rings-drawn", String(s.ringsShown)), ("reports-drawn", String(s.reportsShown)),
                                             ("dens-drawn", String(s.densShown))]),
        ]
    }
}
