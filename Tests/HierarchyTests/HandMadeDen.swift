import FraudGraph

/// A den with a known hierarchy, built by hand (the generator's cases come later):
///
/// ```
///                     B (boss)                      K (broker): collects the leaders'
///               /              \                      proceeds, sweeps them to B
///             M1                M2    (managers)
///           /    \            /    \
///         L1      L2        L3      L4    (leaders; each collects from a mule U1-U4)
///        W1-W4   W5-W8    W9-W12  W13-W16  (workers)
///   R (recruiter) recruited W1-W8; U1-U4 (mules) take victims' money, not at the den
/// ```
///
/// The evidence is partial and noisy, as in real cases: `manages` is missing for
/// B->M2, M1->L2 and four leader->worker pairs, and has one reversed link (W5
/// "manages" L2); calls go both ways (6 down, 2 up per pair, plus calls between
/// workers and to victims); B pays the managers and leaders, leaders pay their
/// workers; victims pay mules, mules sweep to leaders, leaders to K, K to B.
/// W13 and W14 are placed only through the den's IP, W16 only through ties.
struct HandMadeDen {
    let c: Case
    /// True rank of each person of the den (roles.csv convention: boss 0, manager and
    /// broker 1, leader and recruiter 2, worker 3, mule 4).
    let truth: [String: (role: String, rank: Int)]

    static let managers = ["M1", "M2"]
    static let leaders = ["L1", "L2", "L3", "L4"]
    static let workers = (1 ... 16).map { "W\($0)" }
    static let mules = ["U1", "U2", "U3", "U4"]
    static let victims = (1 ... 8).map { "V\($0)" }

    /// The leader of worker `Wk`.
    static func leader(ofWorker k: Int) -> String { "L\((k - 1) / 4 + 1)" }

    init() throws {
        var b = CaseBuilder()
        var index: [String: Int32] = [:]
        func person(_ id: String, role: String = "") throws {
            index[id] = try b.addEntity(id: id, kind: .person, role: role)
            index["A_" + id] = try b.addEntity(id: "A_" + id, kind: .account)
            try b.addLink(source: index[id]!, target: index["A_" + id]!, kind: .owns)
        }
        func link(_ s: String, _ t: String, _ kind: LinkKind, _ weight: Double = 1) throws {
            try b.addLink(source: index[s]!, target: index[t]!, kind: kind, weight: weight)
        }
        var transferCount = 0
        func pay(_ s: String, _ t: String, _ amount: Int64, day: Int64, report: Bool = false) throws {
            transferCount += 1
            let id = "T\(transferCount)"
            let row = try b.addTransfer(id: id, from: index["A_" + s]!, to: index["A_" + t]!, amount: Money(whole: amount),
                                        time: 1_700_000_000 + day * 86_400 + Int64(transferCount) * 60)
            if report { try b.addReport(id: "R\(transferCount)", transfer: row) }
        }
        index["D1"] = try b.addEntity(id: "D1", kind: .den, name: "Compound 1")
        index["IP1"] = try b.addEntity(id: "IP1", kind: .ip)
        try link("IP1", "D1", .locatedAt)
        let staff = ["B"] + HandMadeDen.managers + HandMadeDen.leaders + HandMadeDen.workers
        for p in staff + ["R", "K"] + HandMadeDen.mules { try person(p) }
        for v in HandMadeDen.victims { try person(v, role: "victim") }

        // MARK: Membership
        for p in staff where !["W13", "W14", "W15", "W16"].contains(p) { try link(p, "D1", .locatedAt) }
        try link("W13", "IP1", .uses)
        try link("W14", "IP1", .uses)
        try link("W15", "IP1", .uses)

        // MARK: Chain of command (true pairs), partial and noisy manages
        var pairs: [(String, String)] = [("B", "M1"), ("B", "M2"), ("M1", "L1"), ("M1", "L2"), ("M2", "L3"), ("M2", "L4")]
        for k in 1 ... 16 { pairs.append((HandMadeDen.leader(ofWorker: k), "W\(k)")) }
        let missing: Set<String> = ["B>M2", "M1>L2", "L1>W2", "L2>W7", "L3>W10", "L4>W16"]
        for (s, t) in pairs {
            if !missing.contains("\(s)>\(t)") { try link(s, t, .manages) }
            try link(s, t, .contacted, 6)
            try link(t, s, .contacted, 2)
        }
        try link("W5", "L2", .manages)  // noise: reversed
        // Peer calls, calls to victims, recruiter and broker calls.
        try link("W1", "W2", .contacted, 3); try link("W2", "W1", .contacted, 3)
        try link("W9", "W12", .contacted, 2); try link("W12", "W9", .contacted, 4)
        for (k, v) in HandMadeDen.victims.enumerated() { try link("W\(2 * k + 1)", v, .contacted, 10) }
        for k in 1 ... 8 { try link("R", "W\(k)", .recruited) }
        try link("B", "K", .contacted, 3); try link("K", "B", .contacted, 1)

        // MARK: Money
        for (k, v) in HandMadeDen.victims.enumerated() { try pay(v, HandMadeDen.mules[k % 4], 1000, day: 1, report: true) }
        for (k, u) in HandMadeDen.mules.enumerated() { try pay(u, HandMadeDen.leaders[k], 1800, day: 2) }
        for l in HandMadeDen.leaders { try pay(l, "K", 1500, day: 3) }
        try pay("K", "B", 5800, day: 4)
        for m in HandMadeDen.managers { try pay("B", m, 800, day: 5) }
        for l in HandMadeDen.leaders { try pay("B", l, 400, day: 5) }
        for k in 1 ... 16 { try pay(HandMadeDen.leader(ofWorker: k), "W\(k)", 80, day: 6) }

        c = b.freeze()
        var t: [String: (String, Int)] = ["B": ("boss", 0), "K": ("broker", 1), "R": ("recruiter", 2)]
        for m in HandMadeDen.managers { t[m] = ("manager", 1) }
        for l in HandMadeDen.leaders { t[l] = ("leader", 2) }
        for w in HandMadeDen.workers { t[w] = ("worker", 3) }
        for u in HandMadeDen.mules { t[u] = ("mule", 4) }
        truth = t
    }

    func entity(_ id: String) -> Int32 { c.entities.index(of: id)! }
}

/// Spearman's rank correlation of two samples, ties given their average rank.
func spearman(_ x: [Double], _ y: [Double]) -> Double {
    func ranks(_ v: [Double]) -> [Double] {
        let order = v.indices.sorted { v[$0] < v[$1] }
        var r = [Double](repeating: 0, count: v.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && v[order[j + 1]] == v[order[i]] { j += 1 }
            let average = Double(i + j) / 2 + 1
            for k in i ... j { r[order[k]] = average }
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
