import FraudGraph

/// A laundering typology, numbered as in `GroundTruth.typologies`.
enum Typology: Int {
    case fanIn = 0, fanOut, cycle, scatterGather, gatherScatter, bipartite, stack, random, cashOut

    /// Typologies that need several source accounts.
    var gathers: Bool { self == .fanIn || self == .gatherScatter || self == .bipartite }
}

/// Money sitting in an account after a laundering step.
struct Holding {
    var account: Int32
    var units: Int64
    var time: Int64
}

extension GenerationState {
    // MARK: - Victims, salaries and laundering

    mutating func makeMoneyFlows() {
        for k in rings.indices {
            var r = random(5000 + UInt64(k))
            payDen(rings[k], &r)
            defraud(rings[k], &r)
        }
    }

    /// Monthly salaries from the boss's payroll account, funded by the brokers.
    private mutating func payDen(_ plan: RingPlan, _ r: inout SeededRandom) {
        let usd = currencyIndex("USD")
        let bank = UInt8(channels.firstIndex(of: "bank")!), ewallet = UInt8(channels.firstIndex(of: "ewallet")!)
        for m in 0 ..< months {
            let payday = startTime + Int64(m * 30 + 27) * 86_400
            if payday >= endTime { break }
            let total = plan.salaries.reduce(0.0) { $0 + $1.amount }
            // Proceeds flow up: each broker sends the boss a share before payday.
            for a in plan.brokerAccounts {
                log.add(from: a, to: plan.payroll, units: units(total * 1.1 / Double(plan.brokerAccounts.count)),
                        time: payday - Int64(r.int(1 ... 3) * 86_400), currency: usd, channel: bank)
            }
            let note = reference("salary " + Timestamp.iso8601(payday).prefix(7))
            for s in plan.salaries {
                log.add(from: plan.payroll, to: s.account, units: units(s.amount * (0.95 + 0.1 * r.unit())),
                        time: payday + Int64(r.int(0 ... 6 * 3600)), currency: usd, channel: s.ewallet ? ewallet : bank,
                        reference: r.chance(0.7) ? note : -1)
            }
        }
    }

