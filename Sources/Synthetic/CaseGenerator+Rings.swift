import FraudGraph

extension GenerationState {
    // MARK: - Dens and the people in them

    /// Every ring: its den, hierarchy, phones, devices, IPs, accounts and ties, with
    /// partial and noisy observation; then a few ties that cross rings.
    mutating func makeRings() {
        for number in 1 ... settings.rings {
            var r = random(1000 + UInt64(number))
            rings.append(makeRing(Int32(number), &r))
        }
        var r = random(3)
        // Bosses and brokers of different rings know each other.
        if rings.count > 1 {
            for _ in 0 ..< max(1, rings.count / 2) {
                let pair = r.sample(2, of: rings.count)
                let a = rings[pair[0]], b = rings[pair[1]]
                let x = r.chance(0.5) ? a.boss : r.pick(a.brokers), y = r.chance(0.5) ? b.boss : r.pick(b.brokers)
                link(x, y, .contacted, weight: Double(r.int(1 ... 3)))
            }
            // VPN exit addresses used from more than one den.
            for _ in 0 ..< max(1, rings.count / 8) {
                let ip = entity("IP", .ip, name: ipAddress(&r))
                for k in r.sample(2, of: rings.count) {
                    let member = r.pick(rings[k].workers + rings[k].leaders)
                    link(member, ip, .uses)
                }
            }
        }
    }

