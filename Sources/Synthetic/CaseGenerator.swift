import FraudGraph

/// Makes realistic fraud cases with planted truth.
///
/// A generated case holds dens in several countries, each run as a company (a boss,
/// managers, team leaders and callers, with recruiters and money brokers), the local
/// mules whose accounts launder victims' payments through the AMLSim/AMLworld
/// typologies (fan-in, fan-out, cycle, scatter-gather, gather-scatter, bipartite,
/// stack, random) to cash withdrawals, crypto and accounts that still hold the money;
/// phones, devices and IPs shared inside each ring; and a large legitimate background
/// (employers, shops with heavy-tailed popularity, friends) in which the rings hide.
/// Observation is partial and noisy: only some `manages` ties are known, some calls
/// are logged between phones rather than people, a few ties cross rings, mules buy at
/// popular shops to look ordinary. Victims in many countries report most payments.
///
/// The same preset and seed give the same case, byte for byte.
public struct CaseGenerator: Sendable {
    public var settings: GeneratorSettings
    public var seed: UInt64
    public let presetName: String

    /// The version of the generator: part of every generated case's provenance.
    public static let version = "2"

    public init(preset: Preset, seed: UInt64) {
        settings = preset.settings
        self.seed = seed
        presetName = preset.rawValue
    }

    public init(settings: GeneratorSettings, seed: UInt64) {
        self.settings = settings
        self.seed = seed
        presetName = "custom"
    }

    /// Generates the case. `progress` hears the phase names.
    public func generate(progress: ((String) -> Void)? = nil) -> GeneratedCase {
        var state = GenerationState(settings: settings, seed: seed)
        progress?("people and businesses")
        state.makeWorld()
        progress?("dens")
        state.makeRings()
        progress?("victims and laundering")
        state.makeMoneyFlows()
        progress?("background transfers")
        state.makeBackgroundTransfers()
        state.makeCashWithdrawals()
        progress?("sorting transfers")
        let (c, truth) = state.freeze()
        return GeneratedCase(case: c, truth: truth, provenance: [
            ("generator", "fraudgraph CaseGenerator \(CaseGenerator.version)"),
            ("preset", presetName), ("seed", String(seed)),
            ("entities", String(c.entities.count)), ("links", String(c.links.count)),
            ("transfers", String(c.transfers.count)), ("reports", String(c.reports.count)),
            ("rings", String(truth.ringCount)),
        ])
    }
}

/// Everything the generator accumulates before it freezes the case.
struct GenerationState {
    let settings: GeneratorSettings
    let seed: UInt64
    var builder = CaseBuilder()
    /// Ring of each entity (-1: none), in step with the builder's entities.
    var ringOf: [Int32] = []
    var roles: [GroundTruth.Role] = []
    var log = TransferLog()
    /// (log position, ring, typology index)
    var laundering: [(Int, Int32, UInt8)] = []
    /// (log position of the victim's payment, victim)
    var payments: [(Int, Int32)] = []
    /// Outside accounts by id (cash withdrawal counterparties), referenced as -(k + 1).
    var outsideIDs: [String] = []
    var outsideIndex: [String: Int32] = [:]

    let currencies = ["USD", "EUR", "GBP", "USDT"]
    let channels = ["bank", "ewallet", "crypto", "cash_out", "card"]
    var references: [String] = []
    var referenceIndex: [String: Int32] = [:]

    // Column positions of entity and transfer attributes.
    var bankColumn = 0
    var sectorColumn = 0
    var referenceColumn = 0

    // Counters for readable ids.
    var nextNumber: [String: Int] = [:]

    // The world.
    var bystanders: [Bystander] = []
    /// Positions in `bystanders`, by country code.
    var peopleByCountry: [String: [Int32]] = [:]
    var employers: [Int32] = []   // their accounts
    var shops: [Int32] = []       // their accounts
    var shopZipf = ZipfTable(count: 1, exponent: 1)
    var employerZipf = ZipfTable(count: 1, exponent: 1)
    var exchangeAccounts: [Int32] = []  // by currency index (USD, EUR, GBP)
    var exchangeWallet: Int32 = -1
    var rings: [RingPlan] = []

