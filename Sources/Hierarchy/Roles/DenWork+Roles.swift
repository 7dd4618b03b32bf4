import FraudGraph

extension DenWork {
    /// Roles: the boss is the top of the main web; then what people do (mule,
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
                reasons[i] = "top of the den's command ties"
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
    /// - mule: holds an account that took victims' money, and is not seen at the den
    ///   (only around it: by ring or ties);
    /// - recruiter: recruited others and manages no one;
    /// - broker: manages no one, collects swept proceeds and passes money on (sweeps
    ///   it further or moves it out of reach), from two persons or more, or from one
    ///   when not seen at the den.
    static func roleFromActivity(_ e: Int32, roster: DenRoster, activity: PersonActivity) -> (DenRole, String)? {
        let p = Int(e)
        let atDen = roster.basis[p].isAtDen
        if !atDen && activity.tookVictimMoney[p] {
            return (.mule, "holds an account that took victims' money; not seen at the den")
        }
        let manages = activity.manages[p]
        if activity.recruits[p] > 0 && manages == 0 {
            return (.recruiter, "recruited \(Int(activity.recruits[p])); manages no one")
        }
        let from = Int(activity.proceedsFrom[p])
        if manages == 0 && from >= 1 && (activity.proceedsTo[p] > 0 || activity.exits[p] > 0) && (from >= 2 || !atDen) {
            return (.broker, "collects proceeds from \(from) and passes them on; manages no one")
        }
        return nil
    }
}
