import FraudGraph

extension DenWork {
    /// The chart's people, top level first, with the ties behind each placement.
    func placedPeople(commands: CommandGraph, roster: DenRoster, evidenceLimit: Int) -> [PlacedPerson] {
        var people: [PlacedPerson] = []
        people.reserveCapacity(count)
        for i in 0 ..< count {
            let (above, below) = ties(of: i, commands: commands)
            let basis: PlacedPerson.RankBasis = !hasTie[i] ? .noEvidence : (inMain[i] ? .springRank : .detached)
            people.append(PlacedPerson(
                person: members[i], level: levels[i], score: scores[i], role: roles[i], roleReason: reasons[i],
                membership: roster.basis[Int(members[i])], rankBasis: basis,
                above: Array(above.prefix(evidenceLimit)), below: Array(below.prefix(evidenceLimit)),
                aboveCount: above.count, belowCount: below.count))
        }
        return DenWork.ordered(people)
    }

    /// Top level first, the boss first in it, then higher score, then entity index.
    static func ordered(_ people: [PlacedPerson]) -> [PlacedPerson] {
        people.sorted {
            if $0.level != $1.level { return $0.level < $1.level }
            if ($0.role == .boss) != ($1.role == .boss) { return $0.role == .boss }
            if $0.score != $1.score { return $0.score > $1.score }
            return $0.person < $1.person
        }
    }

    // MARK: - Ties

    /// The people `i` is above and below on balance, strongest first.
    func ties(of i: Int, commands: CommandGraph) -> (above: [PlacementTie], below: [PlacementTie]) {
        var above: [PlacementTie] = [], below: [PlacementTie] = []
        let local = evidence
        let out = local.outRange(of: Int32(i)), inn = local.inRange(of: Int32(i))
        var a = out.lowerBound, b = inn.lowerBound
        let g = commands.graph
        // Merge the sorted out-list and in-list neighbour by neighbour.
        while a < out.upperBound || b < inn.upperBound {
            let ja = a < out.upperBound ? Int(local.outTargets[a]) : Int.max
            let jb = b < inn.upperBound ? Int(local.inSources[b]) : Int.max
            let j = min(ja, jb)
            if ja == j { a += 1 }
            if jb == j { b += 1 }
            // Both directions from the command graph: the den's ties may be netted.
            var forward = TieCounts(), backward = TieCounts()
            var fw = 0.0, bw = 0.0
            if let p = g.position(of: members[j], from: members[i]) {
                forward = DenWork.counts(commands, at: p)
                fw = Double(g.outWeights[p])
            }
            if let p = g.position(of: members[i], from: members[j]) {
                backward = DenWork.counts(commands, at: p)
                bw = Double(g.outWeights[p])
            }
            if fw > bw {
                above.append(PlacementTie(other: members[j], weight: fw - bw, support: forward, against: backward))
            } else if bw > fw {
                below.append(PlacementTie(other: members[j], weight: bw - fw, support: backward, against: forward))
            }
        }
        let stronger = { (x: PlacementTie, y: PlacementTie) in x.weight != y.weight ? x.weight > y.weight : x.other < y.other }
        return (above.sorted(by: stronger), below.sorted(by: stronger))
    }

    static func counts(_ commands: CommandGraph, at p: Int) -> TieCounts {
        var t = TieCounts()
        t.manages = commands.manages[p]
        t.recruited = commands.recruited[p]
        t.calls = commands.calls[p]
        t.salaries = commands.salaries[p]
        t.sweeps = commands.sweeps[p]
        return t
    }
}
