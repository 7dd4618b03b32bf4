import FraudGraph
@testable import GraphvizExport

/// A small case a person can check by hand: two dens (a compound in Cambodia with a
/// boss, two managers, three team leaders and their workers; a call centre in
/// Myanmar), six mules recruited by the compound's recruiter, eight victims whose
/// money goes through two mule layers to a collector account, a crypto wallet, a
/// cash machine and an exchange; and a few ordinary people who pay each other.
enum SampleCase {
    static let day: Int64 = 86_400
    static let start: Int64 = 1_709_251_200  // 2024-03-01

    struct Built {
        let c: Case
        /// The den ids, the collector account, the seed transfers.
        let compound: Int32, callCentre: Int32, collector: Int32
        let seeds: [Int32]
    }

    static func build() throws -> Built {
        var b = CaseBuilder()
        func person(_ id: String, _ name: String, _ country: String, _ role: String) throws -> Int32 {
            try b.addEntity(id: id, kind: .person, name: name, country: country, role: role)
        }
        func thing(_ id: String, _ kind: EntityKind, _ name: String = "", _ country: String = "") throws -> Int32 {
            try b.addEntity(id: id, kind: kind, name: name, country: country)
        }
        func link(_ a: Int32, _ c: Int32, _ kind: LinkKind, weight: Double = 1) throws {
            try b.addLink(source: a, target: c, kind: kind, weight: weight)
        }

        // MARK: Den 1: the compound
        let compound = try thing("DEN-1", .den, "Golden Lotus compound", "KH")
        let boss = try person("P-001", "Chen Wei", "CN", "boss")
        let managers = [try person("P-002", "Li Na", "CN", "manager"), try person("P-003", "Somchai Kittisak", "TH", "manager")]
        let leaders = [try person("P-004", "Zhang Min", "CN", "leader"), try person("P-005", "Aung Ko", "MM", "leader"),
                       try person("P-006", "Nguyen Van Hai", "VN", "leader")]
        let recruiter = try person("P-007", "Dara Sok", "KH", "recruiter")
        let workerNames = ["Ana Santos", "Budi Hartono", "Carlo Reyes", "Deng Hui", "Eka Putri", "Farid Rahman",
                           "Grace Tan", "Hoang Linh", "Irfan Malik", "Joy Dela Cruz", "Kyaw Zin", "Lina Wong",
                           "Maria Lopez", "Niran Chai", "Oscar Lim", "Pich Srey", "Quyen Tran", "Rizal Ahmad"]
        var workers: [Int32] = []
        for (i, name) in workerNames.enumerated() {
            workers.append(try person(String(format: "P-%03d", 10 + i), name, ["PH", "ID", "MY", "VN"][i % 4], "worker"))
        }
        for p in [boss] + managers + leaders + [recruiter] + workers { try link(p, compound, .locatedAt) }
        for m in managers { try link(boss, m, .manages) }
        try link(managers[0], leaders[0], .manages)
        try link(managers[0], leaders[1], .manages)
        try link(managers[1], leaders[2], .manages)
        try link(managers[0], recruiter, .manages)
        // Leader 1 has ten workers, leader 2 five, leader 3 three.
        for (i, w) in workers.enumerated() {
            try link(leaders[i < 10 ? 0 : (i < 15 ? 1 : 2)], w, .manages)
        }
        for w in workers.prefix(6) { try link(recruiter, w, .recruited) }
        let ip1 = try thing("IP-203.0.113.7", .ip, "203.0.113.7", "KH")
        try link(ip1, compound, .locatedAt)
        var phones: [Int32] = []
        for (i, l) in leaders.enumerated() {
            let ph = try thing("PH-85512000\(i)", .phone, "+855 12 000 \(i)", "KH")
            try link(l, ph, .uses)
            phones.append(ph)
        }
        let laptop = try thing("DV-LAPTOP-1", .device, "Lenovo laptop", "KH")
        try link(leaders[0], laptop, .uses)
        try link(workers[0], laptop, .uses)
        let org = try b.addEntity(id: "ORG-1", kind: .organization, name: "Lotus Trading Co.", country: "KH")
        try link(boss, org, .memberOf)

        // MARK: Den 2: the call centre
        let callCentre = try thing("DEN-2", .den, "Riverside call centre", "MM")
        let boss2 = try person("P-030", "U Aung Min", "MM", "boss")
        let manager2 = try person("P-031", "Htet Naing", "MM", "manager")
        try link(boss2, manager2, .manages)
        var workers2: [Int32] = []
        for i in 0 ..< 6 {
            let w = try person("P-\(32 + i)", ["Thiri", "Zaw Lin", "Mya Mya", "Ko Ko", "Nilar", "Soe Moe"][i], "MM", "worker")
            try link(manager2, w, .manages)
            workers2.append(w)
        }
        for p in [boss2, manager2] + workers2 { try link(p, callCentre, .locatedAt) }
        let ip2 = try thing("IP-198.51.100.23", .ip, "198.51.100.23", "MM")
        try link(ip2, callCentre, .locatedAt)
        let phone2 = try thing("PH-95900111", .phone, "+95 9 001 11", "MM")
        try link(manager2, phone2, .uses)
        // The two dens share a laptop and talk.
        try link(manager2, laptop, .uses)
        try link(managers[0], manager2, .contacted, weight: 9)

        // MARK: Mules and their accounts
        var mules: [Int32] = []
        for (i, name) in ["Kittipong S.", "Aisyah Noor", "Tan Wei Ming", "Siriporn P.", "Ahmad Faiz", "Lim Mei Ling"].enumerated() {
            let m = try person("P-\(50 + i)", name, ["TH", "MY", "MY", "TH", "MY", "SG"][i], "mule")
            try link(recruiter, m, .recruited)
            mules.append(m)
        }
        var layer1: [Int32] = [], layer2: [Int32] = []
        for i in 0 ..< 6 {
            let a = try thing("A-M0\(i + 1)", .account, ["Kasikorn ****4411", "Maybank ****2093", "CIMB ****7710",
                                                           "SCB ****0348", "RHB ****5562", "DBS ****9021"][i], ["TH", "MY", "MY", "TH", "MY", "SG"][i])
            try link(mules[i], a, .owns)
            layer1.append(a)
        }
        for i in 0 ..< 3 {
            let a = try thing("A-M0\(i + 7)", .account, ["Bangkok Bank ****1180", "Public Bank ****6634", "UOB ****3307"][i], ["TH", "MY", "SG"][i])
            try link(mules[3 + i], a, .owns)
            layer2.append(a)
        }
        let collector = try thing("A-C01", .account, "ABA Bank ****0001", "KH")
        try link(org, collector, .owns)
        let wallet = try thing("W-01", .wallet, "TRX wallet TQ9x…7Lm", "")
        try link(org, wallet, .owns)

        // MARK: Victims
        var victims: [Int32] = [], victimAccounts: [Int32] = []
        let vData = [("Elena García", "ES"), ("Hans Becker", "DE"), ("Mary Johnson", "US"), ("Oliver Smith", "AU"),
                     ("Siti Rahmah", "SG"), ("Kenji Sato", "JP"), ("Laura Rossi", "IT"), ("Pierre Martin", "FR")]
        for (i, (name, country)) in vData.enumerated() {
            let v = try person("V-0\(i + 1)", name, country, "victim")
            let a = try thing("A-V0\(i + 1)", .account, "\(name.split(separator: " ").last!)'s bank", country)
            try link(v, a, .owns)
            victims.append(v); victimAccounts.append(a)
        }
        for (i, v) in victims.enumerated() { try link(phones[i % 3], v, .contacted, weight: Double(3 + i * 2)) }

        // MARK: Money
        var n = 0
        func pay(_ from: Int32, _ to: Int32, _ whole: Int64, _ day: Int64, channel: String = "") throws -> Int32 {
            n += 1
            return try b.addTransfer(id: "T-\(String(format: "%03d", n))", from: from, to: to, amount: Money(whole: whole),
                                     time: start + day * SampleCase.day + Int64(n) * 60, channel: channel)
        }
        let toLayer1 = [0, 0, 1, 2, 3, 1, 4, 5]
        let amounts: [Int64] = [12_500, 8_000, 25_000, 4_300, 15_000, 9_900, 30_000, 6_200]
        var seeds: [Int32] = []
        for i in 0 ..< 8 { seeds.append(try pay(victimAccounts[i], layer1[toLayer1[i]], amounts[i], Int64(i))) }
        _ = try pay(layer1[0], layer2[0], 20_000, 9)
        _ = try pay(layer1[1], layer2[0], 10_000, 9)
        _ = try pay(layer1[1], layer2[1], 24_000, 10)
        _ = try pay(layer1[2], layer2[1], 4_000, 10)
        _ = try pay(layer1[3], layer2[2], 14_500, 10)
        _ = try pay(layer1[4], layer2[2], 29_000, 11)
        _ = try pay(layer1[5], layer2[1], 6_000, 11)
        _ = try pay(layer2[0], collector, 29_000, 12)
        _ = try pay(layer2[1], collector, 20_000, 12)
        _ = try pay(layer2[1], wallet, 13_000, 13, channel: "crypto")
        _ = try pay(layer2[2], collector, 40_000, 13)
        let atm = try thing("CASH-ATM-KH", .account, "ATM withdrawals, Phnom Penh", "KH")
        b.setAttribute(.entities, "external", row: atm, "true")
        for k in 0 ..< 5 { _ = try pay(collector, atm, 10_000, 14 + Int64(k), channel: "cash_out") }
        let exchange = try thing("EXCH-1", .account, "Crypto exchange hot wallet", "")
        b.setAttribute(.entities, "external", row: exchange, "true")
        _ = try pay(wallet, exchange, 12_000, 15, channel: "crypto")

        // MARK: Ordinary people
        var normal: [Int32] = []
        for (i, name) in ["Sokha Chan", "Vanna Lim", "Bopha Keo"].enumerated() {
            let p = try person("N-0\(i + 1)", name, "KH", "")
            let a = try thing("A-N0\(i + 1)", .account, "ACLEDA ****\(3300 + i)", "KH")
            try link(p, a, .owns)
            normal.append(a)
        }
        _ = try pay(normal[0], normal[1], 120, 3)
        _ = try pay(normal[1], normal[2], 45, 6)

        for (i, t) in seeds.enumerated() { try b.addReport(id: "R-0\(i + 1)", transfer: t, victim: victims[i]) }
        return Built(c: b.freeze(), compound: compound, callCentre: callCentre, collector: collector, seeds: seeds)
    }

