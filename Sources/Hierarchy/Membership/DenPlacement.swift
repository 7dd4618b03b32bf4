import FraudGraph

/// Places persons in dens, surest grounds first; a person placed on surer grounds
/// is not moved by weaker ones:
///
/// 1. recorded: `located_at` or `member_of` a den (a `member_of` an organisation
///    that is `located_at` or `member_of` a den counts half);
/// 2. shared infrastructure: `uses` or `owns` a device, phone or IP that is
///    `located_at` a den, one vote per such thing;
/// 3. organisation: `member_of` an organisation whose members placed by 1-2 are
///    mostly at one den;
/// 4. ring: the caller's membership array (for instance the rings that community
///    detection found): a person of a ring goes to the den most of the ring's
///    already placed persons are in;
/// 5. ties: `manages`, `recruited` and payment ties (`CommandGraph`) to persons
///    already placed, weighed as in the command graph, repeated `tieRounds` times.
///    Calls count only for holders of the money layer (below): callers call their
///    victims, and brokers call their mules. After the first round only people
///    with a `manages` or `recruited` tie, or in the money layer, are placed, so
///    that bystanders who paid a mule once are not pulled in.
///
/// The money layer: accounts that victims' money reached through accounts of
/// people not seen at a den (placed by 1-3): the collection and laundering
/// accounts of mules. It is found after step 3 by following transfers from the
/// accounts that took victims' money (`VictimMoney`), at most `layerHops` times.
///
/// In each step a person goes to the den with the most votes (ties: the den listed
/// first). Victims are placed only on grounds 1 and 2: trafficked callers recorded
/// at a den stay in it.
public struct DenPlacement: Sendable {
    /// Rounds of step 4: a person tied only to someone placed in round 1 is placed
    /// in round 2, and so on.
    public var tieRounds = 3
    /// How many transfers deep the money layer is followed from victims' money.
    public var layerHops = 8

    public init() {}

