/// The directed graph of command ties between persons: an arc `u -> v` says that
/// `u` is above `v`, weighted by the evidence for it (`CommandWeights`).
///
/// Evidence, each read in the direction "superior -> subordinate":
/// - `manages` superior -> subordinate;
/// - `recruited` recruiter -> recruit;
/// - `contacted` caller -> callee (a phone stands for the persons who own it, or,
///   if nobody owns it, who use it);
/// - salary: a payment from an account of `u` to an account of `v` that is not a
///   sweep (payer above payee);
/// - proceeds: a sweep from an account of `v` to an account of `u` (the receiver of
///   swept proceeds above the sender).
/// A payment is between persons when both accounts have holders (`AccountOwners`)
/// and not the same ones (how it is read: `CommandWeights.sweepShare`); victims' payments (`VictimMoney`: reported transfers and
/// anything a victim's account sends) are not command ties and are left out. Which payments are sweeps is decided by
/// `CommandWeights.sweepShare`, replaying the ledger in time order.
///
/// Nodes are the case's entity indices (only persons have arcs). Both directions
/// may carry arcs (`u` called `v` ten times, `v` called `u` twice); rank inference
/// weighs them against each other. Beside each arc, in lock step with
/// `graph.outTargets`, are the raw counts behind it, so that a placement can be
/// explained.
public struct CommandGraph: Sendable {
    /// Arcs superior -> subordinate, weighted by `weights`.
    public let graph: DirectedGraph
    /// Number of `manages` observations behind each arc (sum of link weights).
    public let manages: ContiguousArray<Float>
    /// Number of `recruited` observations behind each arc.
    public let recruited: ContiguousArray<Float>
    /// Number of calls or messages from the arc's source to its target.
    public let calls: ContiguousArray<Float>
    /// Number of salary payments from the arc's source to its target.
    public let salaries: ContiguousArray<Float>
    /// Number of sweeps of proceeds from the arc's target to its source.
    public let sweeps: ContiguousArray<Float>
    /// The weights the arcs were made with.
    public let weights: CommandWeights
    /// Payments between persons read as salaries, and as sweeps.
    public let salaryPaymentCount: Int
    public let sweepPaymentCount: Int

    /// The command graph of `c`.
    /// - Parameters:
    ///   - owners: the holders of accounts and phones (built from `c` when nil).
    ///   - ledger: transfers in time order (built from `c` when nil).
    ///   - victims: whose payments to leave out (built from `c` when nil).
    /// - Complexity: O(entities + links + transfers), plus O(arcs · log degree).
    public init(_ c: Case, weights: CommandWeights = CommandWeights(), owners: AccountOwners? = nil, ledger: Ledger? = nil,
                victims: VictimMoney? = nil) {
        let n = c.entities.count
        let holders = owners ?? AccountOwners(c)
        let victims = victims ?? VictimMoney(c, owners: holders)
        self.weights = weights
        var raw = RawArcs()

        // MARK: - Links
        let links = c.links, kind = c.entities.kind
        let person = EntityKind.Code.person
        for l in 0 ..< links.count {
            let k = links.kind[l]
            let s = links.source[l], t = links.target[l]
            let count = Float(links.weight[l])
            guard count > 0, count.isFinite else { continue }
            switch k {
            case LinkKind.Code.manages:
                if kind[Int(s)] == person && kind[Int(t)] == person { raw.add(s, t, .manages, count) }
            case LinkKind.Code.recruited:
                if kind[Int(s)] == person && kind[Int(t)] == person { raw.add(s, t, .recruited, count) }
            case LinkKind.Code.contacted:
                CommandGraph.forEachSpeaker(s, kind, holders) { a in
                    CommandGraph.forEachSpeaker(t, kind, holders) { b in raw.add(a, b, .contacted, count) }
                }
            default: break
            }
        }

        // MARK: - Payments between persons
        (salaryPaymentCount, sweepPaymentCount) = CommandGraph.readPayments(
            c, holders: holders, victimAccount: victims.isVictimAccount, collection: victims.receivedVictimMoney,
            ledger: ledger ?? Ledger(c.transfers),
            sweepShare: weights.sweepShare, into: &raw)

        // MARK: - Merge and weigh
        let merged = ArcGrouping(nodeCount: n, sources: raw.source, targets: raw.target)
        let m = merged.slotCount
        var counts = [ContiguousArray<Float>](repeating: ContiguousArray(repeating: 0, count: m), count: 5)
        for i in 0 ..< raw.source.count {
            counts[Int(raw.kind[i].rawValue)][Int(merged.slotOfArc[i])] += raw.count[i]
        }
        raw = RawArcs()
        var keepSource = ContiguousArray<Int32>(), keepTarget = ContiguousArray<Int32>(), keepWeight = ContiguousArray<Float>()
        var kept = [ContiguousArray<Float>](repeating: [], count: 5)
        let kindWeights = (0 ..< 5).map { weights[RawArcs.Kind(rawValue: UInt8($0))!.weightKind] }
        for u in 0 ..< n where merged.offsets[u] < merged.offsets[u + 1] {
            for p in merged.offsets[u] ..< merged.offsets[u + 1] {
                var w: Float = 0
                for kindIndex in 0 ..< 5 { w += CommandWeights.strength(weight: kindWeights[kindIndex], count: counts[kindIndex][p]) }
                guard w > 0 else { continue }
                keepSource.append(Int32(u)); keepTarget.append(merged.targets[p]); keepWeight.append(w)
                for kindIndex in 0 ..< 5 { kept[kindIndex].append(counts[kindIndex][p]) }
            }
        }
        graph = DirectedGraph(nodeCount: n, sources: keepSource, destinations: keepTarget, weights: keepWeight)
        manages = kept[0]; recruited = kept[1]; calls = kept[2]; salaries = kept[3]; sweeps = kept[4]
    }