    /// A simple trace for pictures: tainted money leaves an account before clean
    /// money (dirty-first, one label), cash-outs end it. Only for tests of the
    /// picture; the real tracing is the MoneyFlow module's.
    static func dirtyFirstTrace(_ c: Case, seeds: [Int32]) -> MoneyTrace {
        let t = c.transfers
        let order = Ledger(t).order
        var tainted = [Int64](repeating: 0, count: c.entities.count)
        var hops = [Int](repeating: 0, count: c.entities.count)
        var steps: [MoneyTrace.Step] = [], exits: [MoneyTrace.Exit] = []
        let seedSet = Set(seeds)
        for tr in order {
            let i = Int(tr), a = Int(t.source[i]), b = Int(t.target[i])
            var piece: Int64 = 0, h = 0
            if seedSet.contains(tr) {
                piece = t.amount[i]
            } else {
                piece = min(t.amount[i], tainted[a])
                tainted[a] -= piece
                h = hops[a] + 1
            }
            guard piece > 0 else { continue }
            steps.append(.init(transfer: tr, tainted: Money(units: piece), hops: seedSet.contains(tr) ? 0 : h))
            if t.isCashOut(tr) {
                exits.append(.init(transfer: tr, amount: Money(units: piece)))
            } else {
                if tainted[b] == 0 || (seedSet.contains(tr) ? 0 : h) < hops[b] { hops[b] = seedSet.contains(tr) ? 0 : h }
                tainted[b] += piece
            }
        }
        // One label for all the money: a currency only when the seeds share one.
        let seedCurrencies = Set(seeds.map { t.currency[Int($0)] })
        let holdingCurrency = seedCurrencies.count == 1 ? seedCurrencies.first : nil
        let holdings = (0 ..< c.entities.count).filter { tainted[$0] > 0 }
            .map { MoneyTrace.Holding(account: Int32($0), amount: Money(units: tainted[$0]), currency: holdingCurrency) }
        return MoneyTrace(seeds: seeds, steps: steps, holdings: holdings, exits: exits, policy: "dirty-first")
    }
}