    /// Victims pay; the ring moves the money through its mule accounts in batches,
    /// each batch by one typology, and then withdraws it, changes it into crypto,
    /// or leaves it sitting.
    private mutating func defraud(_ plan: RingPlan, _ r: inout SeededRandom) {
        let bank = UInt8(channels.firstIndex(of: "bank")!), card = UInt8(channels.firstIndex(of: "card")!)
        let scamNotes = ["investment deposit", "USDT top-up", "customs fee", "account unlock fee", "tax clearance",
                         "loan guarantee", "gift card", "platform withdrawal fee"].map { reference($0) }
        let span = Double(settings.days)

        // Victims, their everyday money, and the calls that hooked them.
        var intents: [(victim: Int32, account: Int32, time: Int64, units: Int64, currency: UInt8)] = []
        for _ in 0 ..< r.int(settings.victims) {
            let country = r.pick(plan.victimCountries)
            let currency = currencyIndex(Geography.country(country).currency)
            let victim = entity("P", .person, name: Geography.personName(country, &r), country: country, role: "victim")
            let acct = account(of: victim, country: country, ring: -1, observed: 1, &r)
            let phone = entity("PH", .phone, name: phoneNumber(country, &r), country: country)
            link(victim, phone, .owns)
            if r.chance(0.6) {
                let caller = r.pick(plan.workers)
                if r.chance(0.4), let cp = plan.phones[caller] {
                    link(cp, phone, .contacted, weight: Double(r.int(1 ... 6)))
                } else {
                    link(caller, victim, .contacted, weight: Double(r.int(1 ... 6)))
                }
            }
            if !employers.isEmpty {
                let employer = employers[employerZipf.draw(&r)]
                for m in 0 ..< months {
                    let t = startTime + Int64(m * 30 + 25) * 86_400
                    if t < endTime { log.add(from: employer, to: acct, units: units(r.logNormal(mu: 8.1, sigma: 0.3)), time: t, currency: currency, channel: bank) }
                }
            }
            var t = timeBetween(days: 0, span * 0.75, &r)
            var amount = min(250_000, max(100, r.logNormal(mu: 7.8, sigma: 0.9)))
            let payments = r.unit() < 0.5 ? 1 : (r.unit() < 0.6 ? 2 : 3)
            for _ in 0 ..< payments {
                intents.append((victim, acct, t, units(amount), currency))
                t += Int64(r.int(1 ... 10) * 86_400 + r.int(0 ... 86_399))
                amount *= 1.2 + r.unit()
            }
        }
        intents.sort { ($0.time, $0.victim) < ($1.time, $1.victim) }

        // Batches: payments in one currency close in time.
        var i = 0
        var weekly: [Int: Int64] = [:]
        while i < intents.count {
            let size = r.int(2 ... 6)
            var batch = [intents[i]]
            var j = i + 1
            while j < intents.count && batch.count < size && intents[j].currency == batch[0].currency
                && intents[j].time - batch[0].time < 3 * 86_400 {
                batch.append(intents[j])
                j += 1
            }
            i = j
            var typology = Typology(rawValue: r.chance(0.6) ? r.pick(plan.favourites) : r.below(8))!
            if typology.gathers && batch.count < 2 { typology = r.chance(0.5) ? .fanOut : .random }
            // Payments land in collector accounts.
            var sources: [Holding] = []
            let collectors = r.sample(min(plan.collectors.count, typology.gathers ? batch.count : 1), of: plan.collectors.count).map { plan.collectors[$0] }
            for (k, p) in batch.enumerated() {
                let c = collectors[k % collectors.count]
                let position = log.add(from: p.account, to: c, units: p.units, time: p.time, currency: p.currency, channel: bank,
                                       reference: r.chance(0.5) ? r.pick(scamNotes) : -1)
                payments.append((position, p.victim))
                if let s = sources.firstIndex(where: { $0.account == c }) {
                    sources[s].units += p.units
                    sources[s].time = max(sources[s].time, p.time)
                } else {
                    sources.append(Holding(account: c, units: p.units, time: p.time))
                }
            }
            let start = batch.map(\.time).max()! + Int64(r.int(1800 ... 8 * 3600))
            for s in sources.indices { sources[s].time = start }
            let finals = launder(sources, typology, plan, currency: batch[0].currency, &r)
            for h in finals { endOfLine(h, plan, currency: batch[0].currency, weekly: &weekly, &r) }
        }

        // Brokers sweep the crypto up to the boss once a week.
        let usdt = currencyIndex("USDT"), crypto = UInt8(channels.firstIndex(of: "crypto")!)
        for week in weekly.keys.sorted() {
            let t = startTime + Int64(week * 7 + 6) * 86_400 + Int64(r.int(0 ... 86_399))
            log.add(from: r.pick(plan.brokerWallets), to: plan.bossWallet, units: weekly[week]! * 85 / 100 / 100 * 100,
                    time: t, currency: usdt, channel: crypto)
        }

        // Mules shop and receive a little, to look ordinary.
        for a in plan.collectors + plan.layers {
            let currency = currencyIndex(Geography.country(plan.accountCountry[a] ?? "US").currency)
            for _ in 0 ..< r.poisson(Double(months) * 0.7) {
                log.add(from: a, to: shops[shopZipf.draw(&r)], units: units(r.logNormal(mu: 3.3, sigma: 0.8)),
                        time: timeBetween(days: 0, span, &r), currency: currency, channel: card)
            }
            if !bystanders.isEmpty {
                for _ in 0 ..< r.poisson(Double(months) * 0.2) {
                    let b = bystanders[r.below(bystanders.count)]
                    log.add(from: b.account, to: a, units: units(r.logNormal(mu: 4.0, sigma: 0.8)),
                            time: timeBetween(days: 0, span, &r), currency: currency, channel: bank)
                }
            }
        }
    }

    // MARK: - Typologies