    private mutating func makeRing(_ number: Int32, _ r: inout SeededRandom) -> RingPlan {
        let s = settings
        let country = WeightedChoice(Geography.denCountries).draw(&r)
        let denName = "\(r.pick(Geography.denWords)) \(r.pick(Geography.denWords)) \(r.pick(Geography.denPlaces))"
        let den = entity("D", .den, name: denName, country: country, ring: number)
        var plan = RingPlan(number: number, den: den, country: country)
        let org = entity("O", .organization, name: "\(r.pick(Geography.denWords)) \(r.pick(Geography.denWords)) Group", country: country, ring: number)
        setAttribute(sectorColumn, org, "online gaming")
        let staffCountry = WeightedChoice(Geography.denStaffCountries)
        let victimChoice = WeightedChoice(Geography.victimCountries)
        while plan.victimCountries.count < r.int(2 ... 4) {
            let c = victimChoice.draw(&r)
            if !plan.victimCountries.contains(c) { plan.victimCountries.append(c) }
        }
        plan.favourites = r.sample(3, of: 8)

        // The den's internet addresses.
        var ips: [Int32] = []
        for _ in 0 ..< r.int(2 ... 4) {
            let ip = entity("IP", .ip, name: ipAddress(&r), country: country, ring: number)
            link(ip, den, .locatedAt)
            ips.append(ip)
        }

        // People, top down.
        func person(_ role: String, rank: Int, home: String, suspect: Double, located: Double) -> Int32 {
            let p = entity("P", .person, name: Geography.personName(home, &r), country: home,
                           role: r.chance(suspect) ? (role == "mule" ? "mule" : "suspect") : "", ring: number)
            roles.append(GroundTruth.Role(person: p, den: den, role: role, rank: rank))
            if r.chance(located) { link(p, den, .locatedAt) }
            if role != "mule" && r.chance(0.3) { link(p, org, .memberOf) }
            if r.chance(0.9) {
                let phone = entity("PH", .phone, name: phoneNumber(role == "mule" ? home : country, &r), country: role == "mule" ? home : country, ring: number)
                if r.chance(0.85) { link(p, phone, .owns) }
                plan.phones[p] = phone
            }
            if role != "mule" && r.chance(0.6) { link(p, r.pick(ips), .uses) }
            return p
        }
        plan.boss = person("boss", rank: 0, home: staffCountry.draw(&r), suspect: 0.6, located: 0.4)
        for _ in 0 ..< r.int(s.managers) {
            plan.managers.append(person("manager", rank: 1, home: staffCountry.draw(&r), suspect: 0.5, located: 0.5))
        }
        for _ in 0 ..< r.int(s.brokers) {
            plan.brokers.append(person("broker", rank: 1, home: staffCountry.draw(&r), suspect: 0.4, located: 0.3))
        }
        var teams: [(leader: Int32, manager: Int32, workers: [Int32])] = []
        for m in plan.managers {
            for _ in 0 ..< r.int(s.leadersPerManager) {
                let leader = person("leader", rank: 2, home: staffCountry.draw(&r), suspect: 0.5, located: 0.6)
                var team: [Int32] = []
                for _ in 0 ..< r.int(s.workersPerLeader) {
                    team.append(person("worker", rank: 3, home: staffCountry.draw(&r), suspect: 0.4, located: 0.65))
                }
                plan.leaders.append(leader)
                plan.workers += team
                teams.append((leader, m, team))
            }
        }
        var recruiterBoss: [Int32] = []
        for _ in 0 ..< r.int(s.recruiters) {
            plan.recruiters.append(person("recruiter", rank: 2, home: staffCountry.draw(&r), suspect: 0.4, located: 0.4))
            recruiterBoss.append(r.pick(plan.managers))
        }
        for _ in 0 ..< r.int(s.mules) {
            plan.mules.append(person("mule", rank: 4, home: r.pick(plan.victimCountries), suspect: 0.3, located: 0))
        }

        // Who commands whom: each tie is known only sometimes.
        func command(_ boss: Int32, _ sub: Int32, calls: Double) {
            if r.chance(0.65) { link(boss, sub, .manages) }
            if r.chance(0.85) { contact(boss, sub, weight: 1 + r.poisson(calls), &r, plan) }
            if r.chance(0.7) { contact(sub, boss, weight: 1 + r.poisson(calls * 0.4), &r, plan) }
        }
        for m in plan.managers { command(plan.boss, m, calls: 25) }
        for b in plan.brokers { command(plan.boss, b, calls: 20) }
        for t in teams {
            command(t.manager, t.leader, calls: 20)
            for w in t.workers { command(t.leader, w, calls: 15) }
            // Callers in a team talk among themselves.
            for (i, a) in t.workers.enumerated() {
                for b in t.workers[(i + 1)...] where r.chance(0.3) {
                    contact(a, b, weight: 1 + r.poisson(3), &r, plan)
                    contact(b, a, weight: 1 + r.poisson(3), &r, plan)
                }
            }
            // A shared computer per team.
            let device = entity("DV", .device, name: "Workstation \(r.int(100 ... 999))", country: country, ring: number)
            if r.chance(0.5) { link(device, den, .locatedAt) }
            for p in [t.leader] + t.workers where r.chance(0.8) { link(p, device, .uses) }
        }
        for (k, rec) in plan.recruiters.enumerated() { command(recruiterBoss[k], rec, calls: 10) }
        for p in [plan.boss] + plan.managers {
            let device = entity("DV", .device, name: "Phone handset \(r.int(100 ... 999))", country: country, ring: number)
            link(p, device, .owns)
        }
        // Recruiters bring in callers and mules.
        for w in plan.workers where r.chance(0.4) {
            if r.chance(0.7) { link(r.pick(plan.recruiters), w, .recruited) }
        }
        for m in plan.mules {
            let recruiter = r.pick(plan.recruiters)
            if r.chance(0.7) { link(recruiter, m, .recruited) }
            if r.chance(0.6) { contact(recruiter, m, weight: 1 + r.poisson(4), &r, plan) }
            let broker = r.pick(plan.brokers)
            if r.chance(0.7) { contact(broker, m, weight: 1 + r.poisson(8), &r, plan) }
            if r.chance(0.5) { contact(m, broker, weight: 1 + r.poisson(3), &r, plan) }
        }
        // The boss sometimes appears under a second name.
        if r.chance(0.3) {
            let alias = entity("P", .person, name: Geography.personName(staffCountry.draw(&r), &r), ring: number)
            link(alias, plan.boss, .sameAs)
        }

        // Money: the payroll, salary accounts, wallets, mule accounts.
        plan.payroll = account(of: plan.boss, country: country, ring: number, observed: 0.9, &r)
        plan.bossWallet = entity("W", .wallet, ring: number)
        if r.chance(0.8) { link(plan.boss, plan.bossWallet, .owns) }
        func paid(_ people: [Int32], _ pay: ClosedRange<Double>, ewallet: Double) {
            for p in people {
                let useEwallet = r.chance(ewallet)
                let a = account(of: p, country: country, ring: number, observed: 0.9, &r)
                plan.salaries.append((a, pay.lowerBound + (pay.upperBound - pay.lowerBound) * r.unit(), useEwallet))
            }
        }
        paid(plan.managers, 3000 ... 5000, ewallet: 0.2)
        paid(plan.leaders, 1500 ... 2500, ewallet: 0.4)
        paid(plan.workers, 400 ... 900, ewallet: 0.7)
        paid(plan.recruiters, 1200 ... 2000, ewallet: 0.4)
        for b in plan.brokers {
            let wallet = entity("W", .wallet, ring: number)
            if r.chance(0.85) { link(b, wallet, .owns) }
            plan.brokerWallets.append(wallet)
            plan.brokerAccounts.append(account(of: b, country: country, ring: number, observed: 0.9, &r))
        }
        var muleAccounts: [Int32] = []
        for m in plan.mules {
            let home = builder.entities.countryOf(m) ?? r.pick(plan.victimCountries)
            for _ in 0 ..< r.int(1 ... 3) {
                let a = account(of: m, country: home, ring: number, observed: 0.95, &r)
                plan.accountCountry[a] = home
                muleAccounts.append(a)
            }
        }
        let collectorCount = max(2, muleAccounts.count * 2 / 5)
        plan.collectors = Array(muleAccounts[0 ..< collectorCount])
        plan.layers = Array(muleAccounts[collectorCount...])
        return plan
    }

    /// A call record: between the people, or (a quarter of the time) between their phones.
    private mutating func contact(_ a: Int32, _ b: Int32, weight: Int, _ r: inout SeededRandom, _ plan: RingPlan) {
        if r.chance(0.25), let pa = plan.phones[a], let pb = plan.phones[b] {
            link(pa, pb, .contacted, weight: Double(weight))
        } else {
            link(a, b, .contacted, weight: Double(weight))
        }
    }

    func ipAddress(_ r: inout SeededRandom) -> String {
        "\(r.int(100 ... 203)).\(r.int(0 ... 255)).\(r.int(0 ... 255)).\(r.int(1 ... 254))"
    }
}