    /// The roster of `c`'s dens.
    /// - Parameters:
    ///   - commands: the command graph of `c` (for step 4).
    ///   - rings: one ring number per entity, -1 for none (for step 3); nil skips step 3.
    /// - Complexity: O(entities + links + arcs).
    public func run(on c: Case, commands: CommandGraph, owners: AccountOwners, victims: VictimMoney, rings: [Int32]?) -> DenRoster {
        let n = c.entities.count
        let kind = c.entities.kind
        var dens = ContiguousArray<Int32>()
        var denNumber = ContiguousArray<Int32>(repeating: -1, count: n)
        for e in 0 ..< n where kind[e] == EntityKind.Code.den {
            denNumber[e] = Int32(dens.count)
            dens.append(Int32(e))
        }
        var denOf = ContiguousArray<Int32>(repeating: -1, count: n)
        var basis = ContiguousArray<DenRoster.Basis>(repeating: .none, count: n)
        guard !dens.isEmpty else {
            return DenRoster(dens: dens, denOf: denOf, basis: basis, moneyLayer: ContiguousArray(repeating: false, count: n))
        }
        let isPerson = { (e: Int32) in kind[Int(e)] == EntityKind.Code.person }
        let links = c.links

        // MARK: - 1. Recorded
        // Organisations' dens, for members of organisations.
        var orgDen = ContiguousArray<Int32>(repeating: -1, count: n)
        for l in 0 ..< links.count {
            let k = links.kind[l]
            guard k == LinkKind.Code.locatedAt || k == LinkKind.Code.memberOf else { continue }
            let s = links.source[l], d = denNumber[Int(links.target[l])]
            if d >= 0 && kind[Int(s)] == EntityKind.Code.organization && orgDen[Int(s)] < 0 { orgDen[Int(s)] = d }
        }
        var votes = Votes()
        for l in 0 ..< links.count {
            let k = links.kind[l]
            guard k == LinkKind.Code.locatedAt || k == LinkKind.Code.memberOf else { continue }
            let s = links.source[l], t = links.target[l]
            guard isPerson(s) else { continue }
            if denNumber[Int(t)] >= 0 { votes.add(s, denNumber[Int(t)], 1) }
            else if orgDen[Int(t)] >= 0 { votes.add(s, orgDen[Int(t)], 0.5) }
        }
        votes.decide(nodeCount: n, as: .recorded, denOf: &denOf, basis: &basis) { _ in true }

        // MARK: - 2. Shared infrastructure
        var thingDen = ContiguousArray<Int32>(repeating: -1, count: n)
        for l in 0 ..< links.count where links.kind[l] == LinkKind.Code.locatedAt {
            let s = links.source[l], d = denNumber[Int(links.target[l])]
            if d >= 0 && !isPerson(s) && kind[Int(s)] != EntityKind.Code.den && thingDen[Int(s)] < 0 { thingDen[Int(s)] = d }
        }
        votes = Votes()
        for l in 0 ..< links.count {
            let k = links.kind[l]
            guard k == LinkKind.Code.uses || k == LinkKind.Code.owns else { continue }
            let s = links.source[l], t = links.target[l]
            if isPerson(s) && thingDen[Int(t)] >= 0 && denOf[Int(s)] < 0 { votes.add(s, thingDen[Int(t)], 1) }
        }
        votes.decide(nodeCount: n, as: .sharedInfrastructure, denOf: &denOf, basis: &basis) { _ in true }

        // MARK: - 3. Organisations
        var orgVotes = Votes()
        for l in 0 ..< links.count where links.kind[l] == LinkKind.Code.memberOf {
            let s = links.source[l], t = links.target[l]
            if isPerson(s) && kind[Int(t)] == EntityKind.Code.organization && denOf[Int(s)] >= 0 && orgDen[Int(t)] < 0 {
                orgVotes.add(t, denOf[Int(s)], 1)
            }
        }
        let memberDen = orgVotes.winners(nodeCount: n)
        votes = Votes()
        for l in 0 ..< links.count where links.kind[l] == LinkKind.Code.memberOf {
            let s = links.source[l], t = links.target[l]
            if isPerson(s) && denOf[Int(s)] < 0 && memberDen[Int(t)] >= 0 { votes.add(s, memberDen[Int(t)], 1) }
        }
        votes.decide(nodeCount: n, as: .organization, denOf: &denOf, basis: &basis) { !victims.isVictim[Int($0)] }

        // MARK: - Money layer
        let layer = DenPlacement.moneyLayer(c, owners: owners, victims: victims, basis: basis, hops: layerHops)
        var inLayer = ContiguousArray<Bool>(repeating: false, count: n)
        for a in 0 ..< n where layer[a] {
            for p in owners.holderRange(of: Int32(a)) { inLayer[Int(owners.persons[p])] = true }
        }

        // MARK: - 4. Rings
        if let rings, rings.count == n {
            // Number the rings densely.
            var ringIDs = Array(Set(rings.filter { $0 >= 0 })).sorted()
            if !ringIDs.isEmpty {
                var ringIndex: [Int32: Int32] = [:]
                ringIndex.reserveCapacity(ringIDs.count)
                for (i, r) in ringIDs.enumerated() { ringIndex[r] = Int32(i) }
                var ringOf = ContiguousArray<Int32>(repeating: -1, count: n)
                for e in 0 ..< n where rings[e] >= 0 { ringOf[e] = ringIndex[rings[e]]! }
                ringIDs = []
                var ringVotes = Votes()
                for e in 0 ..< n where denOf[e] >= 0 && ringOf[e] >= 0 { ringVotes.add(ringOf[e], denOf[e], 1) }
                let ringDen = ringVotes.winners(nodeCount: ringIndex.count)
                for e in 0 ..< n where denOf[e] < 0 && ringOf[e] >= 0 && isPerson(Int32(e)) && !victims.isVictim[e] {
                    let d = ringDen[Int(ringOf[e])]
                    if d >= 0 { denOf[e] = d; basis[e] = .ring }
                }
            }
        }

        // MARK: - 5. Command ties
        let g = commands.graph, w = commands.weights
        for round in 0 ..< tieRounds {
            var votes = Votes()
            var commanded = ContiguousArray<Bool>()
            if round > 0 { commanded = ContiguousArray(repeating: false, count: n) }
            for u in 0 ..< n where g.outOffsets[u] < g.outOffsets[u + 1] {
                for p in g.outRange(of: Int32(u)) {
                    let v = Int(g.outTargets[p])
                    let du = denOf[u], dv = denOf[v]
                    guard (du < 0) != (dv < 0) else { continue }
                    let candidate = du < 0 ? u : v
                    let command = CommandWeights.strength(weight: w.manages, count: commands.manages[p])
                        + CommandWeights.strength(weight: w.recruited, count: commands.recruited[p])
                    var strength = command
                        + CommandWeights.strength(weight: w.salary, count: commands.salaries[p])
                        + CommandWeights.strength(weight: w.proceeds, count: commands.sweeps[p])
                    if inLayer[candidate] { strength += CommandWeights.strength(weight: w.contacted, count: commands.calls[p]) }
                    guard strength > 0 else { continue }
                    if round > 0 && command > 0 { commanded[candidate] = true }
                    votes.add(Int32(candidate), du < 0 ? dv : du, Double(strength))
                }
            }
            if votes.voter.isEmpty { break }
            votes.decide(nodeCount: n, as: .ties, denOf: &denOf, basis: &basis) { e in
                !victims.isVictim[Int(e)] && (round == 0 || inLayer[Int(e)] || commanded[Int(e)])
            }
        }
        return DenRoster(dens: dens, denOf: denOf, basis: basis, moneyLayer: layer)
    }

