import FraudGraph

/// What each person does, as far as roles are concerned: whom they recruit and
/// manage, whom they pay and are paid by, whether their accounts are in the money
/// layer, collect or pass on proceeds.
/// Counts are over the whole case, not one den.
public struct PersonActivity: Sendable {
    /// Number of `recruited` observations with the person as recruiter.
    public let recruits: ContiguousArray<Float>
    /// Number of `manages` observations with the person as superior.
    public let manages: ContiguousArray<Float>
    /// Number of distinct persons who swept proceeds to the person.
    public let proceedsFrom: ContiguousArray<Int32>
    /// Number of distinct persons the person swept proceeds to.
    public let proceedsTo: ContiguousArray<Int32>
    /// Number of distinct persons the person paid salaries to.
    public let salariesTo: ContiguousArray<Int32>
    /// Number of distinct persons who paid the person a salary.
    public let salariesFrom: ContiguousArray<Int32>
    /// Whether the person holds an account of the dens' money layer
    /// (`DenRoster.moneyLayer`: victims' money reached it through people not at a den).
    public let inMoneyLayer: ContiguousArray<Bool>
    /// - Complexity: O(entities + arcs).
    public init(_ c: Case, commands: CommandGraph, owners: AccountOwners, roster: DenRoster) {
        let n = c.entities.count
        var recruits = ContiguousArray<Float>(repeating: 0, count: n)
        var manages = ContiguousArray<Float>(repeating: 0, count: n)
        var from = ContiguousArray<Int32>(repeating: 0, count: n)
        var to = ContiguousArray<Int32>(repeating: 0, count: n)
        var salaries = ContiguousArray<Int32>(repeating: 0, count: n)
        var paid = ContiguousArray<Int32>(repeating: 0, count: n)
        let g = commands.graph
        for u in 0 ..< n {
            for p in g.outRange(of: Int32(u)) {
                let v = Int(g.outTargets[p])
                recruits[u] += commands.recruited[p]
                manages[u] += commands.manages[p]
                if commands.sweeps[p] > 0 { from[u] += 1; to[v] += 1 }
                if commands.salaries[p] > 0 { salaries[u] += 1; paid[v] += 1 }
            }
        }
        var layer = ContiguousArray<Bool>(repeating: false, count: n)
        for a in 0 ..< n where roster.moneyLayer[a] {
            for p in owners.holderRange(of: Int32(a)) { layer[Int(owners.persons[p])] = true }
        }
        self.recruits = recruits
        self.manages = manages
        proceedsFrom = from
        proceedsTo = to
        salariesTo = salaries
        salariesFrom = paid
        inMoneyLayer = layer
    }
}
