import FraudGraph
import Hierarchy

/// How well a hierarchy report recovers planted truth (person -> den, role, rank).
struct Scorecard {
    struct Truth { var den: String; var role: String; var rank: Int }

    /// Dens scored, and the mean Spearman correlation of level (and of score) with true rank.
    var densScored = 0
    var meanSpearmanLevel = 0.0
    var meanSpearmanScore = 0.0
    /// Dens whose first person is the true boss, of dens with a boss.
    var bossFirst = 0
    var densWithBoss = 0
    /// Per true role: persons, right role, placed in the right den.
    var roles: [String: (total: Int, right: Int, placed: Int)] = [:]
    /// Confusion: true role -> predicted role -> count ("missing" when not placed).
    var confusion: [String: [String: Int]] = [:]
    /// People in the charts who are in no den's truth, by predicted role.
    var extra: [String: Int] = [:]

    init(report: HierarchyReport, case c: Case, truth: [String: Truth]) {
        var predicted: [String: (den: String, role: String)] = [:]
        var sumLevel = 0.0, sumScore = 0.0
        for chart in report.charts {
            let denID = c.entities.id(chart.den)
            var levels: [Double] = [], scores: [Double] = [], ranks: [Double] = []
            for p in chart.people {
                let id = c.entities.id(p.person)
                predicted[id] = (denID, p.role.rawValue)
                if truth[id] == nil { extra[p.role.rawValue, default: 0] += 1 }
                guard let t = truth[id], t.den == denID else { continue }
                levels.append(Double(p.level)); scores.append(-p.score); ranks.append(Double(t.rank))
            }
            if let first = chart.people.first {
                let bossID = truth.first { $0.value.den == denID && $0.value.role == "boss" }?.key
                if let bossID {
                    densWithBoss += 1
                    if c.entities.id(first.person) == bossID { bossFirst += 1 }
                }
            }
            if levels.count >= 3 && Set(ranks).count > 1 {
                densScored += 1
                sumLevel += spearman(levels, ranks)
                sumScore += spearman(scores, ranks)
            }
        }
        if densScored > 0 { meanSpearmanLevel = sumLevel / Double(densScored); meanSpearmanScore = sumScore / Double(densScored) }
        for (id, t) in truth {
            let p = predicted[id]
            var entry = roles[t.role] ?? (0, 0, 0)
            entry.total += 1
            if p?.den == t.den { entry.placed += 1 }
            if p?.den == t.den && p?.role == t.role { entry.right += 1 }
            roles[t.role] = entry
            confusion[t.role, default: [:]][p?.den == t.den ? p!.role : "missing", default: 0] += 1
        }
    }

    var json: String {
        var parts: [String] = []
        parts.append("\"densScored\": \(densScored)")
        parts.append("\"meanSpearmanLevel\": \(meanSpearmanLevel)")
        parts.append("\"meanSpearmanScore\": \(meanSpearmanScore)")
        parts.append("\"bossFirstRate\": \(densWithBoss > 0 ? Double(bossFirst) / Double(densWithBoss) : 0)")
        parts.append("\"densWithBoss\": \(densWithBoss)")
        let order = ["boss", "manager", "broker", "leader", "recruiter", "worker", "mule"]
        let keys = order.filter { roles[$0] != nil } + roles.keys.filter { !order.contains($0) }.sorted()
        let roleText = keys.map { k in
            let r = roles[k]!
            let confusionText = confusion[k]!.sorted { $0.value > $1.value }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ")
            return "\"\(k)\": {\"persons\": \(r.total), \"accuracy\": \(Double(r.right) / Double(r.total)), \"inRightDen\": \(Double(r.placed) / Double(r.total)), \"predicted\": {\(confusionText)}}"
        }
        parts.append("\"roles\": {\(roleText.joined(separator: ", "))}")
        parts.append("\"extraPeople\": {" + extra.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ") + "}")
        return "{" + parts.joined(separator: ", ") + "}"
    }
}

/// Spearman's rank correlation, ties given their average rank.
func spearman(_ x: [Double], _ y: [Double]) -> Double {
    func ranks(_ v: [Double]) -> [Double] {
        let order = v.indices.sorted { v[$0] < v[$1] }
        var r = [Double](repeating: 0, count: v.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && v[order[j + 1]] == v[order[i]] { j += 1 }
            for k in i ... j { r[order[k]] = Double(i + j) / 2 + 1 }
            i = j + 1
        }
        return r
    }
    let rx = ranks(x), ry = ranks(y)
    let n = Double(x.count)
    let mx = rx.reduce(0, +) / n, my = ry.reduce(0, +) / n
    var sxy = 0.0, sxx = 0.0, syy = 0.0
    for i in 0 ..< x.count {
        sxy += (rx[i] - mx) * (ry[i] - my); sxx += (rx[i] - mx) * (rx[i] - mx); syy += (ry[i] - my) * (ry[i] - my)
    }
    return sxx > 0 && syy > 0 ? sxy / (sxx * syy).squareRoot() : 0
}