    /// Number of arcs.
    @inlinable public var arcCount: Int { graph.arcCount }

    // MARK: - Reading payments

    /// Reads every transfer between two persons' accounts as a salary (payer above
    /// payee) or a sweep (receiver above sender) and adds its arcs to `raw`.
    private static func readPayments(_ c: Case, holders: AccountOwners, victimAccount: ContiguousArray<Bool>,
                                     collection: ContiguousArray<Bool>, ledger: Ledger,
                                     sweepShare: Double, into raw: inout RawArcs) -> (salaries: Int, sweeps: Int) {
        let n = c.entities.count
        let t = c.transfers
        guard t.count > 0 else { return (0, 0) }
        // Which transfers are between persons, and how many payees each paying account has.
        var isPayment = ContiguousArray<Bool>(repeating: false, count: t.count)
        var paySource = ContiguousArray<Int32>(), payTarget = ContiguousArray<Int32>()
        // One byte an entity: held, and not a victim's (a compact array keeps the
        // random reads of this pass in cache).
        var payer = ContiguousArray<UInt8>(repeating: 0, count: n)
        for e in 0 ..< n where holders.isHeld(Int32(e)) { payer[e] = victimAccount[e] ? 1 : 2 }
        let source = t.source, target = t.target
        for i in 0 ..< t.count {
            let a = source[i], b = target[i]
            guard a != b, payer[Int(a)] == 2, payer[Int(b)] != 0, !holders.sameHolders(a, b) else { continue }
            isPayment[i] = true
            paySource.append(a); payTarget.append(b)
        }
        payer = []
        guard !paySource.isEmpty else { return (0, 0) }
        // Distinct payees of each paying account and payers of each paid account.
        var fanOutOf = ContiguousArray<Int32>(repeating: 0, count: n), fanInOf = ContiguousArray<Int32>(repeating: 0, count: n)
        let pairs = ArcGrouping(nodeCount: n, sources: paySource, targets: payTarget)
        for a in 0 ..< n where pairs.offsets[a] < pairs.offsets[a + 1] {
            fanOutOf[a] = Int32(pairs.offsets[a + 1] - pairs.offsets[a])
            for p in pairs.offsets[a] ..< pairs.offsets[a + 1] { fanInOf[Int(pairs.targets[p])] += 1 }
        }
        paySource = []; payTarget = []

        var balance = ContiguousArray<Int64>(repeating: 0, count: n)
        var salaries = 0, sweeps = 0
        balance.withUnsafeMutableBufferPointer { bal in
            let amount = t.amount
            for row in ledger.order {
                let i = Int(row)
                let a = source[i], b = target[i], x = amount[i]
                if isPayment[i] {
                    let before = bal[Int(a)]
                    let fanOut = Int(fanOutOf[Int(a)]), fanIn = Int(fanInOf[Int(b)])
                    let sweep: Bool
                    if fanOut >= 3 && fanIn == 1 {
                        sweep = false  // a payroll: many payees, each paid by this account only
                    } else if collection[Int(a)] {
                        sweep = true   // a collection account passes victims' money on
                    } else if before >= x {
                        sweep = Double(x) >= sweepShare * Double(before)
                    } else {
                        sweep = fanIn >= fanOut
                    }
                    for pa in holders.holderRange(of: a) {
                        for pb in holders.holderRange(of: b) {
                            let payer = holders.persons[pa], payee = holders.persons[pb]
                            guard payer != payee else { continue }
                            if sweep { raw.add(payee, payer, .proceeds, 1) } else { raw.add(payer, payee, .salary, 1) }
                        }
                    }
                    if sweep { sweeps += 1 } else { salaries += 1 }
                }
                bal[Int(a)] &-= x
                bal[Int(b)] &+= x
            }
        }
        return (salaries, sweeps)
    }

    /// Calls `body` with the persons an end of a `contacted` link stands for: the
    /// person itself, or the holders of a phone or device (at most four).
    private static func forEachSpeaker(_ e: Int32, _ kind: ContiguousArray<UInt16>, _ holders: AccountOwners, _ body: (Int32) -> Void) {
        if kind[Int(e)] == EntityKind.Code.person { body(e); return }
        let r = holders.holderRange(of: e)
        guard r.count <= 4 else { return }
        for p in r { body(holders.persons[p]) }
    }
}

/// Arcs as they are found, before merging.
private struct RawArcs {
    enum Kind: UInt8 {
        case manages = 0, recruited, contacted, salary, proceeds
        var weightKind: CommandWeights.Kind {
            switch self {
            case .manages: .manages
            case .recruited: .recruited
            case .contacted: .contacted
            case .salary: .salary
            case .proceeds: .proceeds
            }
        }
    }
    var source = ContiguousArray<Int32>()
    var target = ContiguousArray<Int32>()
    var kind = ContiguousArray<Kind>()
    var count = ContiguousArray<Float>()

    mutating func add(_ s: Int32, _ t: Int32, _ k: Kind, _ c: Float) {
        guard s != t else { return }
        source.append(s); target.append(t); kind.append(k); count.append(c)
    }
}

extension DirectedGraph {
    /// The position of the arc `u -> v` in `outTargets`, or nil.
    /// - Complexity: O(log out-degree of `u`).
    @inlinable
    public func position(of v: Int32, from u: Int32) -> Int? {
        var lo = outOffsets[Int(u)], hi = outOffsets[Int(u) + 1]
        while lo < hi {
            let mid = (lo + hi) >> 1
            let t = outTargets[mid]
            if t == v { return mid }
            if t < v { lo = mid + 1 } else { hi = mid }
        }
        return nil
    }
}
