import FraudGraph
@testable import GraphvizExport

/// A case whose every string tries to break out: names, ids, countries, roles,
/// kinds and a currency with DOT, HTML, XML and escape syntax in them.
enum HostileCase {
    static let names: [String] = [
        #"Robert"]; n0 -> n1 [label="pwned"#,
        #"a\"b\\c\"#,
        "first line\nsecond line",
        "<script>alert(1)</script>",
        "} digraph evil { x -> y",
        "Tom & Jerry &amp; &lt;b&gt; &#92;",
        "<<TABLE><TR><TD>cell</TD></TR></TABLE>> <B>bold</B>",
        #"\N \G \E \T \H \L \l \r \n"#,
        "javascript:alert(1) URL=\"http://evil.example\" href=x onload=alert(1)",
        "💰🇰🇭 Mule 👩‍👩‍👧 ünïcødé 中文 العربية",
        "]]> <!-- comment --> <?xml version=\"1.0\"?>",
        "'single' \"double\" `back`",
    ]
    /// About 10 kB, with syntax all through it.
    static let longName = String(repeating: "Ab\"<&\\> ]; ", count: 850)
    /// Control characters, which XML cannot carry: drawn as U+FFFD.
    static let controlName = "bell\u{07}null\u{00}del\u{7F}end"

    struct Built {
        let c: Case
        let people: [Int32]
        let den: Int32
        let accounts: [Int32]
        let seeds: [Int32]
    }

    static func build() throws -> Built {
        var b = CaseBuilder()
        let den = try b.addEntity(id: "DEN\"<1>", kind: .den, name: "Den \"<b>Evil</b>\" & co", country: "K\"H")
        var people: [Int32] = []
        var accounts: [Int32] = []
        for (i, name) in (names + [longName, controlName]).enumerated() {
            let p = try b.addEntity(id: "P\(i)\"];<x>", kind: .person, name: name, country: "<C\(i)>", role: i == 0 ? "boss\"]" : "worker<&>")
            people.append(p)
            try b.addLink(source: p, target: den, kind: .locatedAt)
            let a = try b.addEntity(id: "A\(i)\\\"", kind: .account, name: "acct " + name, country: "&\(i)")
            try b.addLink(source: p, target: a, kind: .owns)
            accounts.append(a)
        }
        for i in 1 ..< people.count { try b.addLink(source: people[0], target: people[i], kind: .manages) }
        try b.addLink(source: people[1], target: people[2], kind: LinkKind("knows\"]; x -> y [color=red"))
        let robot = try b.addEntity(id: "R<1>", kind: EntityKind("robot\"<i>"), name: "R2 \"D2\"")
        try b.addLink(source: people[3], target: robot, kind: .uses)
        var seeds: [Int32] = []
        for i in 0 ..< accounts.count - 1 {
            let t = try b.addTransfer(id: "T\(i)\"", from: accounts[i], to: accounts[i + 1], amount: Money(whole: Int64(1000 - i * 10)),
                                      time: 1_700_000_000 + Int64(i) * 3600, currency: i % 2 == 0 ? "US<D>\"" : "USD", channel: i == accounts.count - 2 ? "cash_out" : "")
            if i < 2 { seeds.append(t) }
        }
        try b.addReport(id: "R\"1", transfer: seeds[0], victim: people[1])
        return Built(c: b.freeze(), people: people, den: den, accounts: accounts, seeds: seeds)
    }
}
