import FraudGraph
import Testing
@testable import Hierarchy

@Suite struct DenPlacementTests {
    /// Two dens; people placed on each kind of grounds.
    struct Fixture {
        let c: Case
        init() throws {
            var b = CaseBuilder()
            func person(_ id: String, role: String = "") throws -> Int32 { try b.addEntity(id: id, kind: .person, role: role) }
            let d1 = try b.addEntity(id: "D1", kind: .den), d2 = try b.addEntity(id: "D2", kind: .den)
            let org = try b.addEntity(id: "Gang", kind: .organization)
            try b.addLink(source: org, target: d2, kind: .locatedAt)
            let wifi = try b.addEntity(id: "WIFI", kind: .ip), phone = try b.addEntity(id: "PH", kind: .device)
            try b.addLink(source: wifi, target: d1, kind: .locatedAt)
            try b.addLink(source: phone, target: d2, kind: .locatedAt)
            let a = try person("A"), bb = try person("B"), c = try person("C")
            try b.addLink(source: a, target: d1, kind: .locatedAt)
            try b.addLink(source: bb, target: d2, kind: .memberOf)
            try b.addLink(source: c, target: org, kind: .memberOf)       // D2 through its organisation
            // Recorded beats infrastructure: A is recorded at D1 and uses D2's device.
            try b.addLink(source: a, target: phone, kind: .uses)
            let e = try person("E")                                       // two D1 things beat one D2 thing
            let cam = try b.addEntity(id: "CAM", kind: .device)
            try b.addLink(source: cam, target: d1, kind: .locatedAt)
            try b.addLink(source: e, target: wifi, kind: .uses); try b.addLink(source: e, target: cam, kind: .owns)
            try b.addLink(source: e, target: phone, kind: .uses)
            let f = try person("F"), g = try person("G"), v = try person("V", role: "Victim")
            try b.addLink(source: a, target: f, kind: .manages)            // ties to D1
            try b.addLink(source: v, target: a, kind: .recruited)          // a victim: not placed by ties
            _ = g                                                          // only in a ring with B
            _ = try person("H")                                            // nothing at all
            self.c = b.freeze()
        }
    }

    func roster(rings: [Int32]? = nil) throws -> (Case, DenRoster) {
        let c = try Fixture().c
        let owners = AccountOwners(c)
        let commands = CommandGraph(c, owners: owners)
        let victims = VictimMoney(c, owners: owners)
        return (c, DenPlacement().run(on: c, commands: commands, owners: owners, victims: victims, rings: rings))
    }

    func den(_ c: Case, _ r: DenRoster, _ id: String) -> (String?, DenRoster.Basis) {
        let e = Int(c.entities.index(of: id)!)
        return (r.denOf[e] >= 0 ? c.entities.id(r.dens[Int(r.denOf[e])]) : nil, r.basis[e])
    }

    @Test func surerGroundsComeFirst() throws {
        let (c, r) = try roster()
        #expect(den(c, r, "A") == ("D1", .recorded))
        #expect(den(c, r, "B") == ("D2", .recorded))
        #expect(den(c, r, "C") == ("D2", .recorded))
        #expect(den(c, r, "E") == ("D1", .sharedInfrastructure))
        #expect(den(c, r, "F") == ("D1", .ties))
        #expect(den(c, r, "V") == (nil, .none))
        #expect(den(c, r, "G") == (nil, .none))
        #expect(den(c, r, "H") == (nil, .none))
        #expect(r.members(ofDen: 0).map { c.entities.id($0) } == ["A", "E", "F"])
        #expect(r.countByBasis()[.recorded] == 3)
    }

    @Test func ringsPlaceTheUnrecorded() throws {
        let c = try Fixture().c
        var rings = [Int32](repeating: -1, count: c.entities.count)
        for id in ["B", "G", "V", "H"] { rings[Int(c.entities.index(of: id)!)] = 7 }
        let (_, r) = try roster(rings: rings)
        #expect(den(c, r, "G") == ("D2", .ring))
        #expect(den(c, r, "H") == ("D2", .ring))
        #expect(den(c, r, "V") == (nil, .none))   // victims are not placed by rings
    }
}

