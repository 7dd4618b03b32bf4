/// Who the victims are, and which accounts took their money.
///
/// A victim is a person whose recorded role is `victim`, a person named as victim in
/// a report, or a holder of an account that sent a reported transfer. Victims' money
/// is a reported transfer, or any transfer out of a victim's account.
public struct VictimMoney: Sendable {
    /// True for the persons found to be victims, by entity index.
    public let isVictim: ContiguousArray<Bool>
    /// True for accounts that received victims' money, by entity index.
    public let receivedVictimMoney: ContiguousArray<Bool>
    /// True for victims' accounts: held by a victim, or the sender of a reported transfer.
    public let isVictimAccount: ContiguousArray<Bool>

    /// - Complexity: O(entities + reports + transfers).
    public init(_ c: Case, owners: AccountOwners) {
        let n = c.entities.count
        var victim = ContiguousArray<Bool>(repeating: false, count: n)
        if let code = VictimMoney.victimRoleCode(c.entities) {
            for e in 0 ..< n where c.entities.role[e] == code && c.entities.kind[e] == EntityKind.Code.person { victim[e] = true }
        }
        var received = ContiguousArray<Bool>(repeating: false, count: n)
        for r in 0 ..< c.reports.count {
            let v = c.reports.victim[r]
            if v >= 0 && c.entities.kind[Int(v)] == EntityKind.Code.person { victim[Int(v)] = true }
            let t = Int(c.reports.transfer[r])
            received[Int(c.transfers.target[t])] = true
            for p in owners.holderRange(of: c.transfers.source[t]) { victim[Int(owners.persons[p])] = true }
        }
        // Accounts held by victims, and senders of reported transfers.
        var victimAccount = ContiguousArray<Bool>(repeating: false, count: n)
        for r in 0 ..< c.reports.count { victimAccount[Int(c.transfers.source[Int(c.reports.transfer[r])])] = true }
        for a in 0 ..< n where owners.isHeld(Int32(a)) {
            for p in owners.holderRange(of: Int32(a)) where victim[Int(owners.persons[p])] { victimAccount[a] = true }
        }
        let t = c.transfers
        for i in 0 ..< t.count where victimAccount[Int(t.source[i])] && !victimAccount[Int(t.target[i])] {
            received[Int(t.target[i])] = true
        }
        isVictim = victim
        receivedVictimMoney = received
        isVictimAccount = victimAccount
    }

    /// The code of the role word `victim` in any letter case, if the case uses it.
    static func victimRoleCode(_ e: EntityTable) -> UInt16? {
        for code in 1 ..< e.roles.count where e.roles[UInt16(code)].lowercased() == "victim" { return UInt16(code) }
        return nil
    }
}
