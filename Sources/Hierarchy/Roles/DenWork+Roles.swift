import FraudGraph

extension DenWork {
    /// Roles: the boss (`findBoss`); then what people do (mule,
    /// recruiter, broker); then levels. The callers' level is the most populated
    /// level below the top (the deepest on a tie): at it and below are workers, the
    /// level just above holds leaders, and the levels between the boss and the
    /// leaders managers.
    mutating func assignRoles(roster: DenRoster, activity: PersonActivity) {
        roles = ContiguousArray(repeating: .unknown, count: count)
        reasons = Array(repeating: "", count: count)
        var core: [Int] = []
        for i in 0 ..< count {
            if i == boss {
                roles[i] = .boss
                reasons[i] = "below no one; above the most people of the den"
                continue
            }
            if let (role, reason) = DenWork.roleFromActivity(members[i], roster: roster, activity: activity) {
                roles[i] = role
                reasons[i] = reason
                continue
            }
            if hasTie[i] {
                core.append(i)
            } else {
                reasons[i] = "no directed tie to the den's other people"
            }
        }
        // Mules are not in the den's chain of command: their accounts are its outer
        // layer, so they go one level below everyone else.
        var lowest = 0
        for i in 0 ..< count where roles[i] != .mule { lowest = max(lowest, levels[i]) }
        for i in 0 ..< count where roles[i] == .mule { levels[i] = lowest + 1 }
        var population: [Int: Int] = [:]
        for i in core where levels[i] >= 1 { population[levels[i], default: 0] += 1 }
        let workerLevel = population.max { ($0.value, $0.key) < ($1.value, $1.key) }?.key ?? 1
        for i in core {
            let l = levels[i]
            if l >= workerLevel {
                roles[i] = .worker
                reasons[i] = "level \(l): the den's most populated level is \(workerLevel)"
            } else if l == workerLevel - 1 && l >= 1 {
                roles[i] = .leader
                reasons[i] = "level \(l): just above the callers' level \(workerLevel)"
            } else {
                roles[i] = .manager
                reasons[i] = "level \(l): between the boss and the leaders"
            }
        }
    }

    /// A role read from what a person does, if one applies (checked in this order):
    /// - mule: not seen at the den, manages and recruits no one, and either holds an
    ///   account of the money layer (victims' money reached it through people not at
    ///   a den), or is on no payroll and sweeps no proceeds (someone the den uses,
    ///   not someone it pays or who moves its money);
    /// - recruiter: recruited others and manages no one;
    /// - broker: moves the den's money up (sweeps proceeds to someone), manages no
    ///   one and is paid no salary (brokers take a cut, staff are on the payroll).
    static func roleFromActivity(_ e: Int32, roster: DenRoster, activity: PersonActivity) -> (DenRole, String)? {
        let p = Int(e)
        let atDen = roster.basis[p].isAtDen
        let manages = activity.manages[p]
        if !atDen && manages == 0 && activity.recruits[p] == 0 {
            // Payments between mules' accounts may read as salaries (a laundering
            // fan-out looks like a payroll): within the money layer they do not count.
            if activity.inMoneyLayer[p] {
                return (.mule, "holds an account victims' money went through; not seen at the den")
            }
            if activity.salariesTo[p] == 0 && activity.salariesFrom[p] == 0 && activity.proceedsTo[p] == 0 {
                return (.mule, "around the den, not seen at it: on no payroll, commands and moves money for no one")
            }
        }
        if activity.recruits[p] > 0 && manages == 0 {
            return (.recruiter, "recruited \(Int(activity.recruits[p])); manages no one")
        }
        if manages == 0 && activity.proceedsTo[p] > 0 && activity.salariesFrom[p] == 0 {
            return (.broker, "sweeps proceeds up to \(activity.proceedsTo[p]); manages no one, paid no salary")
        }
        return nil
    }
}