    /// Moves `sources` through the ring's layer accounts in the shape of `typology`;
    /// returns where the money ends up.
    private mutating func launder(_ sources: [Holding], _ typology: Typology, _ plan: RingPlan, currency: UInt8, _ r: inout SeededRandom) -> [Holding] {
        let layers = plan.layers.isEmpty ? plan.collectors : plan.layers
        let bank = UInt8(channels.firstIndex(of: "bank")!)
        func pick(_ k: Int, excluding: Set<Int32>) -> [Int32] {
            let pool = layers.filter { !excluding.contains($0) }
            return r.sample(min(k, pool.count), of: pool.count).map { pool[$0] }
        }
        func hop(_ from: Holding, to: Int32, share: Double = 1) -> Holding {
            let t = from.time + Int64(r.int(600 ... 6 * 3600))
            let amount = max(100, Int64(Double(from.units) * share * (0.985 + 0.014 * r.unit())) / 100 * 100)
            let position = log.add(from: from.account, to: to, units: amount, time: t, currency: currency, channel: bank)
            laundering.append((position, plan.number, UInt8(typology.rawValue)))
            return Holding(account: to, units: amount, time: t)
        }
        func split(_ k: Int) -> [Double] {
            let w = (0 ..< k).map { _ in 0.5 + r.unit() }
            let total = w.reduce(0, +)
            return w.map { $0 / total }
        }
        let used = Set(sources.map(\.account))
        var finals: [Holding] = []
        switch typology {
        case .fanIn:
            guard let x = pick(1, excluding: used).first else { return sources }
            let arrived = sources.map { hop($0, to: x) }
            finals = [Holding(account: x, units: arrived.reduce(0) { $0 + $1.units }, time: arrived.map(\.time).max()!)]
        case .fanOut:
            for s in sources {
                let targets = pick(r.int(3 ... 6), excluding: used)
                for (t, share) in zip(targets, split(targets.count)) { finals.append(hop(s, to: t, share: share)) }
            }
        case .cycle:
            for s in sources {
                var h = s
                for m in pick(r.int(2 ... 4), excluding: used) { h = hop(h, to: m) }
                finals.append(hop(h, to: s.account))
            }
        case .scatterGather:
            for s in sources {
                let middle = pick(r.int(3 ... 5), excluding: used)
                guard let sink = pick(1, excluding: used.union(middle)).first else { finals.append(s); continue }
                let arrived = zip(middle, split(middle.count)).map { hop(hop(s, to: $0.0, share: $0.1), to: sink) }
                finals.append(Holding(account: sink, units: arrived.reduce(0) { $0 + $1.units }, time: arrived.map(\.time).max()!))
            }
        case .gatherScatter:
            guard let hub = pick(1, excluding: used).first else { return sources }
            let arrived = sources.map { hop($0, to: hub) }
            let gathered = Holding(account: hub, units: arrived.reduce(0) { $0 + $1.units }, time: arrived.map(\.time).max()!)
            let sinks = pick(r.int(3 ... 5), excluding: used.union([hub]))
            for (t, share) in zip(sinks, split(sinks.count)) { finals.append(hop(gathered, to: t, share: share)) }
        case .bipartite:
            let targets = pick(r.int(2 ... 4), excluding: used)
            var sums = [Int32: Holding]()
            for s in sources {
                for (t, share) in zip(targets, split(targets.count)) {
                    let h = hop(s, to: t, share: share)
                    sums[t, default: Holding(account: t, units: 0, time: 0)].units += h.units
                    sums[t]!.time = max(sums[t]!.time, h.time)
                }
            }
            finals = targets.compactMap { sums[$0] }
        case .stack:
            for s in sources {
                let first = pick(r.int(2 ... 3), excluding: used)
                let second = pick(r.int(2 ... 3), excluding: used.union(first))
                var sums = [Int32: Holding]()
                for (a, shareA) in zip(first, split(first.count)) {
                    let ha = hop(s, to: a, share: shareA)
                    for (b, shareB) in zip(second, split(second.count)) {
                        let hb = hop(ha, to: b, share: shareB)
                        sums[b, default: Holding(account: b, units: 0, time: 0)].units += hb.units
                        sums[b]!.time = max(sums[b]!.time, hb.time)
                    }
                }
                finals += second.compactMap { sums[$0] }
            }
        case .random:
            for s in sources {
                var h = s
                var visited = used
                for _ in 0 ..< r.int(3 ... 6) {
                    guard let next = pick(1, excluding: visited).first else { break }
                    visited.insert(next)
                    h = hop(h, to: next)
                }
                finals.append(h)
            }
        case .cashOut:
            finals = sources
        }
        return finals
    }

    /// The end of the line: cash withdrawals (most), a change into crypto through the
    /// exchange, or money left sitting in the account (what can still be frozen).
    private mutating func endOfLine(_ h: Holding, _ plan: RingPlan, currency: UInt8, weekly: inout [Int: Int64], _ r: inout SeededRandom) {
        let u = r.unit()
        if u < 0.45 {
            let country = plan.accountCountry[h.account] ?? plan.country
            let desk = outsideAccount("CASH-" + country)
            let cashOut = UInt8(channels.firstIndex(of: "cash_out")!)
            var left = Int64(Double(h.units) * (0.85 + 0.15 * r.unit())) / 100 * 100
            var t = h.time
            for _ in 0 ..< 4 where left > 0 {
                let chunk = min(left, 5000 * 10_000)
                t += Int64(r.int(3600 ... 12 * 3600))
                let position = log.add(from: h.account, to: desk, units: chunk, time: t, currency: currency, channel: cashOut)
                laundering.append((position, plan.number, UInt8(Typology.cashOut.rawValue)))
                left -= chunk
            }
        } else if u < 0.75 {
            let bank = UInt8(channels.firstIndex(of: "bank")!), crypto = UInt8(channels.firstIndex(of: "crypto")!)
            let deposit = exchangeAccounts[min(Int(currency), exchangeAccounts.count - 1)]
            let sent = Int64(Double(h.units) * (0.95 + 0.05 * r.unit())) / 100 * 100
            let t = h.time + Int64(r.int(1800 ... 24 * 3600))
            log.add(from: h.account, to: deposit, units: sent, time: t, currency: currency, channel: bank)
            let rate = [1.0, 1.08, 1.27, 1.0][Int(currency)]
            let usdt = Int64(Double(sent) * rate * 0.99) / 100 * 100
            let t2 = t + Int64(r.int(3600 ... 12 * 3600))
            log.add(from: exchangeWallet, to: r.pick(plan.brokerWallets), units: usdt, time: t2, currency: currencyIndex("USDT"), channel: crypto)
            weekly[Int((t2 - startTime) / (7 * 86_400)), default: 0] += usdt
        }
    }
}