@Suite struct MoneyLayerTests {
    /// A recruits mule M1; a victim pays M1, M1 passes the money to M2, M2 to a shop;
    /// a bystander pays M1 a little; Z is in A's crew (an organisation with no den).
    struct Fixture {
        let c: Case
        init() throws {
            var b = CaseBuilder()
            var account: [String: Int32] = [:]
            func person(_ id: String, role: String = "") throws -> Int32 {
                let p = try b.addEntity(id: id, kind: .person, role: role)
                account[id] = try b.addEntity(id: "A_" + id, kind: .account)
                try b.addLink(source: p, target: account[id]!, kind: .owns)
                return p
            }
            let den = try b.addEntity(id: "D1", kind: .den)
            let crew = try b.addEntity(id: "Crew", kind: .organization)
            let a = try person("A"), m1 = try person("M1"), m2 = try person("M2"), z = try person("Z")
            _ = try person("V", role: "victim")
            _ = try person("BY")
            let shop = try b.addEntity(id: "SHOP", kind: .account)
            try b.addLink(source: a, target: den, kind: .locatedAt)
            try b.addLink(source: a, target: crew, kind: .memberOf)
            try b.addLink(source: z, target: crew, kind: .memberOf)
            try b.addLink(source: a, target: m1, kind: .recruited)
            try b.addTransfer(id: "T1", from: account["V"]!, to: account["M1"]!, amount: Money(whole: 1000), time: 10)
            try b.addTransfer(id: "T2", from: account["BY"]!, to: account["M1"]!, amount: Money(whole: 20), time: 11)
            try b.addTransfer(id: "T3", from: account["M1"]!, to: account["M2"]!, amount: Money(whole: 950), time: 20)
            try b.addTransfer(id: "T4", from: account["M2"]!, to: shop, amount: Money(whole: 900), time: 30)
            _ = m2
            c = b.freeze()
        }
    }

    @Test func theLayerFollowsVictimsMoneyThroughOutsiders() throws {
        let c = try Fixture().c
        let report = DenHierarchy().run(on: c)
        let roster = report.roster
        func id(_ s: String) -> Int { Int(c.entities.index(of: s)!) }
        #expect(roster.moneyLayer[id("A_M1")] && roster.moneyLayer[id("A_M2")])
        #expect(!roster.moneyLayer[id("SHOP")] && !roster.moneyLayer[id("A_BY")] && !roster.moneyLayer[id("A_V")])
        // M1 through A's recruitment, M2 in round 2 through the layer; the bystander
        // who paid M1 once and the victim stay out; Z through the crew.
        #expect(roster.basis[id("M1")] == .ties && roster.basis[id("M2")] == .ties)
        #expect(roster.denOf[id("BY")] == -1 && roster.denOf[id("V")] == -1)
        #expect(roster.basis[id("Z")] == .organization && roster.denOf[id("Z")] == 0)
        let roles = Dictionary(uniqueKeysWithValues: report.charts[0].people.map { (c.entities.id($0.person), $0.role) })
        #expect(roles["M1"] == .mule && roles["M2"] == .mule)
    }
}

@Suite struct BossTests {
    /// B pays five staff and manages M; M calls B twice (up), and manages W1 and W2.
    @Test func aStrayCallUpDoesNotUnseatTheBoss() throws {
        var b = CaseBuilder()
        var index: [String: Int32] = [:]
        let den = try b.addEntity(id: "D", kind: .den)
        for p in ["B", "M", "W1", "W2", "W3", "W4"] {
            index[p] = try b.addEntity(id: p, kind: .person)
            index["A_" + p] = try b.addEntity(id: "A_" + p, kind: .account)
            try b.addLink(source: index[p]!, target: index["A_" + p]!, kind: .owns)
            try b.addLink(source: index[p]!, target: den, kind: .locatedAt)
        }
        try b.addLink(source: index["M"]!, target: index["B"]!, kind: .contacted, weight: 2)
        try b.addLink(source: index["M"]!, target: index["W1"]!, kind: .manages)
        try b.addLink(source: index["M"]!, target: index["W2"]!, kind: .manages)
        try b.addLink(source: index["B"]!, target: index["M"]!, kind: .manages)
        let float = try b.addEntity(id: "FLOAT", kind: .account)
        try b.addTransfer(id: "F", from: float, to: index["A_B"]!, amount: Money(whole: 100_000), time: 1)
        for (k, p) in ["M", "W1", "W2", "W3", "W4"].enumerated() {
            try b.addTransfer(id: "S\(k)", from: index["A_B"]!, to: index["A_" + p]!, amount: Money(whole: 500), time: 10 + Int64(k))
        }
        let chart = DenHierarchy().run(on: b.freeze()).charts[0]
        #expect(chart.people[0].person == index["B"]! && chart.people[0].role == .boss && chart.people[0].level == 0)
        // M is below B on balance (manages 4 + salary 1 against calls 0.5 log2 3).
        let m = try #require(chart.people.first { $0.person == index["M"]! })
        #expect(m.below.map(\.other) == [index["B"]!])
    }
}
