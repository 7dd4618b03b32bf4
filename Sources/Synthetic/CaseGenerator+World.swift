import FraudGraph

/// One ordinary person of the background population.
struct Bystander {
    var person: Int32
    var account: Int32
    var country: UInt8
    /// Account of the employer that pays a salary, or -1.
    var employer: Int32
}

extension GenerationState {
    // MARK: - The legitimate world

    /// Exchanges, employers, shops and the ordinary people among whom rings hide.
    mutating func makeWorld() {
        var r = random(1)
        let countryChoice = WeightedChoice(Geography.backgroundCountries)

        // A crypto exchange: a hub that many rings pass money through.
        let exchange = entity("O", .organization, name: "CoinHarbor Exchange", country: "SG")
        setAttribute(sectorColumn, exchange, "crypto exchange")
        for (currency, country) in [("USD", "SG"), ("EUR", "NL"), ("GBP", "GB")] {
            let a = account(of: exchange, country: country, ring: -1, &r)
            builder.setAttribute(.entities, "currency", row: a, currency)
            exchangeAccounts.append(a)
        }
        exchangeWallet = entity("W", .wallet, name: "CoinHarbor hot wallet")
        link(exchange, exchangeWallet, .owns)

        for _ in 0 ..< settings.employers {
            let country = countryChoice.draw(&r)
            let org = entity("O", .organization, name: "\(r.pick(Geography.denWords)) \(r.pick(Geography.employerWords))", country: country)
            setAttribute(sectorColumn, org, "employer")
            employers.append(account(of: org, country: country, ring: -1, &r))
        }
        for _ in 0 ..< settings.shops {
            let country = countryChoice.draw(&r)
            let org = entity("O", .organization, name: "\(r.pick(Geography.denWords)) \(r.pick(Geography.shopWords))", country: country)
            setAttribute(sectorColumn, org, "retail")
            shops.append(account(of: org, country: country, ring: -1, &r))
        }
        shopZipf = ZipfTable(count: shops.count, exponent: 1.1)
        employerZipf = ZipfTable(count: employers.count, exponent: 1.0)

        bystanders.reserveCapacity(settings.backgroundPeople)
        builder.reserve(entities: settings.backgroundPeople * 3)
        var phoneOwners: [Int32] = []
        for _ in 0 ..< settings.backgroundPeople {
            let country = countryChoice.draw(&r)
            let person = entity("P", .person, name: Geography.personName(country, &r), country: country)
            let first = account(of: person, country: country, ring: -1, observed: 0.97, &r)
            if r.chance(0.25) { _ = account(of: person, country: country, ring: -1, observed: 0.9, &r) }
            if r.chance(0.35) {
                let phone = entity("PH", .phone, name: phoneNumber(country, &r), country: country)
                link(person, phone, .owns)
                phoneOwners.append(Int32(bystanders.count))
            }
            let employer = r.chance(0.7) ? employers[employerZipf.draw(&r)] : -1
            bystanders.append(Bystander(person: person, account: first, country: UInt8(Geography.index[country]!), employer: employer))
            peopleByCountry[country, default: []].append(Int32(bystanders.count - 1))
        }
        // Friends call each other.
        for owner in phoneOwners {
            let b = bystanders[Int(owner)]
            for _ in 0 ..< r.poisson(0.6) {
                let friend = friendOf(b, &r)
                if friend.person != b.person { link(b.person, friend.person, .contacted, weight: Double(1 + r.poisson(3))) }
            }
        }
    }

    /// Someone from the same country, most of the time.
    func friendOf(_ b: Bystander, _ r: inout SeededRandom) -> Bystander {
        let code = Geography.countries[Int(b.country)].code
        if let pool = peopleByCountry[code], pool.count > 1, r.chance(0.9) {
            return bystanders[Int(pool[r.below(pool.count)])]
        }
        return bystanders[r.below(bystanders.count)]
    }

    // MARK: - Background money

    /// Salaries, shopping and transfers between friends, month after month.
    mutating func makeBackgroundTransfers() {
        var r = random(2)
        let expected = Double(bystanders.count) * Double(months) * (0.7 + settings.purchasesPerMonth + settings.transfersToFriendsPerMonth)
        log.reserve(log.count + Int(expected * 1.05))
        let bank = UInt8(channels.firstIndex(of: "bank")!), card = UInt8(channels.firstIndex(of: "card")!)
        let ewallet = UInt8(channels.firstIndex(of: "ewallet")!)
        let salaryRefs = (0 ..< months).map { m in reference("salary " + Timestamp.iso8601(startTime + Int64(m * 30 + 25) * 86_400).prefix(7)) }
        let currencyOfCountry = Geography.countries.map { currencyIndex($0.currency) }
        let span = Double(settings.days)
        for b in bystanders {
            let currency = currencyOfCountry[Int(b.country)]
            if b.employer >= 0 {
                let base = r.logNormal(mu: 8.0, sigma: 0.35)
                for m in 0 ..< months {
                    let t = startTime + Int64(m * 30 + 25) * 86_400 + Int64(r.int(8 * 3600 ... 17 * 3600))
                    if t >= endTime { break }
                    log.add(from: b.employer, to: b.account, units: units(base * (0.97 + 0.06 * r.unit())), time: t,
                            currency: currency, channel: bank, reference: r.chance(0.6) ? salaryRefs[m] : -1)
                }
            }
            for _ in 0 ..< r.poisson(settings.purchasesPerMonth * Double(months)) {
                let shop = shops[shopZipf.draw(&r)]
                log.add(from: b.account, to: shop, units: units(r.logNormal(mu: 3.5, sigma: 1.0)),
                        time: timeBetween(days: 0, span, &r), currency: currency, channel: card)
            }
            for _ in 0 ..< r.poisson(settings.transfersToFriendsPerMonth * Double(months)) {
                let friend = friendOf(b, &r)
                guard friend.person != b.person else { continue }
                log.add(from: b.account, to: friend.account, units: units(r.logNormal(mu: 4.5, sigma: 1.0)),
                        time: timeBetween(days: 0, span, &r), currency: currency, channel: r.chance(0.3) ? ewallet : bank)
            }
        }
    }

    /// Honest cash withdrawals at the desks of each person's country (the same outside
    /// accounts the rings' withdrawals go to), on their own random stream so that the
    /// rest of the case does not change with them.
    mutating func makeCashWithdrawals() {
        var r = random(4)
        let cashOut = UInt8(channels.firstIndex(of: "cash_out")!)
        let currencyOfCountry = Geography.countries.map { currencyIndex($0.currency) }
        let span = Double(settings.days)
        let perPerson = settings.cashWithdrawalsPerMonth * Double(months)
        for b in bystanders where r.chance(settings.cashUsers) {
            let country = Geography.countries[Int(b.country)].code
            for _ in 0 ..< r.poisson(perPerson) {
                // Round sums, as cash machines give them: 20 to about 500.
                let whole = max(20, (r.logNormal(mu: 4.6, sigma: 0.7) / 20).rounded() * 20)
                log.add(from: b.account, to: outsideAccount("CASH-" + country), units: units(whole),
                        time: timeBetween(days: 0, span, &r), currency: currencyOfCountry[Int(b.country)], channel: cashOut)
            }
        }
    }

    /// Money in 1/10,000 units, rounded to the cent.
    func units(_ amount: Double) -> Int64 { max(1, Int64((amount * 100).rounded())) * 100 }
}