    /// Accounts that victims' money reached through accounts of people not at a den
    /// (see the type's documentation).
    /// - Complexity: O(transfers · passes), passes <= `hops`.
    static func moneyLayer(_ c: Case, owners: AccountOwners, victims: VictimMoney, basis: ContiguousArray<DenRoster.Basis>,
                           hops: Int) -> ContiguousArray<Bool> {
        let n = c.entities.count
        // Accounts money may flow through: held, not a victim's, no holder seen at a den.
        var open = ContiguousArray<Bool>(repeating: false, count: n)
        for a in 0 ..< n where owners.isHeld(Int32(a)) && !victims.isVictimAccount[a] {
            var outside = true
            for p in owners.holderRange(of: Int32(a)) {
                let b = basis[Int(owners.persons[p])]
                if b.isAtDen || b == .organization || victims.isVictim[Int(owners.persons[p])] { outside = false }
            }
            open[a] = outside
        }
        var layer = ContiguousArray<Bool>(repeating: false, count: n)
        for a in 0 ..< n where open[a] && victims.receivedVictimMoney[a] { layer[a] = true }
        let t = c.transfers
        for _ in 0 ..< hops {
            var changed = false
            for i in 0 ..< t.count {
                let a = Int(t.source[i]), b = Int(t.target[i])
                if layer[a] && !layer[b] && open[b] { layer[b] = true; changed = true }
            }
            if !changed { break }
        }
        return layer
    }
}

/// Votes of nodes for dens, summed per (node, den).
private struct Votes {
    var voter = ContiguousArray<Int32>()
    var den = ContiguousArray<Int32>()
    var weight = ContiguousArray<Float>()

    mutating func add(_ v: Int32, _ d: Int32, _ w: Double) {
        voter.append(v); den.append(d); weight.append(Float(w))
    }

    /// The den with the most votes of each voter (ties: the lowest den number), or -1.
    /// - Complexity: O(v log v) for v votes, plus O(nodeCount).
    func winners(nodeCount: Int) -> ContiguousArray<Int32> {
        var out = ContiguousArray<Int32>(repeating: -1, count: nodeCount)
        guard !voter.isEmpty else { return out }
        var keys = ContiguousArray<UInt64>(unsafeUninitializedCapacity: voter.count) { buffer, initialized in
            for i in 0 ..< voter.count { buffer[i] = UInt64(UInt32(voter[i])) << 32 | UInt64(UInt32(den[i])) }
            initialized = voter.count
        }
        var order = ContiguousArray<Int32>(0 ..< Int32(voter.count))
        order.sort { keys[Int($0)] != keys[Int($1)] ? keys[Int($0)] < keys[Int($1)] : $0 < $1 }
        var k = 0
        while k < order.count {
            let v = voter[Int(order[k])]
            var best: Int32 = -1
            var bestWeight: Float = 0
            while k < order.count && voter[Int(order[k])] == v {
                let d = den[Int(order[k])]
                var sum: Float = 0
                while k < order.count && voter[Int(order[k])] == v && den[Int(order[k])] == d {
                    sum += weight[Int(order[k])]; k += 1
                }
                if sum > bestWeight { best = d; bestWeight = sum }
            }
            out[Int(v)] = best
        }
        keys = []
        return out
    }

    /// Places every unplaced voter that `eligible` accepts in its winning den.
    func decide(nodeCount: Int, as b: DenRoster.Basis, denOf: inout ContiguousArray<Int32>,
                basis: inout ContiguousArray<DenRoster.Basis>, eligible: (Int32) -> Bool) {
        guard !voter.isEmpty else { return }
        let win = winners(nodeCount: nodeCount)
        for e in 0 ..< nodeCount where win[e] >= 0 && denOf[e] < 0 && eligible(Int32(e)) {
            denOf[e] = win[e]; basis[e] = b
        }
    }
}
