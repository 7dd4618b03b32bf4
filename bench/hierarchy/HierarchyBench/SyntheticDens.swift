import FraudGraph

/// A case of many dens with planted hierarchies, made here for the hierarchy
/// benchmark until the project's generator (`Sources/Synthetic`) lands. Each den:
/// a boss, managers (none in a third of the dens), leaders, workers, one or two
/// recruiters, often a broker, mules and their victims. Evidence is partial and
/// noisy: `manages` present for 70% of the true pairs plus 3% reversed links;
/// calls both ways (down about 2.5 times as often as up), calls between workers
/// and to victims; salaries (boss -> managers and leaders, leaders -> workers) and
/// sweeps (victims -> mules -> leaders -> broker or managers -> boss). Membership:
/// most staff `located_at` the den, some only through its IP, a few only by ties.
/// Filler accounts and transfers that no person holds bring the case to size.
struct SyntheticDens {
    typealias Truth = Scorecard.Truth

    var dens = 50
    var seed: UInt64 = 1
    var fillerAccounts = 0
    var fillerTransfers = 0

    func generate() throws -> (Case, [String: Truth]) {
        var rng = Random(seed: seed)
        var b = CaseBuilder()
        var truth: [String: Truth] = [:]
        var transferCount = 0
        var time: Int64 = 1_700_000_000
        var index: [String: Int32] = [:]

        func person(_ id: String, role: String = "") throws -> Int32 {
            let p = try b.addEntity(id: id, kind: .person, role: role)
            let a = try b.addEntity(id: "A:" + id, kind: .account)
            try b.addLink(source: p, target: a, kind: .owns)
            index[id] = a
            return p
        }
        func pay(_ from: String, _ to: String, _ whole: Int64, report: Bool = false) throws {
            transferCount += 1
            time += 60
            let t = try b.addTransfer(id: "T\(transferCount)", from: index[from]!, to: index[to]!, amount: Money(whole: whole), time: time)
            if report { try b.addReport(id: "R\(transferCount)", transfer: t) }
        }
        func calls(_ mean: Double) -> Int {
            // A geometric count with this mean.
            var n = 0
            let p = 1 / (1 + mean)
            while rng.unit() > p { n += 1 }
            return n
        }

        for k in 0 ..< dens {
            let denID = "DEN\(k)"
            let den = try b.addEntity(id: denID, kind: .den, name: "Compound \(k)")
            let ip = try b.addEntity(id: "IP\(k)", kind: .ip)
            try b.addLink(source: ip, target: den, kind: .locatedAt)
            let workerCount = 20 + Int(rng.next() % 101)
            let leaderCount = (workerCount + 5) / 6
            let managerCount = rng.unit() < 1.0 / 3 ? 0 : (leaderCount + 2) / 3
            var people: [String: Int32] = [:]
            func staff(_ id: String, _ role: String, _ rank: Int) throws {
                people[id] = try person(id)
                truth[id] = Truth(den: denID, role: role, rank: rank)
            }
            let boss = "\(denID)-B"
            try staff(boss, "boss", 0)
            let managers = (0 ..< managerCount).map { "\(denID)-M\($0)" }
            let leaders = (0 ..< leaderCount).map { "\(denID)-L\($0)" }
            let workers = (0 ..< workerCount).map { "\(denID)-W\($0)" }
            for m in managers { try staff(m, "manager", 1) }
            for l in leaders { try staff(l, "leader", 2) }
            for w in workers { try staff(w, "worker", 3) }
            let recruiters = (0 ..< (1 + Int(rng.next() % 2))).map { "\(denID)-R\($0)" }
            for r in recruiters { try staff(r, "recruiter", 2) }
            let broker: String? = rng.unit() < 0.7 ? "\(denID)-K" : nil
            if let broker { try staff(broker, "broker", 1) }
            let mules = (0 ..< (4 + Int(rng.next() % 7))).map { "\(denID)-U\($0)" }
            for u in mules { try staff(u, "mule", 4) }
            let victims = (0 ..< 2 * mules.count).map { "\(denID)-V\($0)" }
            for v in victims { _ = try person(v, role: "victim") }

            // Membership.
            for id in [boss] + managers + leaders + workers {
                let r = rng.unit()
                if r < 0.85 { try b.addLink(source: people[id]!, target: den, kind: .locatedAt) }
                else if r < 0.95 { try b.addLink(source: people[id]!, target: ip, kind: .uses) }
            }
            if let broker, rng.unit() < 0.5 { try b.addLink(source: people[broker]!, target: den, kind: .locatedAt) }

            // Chain of command.
            var pairs: [(String, String)] = []
            let upper = managers.isEmpty ? [boss] : managers
            for m in managers { pairs.append((boss, m)) }
            for (i, l) in leaders.enumerated() { pairs.append((upper[i % upper.count], l)) }
            var leaderOf: [String: String] = [:]
            for (i, w) in workers.enumerated() { let l = leaders[i % leaders.count]; pairs.append((l, w)); leaderOf[w] = l }
            for (s, t) in pairs {
                if rng.unit() < 0.7 { try b.addLink(source: people[s]!, target: people[t]!, kind: .manages) }
                if rng.unit() < 0.03 { try b.addLink(source: people[t]!, target: people[s]!, kind: .manages) }
                let down = 1 + calls(4), up = calls(1.5)
                try b.addLink(source: people[s]!, target: people[t]!, kind: .contacted, weight: Double(down))
                if up > 0 { try b.addLink(source: people[t]!, target: people[s]!, kind: .contacted, weight: Double(up)) }
            }
            for _ in 0 ..< workerCount / 2 {
                let a = workers[Int(rng.next() % UInt64(workerCount))], c = workers[Int(rng.next() % UInt64(workerCount))]
                if a != c { try b.addLink(source: people[a]!, target: people[c]!, kind: .contacted, weight: Double(1 + calls(2))) }
            }
            for (i, v) in victims.enumerated() {
                let w = workers[(i * 7) % workerCount]
                let victim = try require(b.entityIndex(v))
                try b.addLink(source: people[w]!, target: victim, kind: .contacted, weight: Double(3 + calls(5)))
            }
            for r in recruiters {
                for w in workers where rng.unit() < 0.3 { try b.addLink(source: people[r]!, target: people[w]!, kind: .recruited) }
                if rng.unit() < 0.5 { try b.addLink(source: people[boss]!, target: people[r]!, kind: .contacted, weight: Double(1 + calls(2))) }
            }

            // Money: victims -> mules -> leaders -> broker / managers -> boss; salaries down.
            var took: [String: Int64] = [:]
            for (i, v) in victims.enumerated() {
                let amount = 500 + Int64(rng.next() % 1500)
                try pay(v, mules[i % mules.count], amount, report: true)
                took[mules[i % mules.count], default: 0] += amount
            }
            var held: [String: Int64] = [:]
            for (i, u) in mules.enumerated() {
                let amount = took[u]! * Int64(80 + rng.next() % 16) / 100
                let l = leaders[i % leaders.count]
                try pay(u, l, amount)
                held[l, default: 0] += amount
            }
            var collected: Int64 = 0
            var managerHeld: [String: Int64] = [:]
            for (i, l) in leaders.enumerated() where held[l, default: 0] > 0 {
                let amount = held[l]! * 9 / 10
                if let broker {
                    try pay(l, broker, amount)
                } else if !managers.isEmpty {
                    let m = managers[i % managers.count]
                    try pay(l, m, amount)
                    managerHeld[m, default: 0] += amount
                } else {
                    try pay(l, boss, amount)
                }
                collected += amount
            }
            if let broker, collected > 0 { try pay(broker, boss, collected * 95 / 100) }
            for m in managers where managerHeld[m, default: 0] > 0 { try pay(m, boss, managerHeld[m]! * 9 / 10) }
            // Payroll: the boss pays managers and leaders out of a large float.
            transferCount += 1
            time += 60
            let float = try b.addEntity(id: "FLOAT\(k)", kind: .account)
            try b.addTransfer(id: "T\(transferCount)", from: float, to: index[boss]!, amount: Money(whole: 1_000_000), time: time)
            for m in managers { try pay(boss, m, 3000) }
            for l in leaders { try pay(boss, l, 2000) }
            for w in workers { try pay(leaderOf[w]!, w, 300) }
        }

        // MARK: Filler
        var filler: [Int32] = []
        filler.reserveCapacity(fillerAccounts)
        for i in 0 ..< fillerAccounts { filler.append(try b.addEntity(id: "X\(i)", kind: .account)) }
        if !filler.isEmpty {
            for _ in 0 ..< fillerTransfers {
                transferCount += 1
                time += 1
                let a = filler[Int(rng.next() % UInt64(filler.count))], c = filler[Int(rng.next() % UInt64(filler.count))]
                if a == c { continue }
                try b.addTransfer(id: "T\(transferCount)", from: a, to: c, amount: Money(whole: 10 + Int64(rng.next() % 1000)), time: time)
            }
        }
        return (b.freeze(), truth)
    }
}

struct MissingValue: Error {}

func require<T>(_ x: T?) throws -> T {
    guard let x else { throw MissingValue() }
    return x
}

/// SplitMix64, for reproducible benchmarks.
struct Random: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E4B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
