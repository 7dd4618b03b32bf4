import FraudGraph

/// The rings of a case and how they were found.
public struct RingReport: Sendable {
    /// Rings, largest threat first, numbered 1, 2, ...
    public var rings: [Ring]
    /// The partition of all entities they come from.
    public var partition: Partition
    /// Modularity (γ = 1) of that partition in the ring graph.
    public var modularity: Double
    /// The settings, and the resolution used (fitted when not given).
    public var finder: RingFinder
    public var resolution: Double?
    /// Entities damped as hubs in the ring graph.
    public var hubs: [Int32]

    /// Joins `outcome` back to `c`.
    /// - Complexity: O(E + ties + T + R + rings × members log members).
    init(case c: Case, projection: RingGraph, outcome: CommunityDetection.Outcome, finder: RingFinder) {
        self.finder = finder
        partition = outcome.partition
        modularity = outcome.modularity
        resolution = outcome.resolution
        hubs = projection.hubs
        let graph = projection.graph
        let membership = partition.membership
        let (offsets, nodes) = partition.members()

        // MARK: Tie weight inside and across each community
        let n = graph.nodeCount
        // Hubs and the victim side are not what holds a ring together.
        var isHub = [Bool](repeating: false, count: n)
        for h in projection.hubs { isHub[Int(h)] = true }
        let victimSide = projection.victimSide
        var strengthInside = ContiguousArray<Double>(repeating: 0, count: n)
        var strength = ContiguousArray<Double>(repeating: 0, count: n)
        var volume = ContiguousArray<Double>(repeating: 0, count: partition.count)
        var inside = ContiguousArray<Double>(repeating: 0, count: partition.count)
        // Parts of each community that hold together without its hubs (union–find).
        var parent = ContiguousArray<Int32>((0 ..< n).lazy.map { Int32($0) })
        func root(_ x: Int) -> Int {
            var x = x
            while Int(parent[x]) != x { parent[x] = parent[Int(parent[x])]; x = Int(parent[x]) }
            return x
        }
        graph.withUnsafeBuffers { o, t, w in
            for u in 0 ..< n {
                let cu = membership[u]
                for k in o[u] ..< o[u + 1] {
                    let v = Int(t[k])
                    let x = v == u ? 2 * Double(w[k]) : Double(w[k])
                    volume[Int(cu)] += x
                    strength[u] += x
                    if membership[v] == cu {
                        inside[Int(cu)] += x
                        if v != u { strengthInside[u] += x }
                        if v > u && !isHub[u] && !isHub[v] && !victimSide[u] && !victimSide[v] {
                            let a = root(u), b = root(v)
                            if a != b { parent[max(a, b)] = Int32(min(a, b)) }
                        }
                    }
                }
            }
        }
        let totalVolume = 2 * graph.totalWeight
        var partSize = [Int](repeating: 0, count: n)
        for u in 0 ..< n where !isHub[u] && !victimSide[u] { partSize[root(u)] += 1 }
        var largestPart = [Int](repeating: 0, count: partition.count)
        for u in 0 ..< n where !isHub[u] && !victimSide[u] && root(u) == u {
            largestPart[Int(membership[u])] = max(largestPart[Int(membership[u])], partSize[u])
        }
        // Victims are never members; a hub is one when most of its tie weight stays
        // inside its community.
        func isMember(_ e: Int) -> Bool { !victimSide[e] && (!isHub[e] || strengthInside[e] >= 0.5 * strength[e]) }

        // MARK: Victim money into each community
        var reported = [[UInt16: Int64]](repeating: [:], count: partition.count)
        var reportCount = [Int](repeating: 0, count: partition.count)
        var victims = [Set<Int32>](repeating: [], count: partition.count)
        // A transfer several reports name (two victims of one payment) is money in once.
        var counted = Set<Int32>()
        for r in 0 ..< c.reports.count {
            let t = c.reports.transfer[r]
            let receiver = Int(c.transfers.target[Int(t)])
            guard isMember(receiver) else { continue }
            let community = Int(membership[receiver])
            if counted.insert(t).inserted { reported[community][c.transfers.currency[Int(t)], default: 0] &+= c.transfers.amount[Int(t)] }
            reportCount[community] += 1
            let victim = c.reports.victim[r]
            victims[community].insert(victim >= 0 ? victim : -1 - Int32(r))
        }

        // MARK: Rings
        // A community is a ring when, without its hubs, a part of at least `minSize`
        // entities still holds together: people who only share a shop are not a ring.
        var rings: [Ring] = []
        for community in 0 ..< partition.count where largestPart[community] >= finder.minSize {
            let members = nodes[offsets[community] ..< offsets[community + 1]].filter { isMember(Int($0)) }
            var kinds = [Int](repeating: 0, count: c.entities.kinds.count)
            var countryCount = [Int](repeating: 0, count: c.entities.countries.count)
            var dens: [Int32] = []
            for e in members {
                let k = c.entities.kind[Int(e)]
                kinds[Int(k)] += 1
                countryCount[Int(c.entities.country[Int(e)])] += 1
                if k == EntityKind.Code.den { dens.append(e) }
            }
            var byKind: [String: Int] = [:]
            for (k, n) in kinds.enumerated() where n > 0 { byKind[c.entities.kinds[UInt16(k)]] = n }
            let countries = countryCount.indices.filter { $0 > 0 && countryCount[$0] > 0 }
                .map { (c.entities.countries[UInt16($0)], countryCount[$0]) }
                .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
                .map(\.0)
            var byCurrency: [String: Money] = [:]
            var total: Int64 = 0
            for (currency, units) in reported[community] {
                byCurrency[c.transfers.currencies[currency]] = Money(units: units)
                total &+= units
            }
            let central = members.map { Ring.CentralMember(entity: $0, strength: strengthInside[Int($0)]) }
                .sorted { $0.strength != $1.strength ? $0.strength > $1.strength : $0.entity < $1.entity }
                .prefix(finder.centralCount)
            let internalWeight = inside[community] / 2
            let cut = volume[community] - inside[community]
            let smaller = min(volume[community], totalVolume - volume[community])
            let conductance = smaller > 0 ? cut / smaller : (cut > 0 ? 1 : 0)
            rings.append(Ring(number: 0, members: members, byKind: byKind, dens: dens, countries: countries,
                              victimMoney: Money(units: total), victimMoneyByCurrency: byCurrency,
                              reportCount: reportCount[community], victimCount: victims[community].count,
                              central: Array(central), internalWeight: internalWeight, cutWeight: cut,
                              conductance: conductance))
        }

        // MARK: Threat order
        let people = { (r: Ring) in r.byKind[EntityKind.person.name] ?? 0 }
        rings.sort { a, b in
            if a.victimMoney != b.victimMoney { return a.victimMoney > b.victimMoney }
            if a.reportCount != b.reportCount { return a.reportCount > b.reportCount }
            if people(a) != people(b) { return people(a) > people(b) }
            if a.size != b.size { return a.size > b.size }
            return a.members[0] < b.members[0]
        }
        for i in rings.indices { rings[i].number = i + 1 }
        self.rings = rings
    }
}

extension RingReport {
    /// The ring number of each of `entityCount` entities (-1: in no ring).
    /// - Complexity: O(entities + ring members).
    public func ringNumbers(entityCount: Int) -> [Int32] {
        var number = [Int32](repeating: -1, count: entityCount)
        for ring in rings { for e in ring.members { number[Int(e)] = Int32(ring.number) } }
        return number
    }
}