    var startTime: Int64 { GeneratorSettings.start }
    var endTime: Int64 { GeneratorSettings.start + Int64(settings.days) * 86_400 }
    var months: Int { max(1, settings.days / 30) }

    init(settings: GeneratorSettings, seed: UInt64) {
        self.settings = settings
        self.seed = seed
        bankColumn = builder.addAttributeColumn(.entities, named: "bank")
        sectorColumn = builder.addAttributeColumn(.entities, named: "sector")
        referenceColumn = builder.addAttributeColumn(.transfers, named: "reference")
    }

    func random(_ stream: UInt64) -> SeededRandom { SeededRandom(seed: seed, stream: stream) }

    // MARK: - Entities

    /// A readable id: a prefix and a zero-padded number (`P0000042`).
    mutating func newID(_ prefix: String, width: Int) -> String {
        let n = (nextNumber[prefix] ?? 0) + 1
        nextNumber[prefix] = n
        let digits = String(n)
        return prefix + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Adds an entity (ids are generated, so they never collide).
    @discardableResult
    mutating func entity(_ prefix: String, _ kind: EntityKind, name: String = "", country: String = "", role: String = "", ring: Int32 = -1) -> Int32 {
        let id = newID(prefix, width: prefix.count == 1 ? 7 : 6)
        let e = try! builder.addEntity(id: id, kind: kind, name: name, country: country, role: role)
        ringOf.append(ring)
        return e
    }

    mutating func setAttribute(_ column: Int, _ e: Int32, _ value: String) {
        var v = value
        v.withUTF8 { builder.setAttribute(.entities, column: column, row: e, bytes: $0) }
    }

    /// An account at one of `country`'s banks, owned (and the ownership observed
    /// with probability `observed`) by `owner`.
    mutating func account(of owner: Int32, country: String, ring: Int32, observed: Double = 1, _ r: inout SeededRandom) -> Int32 {
        let a = entity("A", .account, name: "", country: country, ring: ring)
        setAttribute(bankColumn, a, r.pick(Geography.banks(of: country)))
        if owner >= 0 && r.chance(observed) { link(owner, a, .owns) }
        return a
    }

    mutating func link(_ s: Int32, _ t: Int32, _ kind: LinkKind, weight: Double = 1, time: Int64 = Timestamp.absent) {
        try! builder.addLink(source: s, target: t, kind: kind, time: time, weight: weight)
    }

    /// A phone number in `country`'s format.
    func phoneNumber(_ country: String, _ r: inout SeededRandom) -> String {
        let prefix = Geography.country(country).phonePrefix
        return "\(prefix) \(r.int(10 ... 99)) \(r.int(100 ... 999)) \(r.int(1000 ... 9999))"
    }

    mutating func outsideAccount(_ id: String) -> Int32 {
        if let k = outsideIndex[id] { return k }
        outsideIDs.append(id)
        let k = -Int32(outsideIDs.count)
        outsideIndex[id] = k
        return k
    }

    mutating func reference(_ text: String) -> Int32 {
        if let k = referenceIndex[text] { return k }
        references.append(text)
        let k = Int32(references.count - 1)
        referenceIndex[text] = k
        return k
    }

    func currencyIndex(_ code: String) -> UInt8 { UInt8(currencies.firstIndex(of: code)!) }

    /// A time uniformly inside the observed period (`from` and `to` in days).
    func timeBetween(days from: Double, _ to: Double, _ r: inout SeededRandom) -> Int64 {
        startTime + Int64((from + (to - from) * r.unit()) * 86_400)
    }

    // MARK: - Freezing

    /// Adds the transfers in time order with readable ids, then the reports, and
    /// freezes the case with its truth.
    mutating func freeze() -> (Case, GroundTruth) {
        let order = log.sortedOrder()
        var rowOfLog = [Int32](repeating: 0, count: log.count)
        builder.reserve(transfers: log.count)
        let width = max(7, String(log.count).count)
        let currencyCodes = currencies.map { word in
            var w = word
            return w.withUTF8 { try! builder.currencyCode($0) }
        }
        let channelCodes = channels.map { word in
            var w = word
            return w.withUTF8 { try! builder.channelCode($0) }
        }
        // Outside accounts come into being in the order transfers first name them,
        // as they do when the case folder is read back.
        var outsideEntity = [Int32](repeating: -1, count: outsideIDs.count)
        func meet(_ end: Int32) {
            guard end < 0, outsideEntity[Int(-end - 1)] < 0 else { return }
            var id = outsideIDs[Int(-end - 1)]
            outsideEntity[Int(-end - 1)] = id.withUTF8 { builder.addOutsideAccount(id: $0) }
        }
        for k in order {
            meet(log.from[Int(k)])
            meet(log.to[Int(k)])
        }
        let referenceBytes = references.map { Array($0.utf8) }
        // Gather each column into time order first: one simple loop per column lets
        // the processor overlap its cache misses, where one loop over all columns
        // would wait for each in turn.
        func sorted<T>(_ column: [T]) -> [T] { order.map { column[Int($0)] } }
        let from = sorted(log.from), to = sorted(log.to), amounts = sorted(log.amount), times = sorted(log.time)
        let currencyOf = sorted(log.currency), channelOf = sorted(log.channel), referenceOf = sorted(log.reference)
        for (row, logPosition) in order.enumerated() { rowOfLog[Int(logPosition)] = Int32(row) }
        var idBytes = [UInt8](repeating: UInt8(ascii: "0"), count: width + 1)
        idBytes[0] = UInt8(ascii: "T")
        for row in 0 ..< order.count {
            var n = row + 1
            for d in stride(from: width, through: 1, by: -1) {
                idBytes[d] = UInt8(ascii: "0") + UInt8(n % 10)
                n /= 10
            }
            let amount = Money(units: amounts[row])
            let form = TransferTextForm(amountFractionDigits: max(2, amount.significantFractionDigits), timeStyle: .utc, offsetMinutes: 0)
            let a = from[row] >= 0 ? from[row] : outsideEntity[Int(-from[row] - 1)]
            let b = to[row] >= 0 ? to[row] : outsideEntity[Int(-to[row] - 1)]
            let added = idBytes.withUnsafeBufferPointer { id in
                try! builder.addTransfer(id: id, source: .entity(a), target: .entity(b), amount: amount, time: times[row],
                                         currency: currencyCodes[Int(currencyOf[row])], channel: channelCodes[Int(channelOf[row])],
                                         form: form)
            }
            let ref = referenceOf[row]
            if ref >= 0 {
                referenceBytes[Int(ref)].withUnsafeBufferPointer { builder.setAttribute(.transfers, column: referenceColumn, row: added, bytes: $0) }
            }
        }
        // Outside accounts were created while adding transfers: they are in no ring.
        while ringOf.count < builder.entities.count { ringOf.append(-1) }
        // Reports: most victims report their payments, days later.
        var r = random(90)
        var reportNumber = 0
        for (position, victim) in payments.sorted(by: { rowOfLog[$0.0] < rowOfLog[$1.0] }) where r.chance(0.75) {
            reportNumber += 1
            let row = rowOfLog[position]
            let at = log.time[position] + Int64(r.int(3600 ... 20 * 86_400))
            let id = "R" + String(repeating: "0", count: max(0, 6 - String(reportNumber).count)) + String(reportNumber)
            try! builder.addReport(id: id, transfer: row, victim: victim, reportedAt: at)
        }
        let truthLaundering = laundering
            .map { GroundTruth.Laundering(transfer: rowOfLog[$0.0], ring: $0.1, typology: GroundTruth.typologies[Int($0.2)]) }
            .sorted { $0.transfer < $1.transfer }
        return (builder.freeze(), GroundTruth(ringOfEntity: ringOf, roles: roles, laundering: truthLaundering))
    }
}
