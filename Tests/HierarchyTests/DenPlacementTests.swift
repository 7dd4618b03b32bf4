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
