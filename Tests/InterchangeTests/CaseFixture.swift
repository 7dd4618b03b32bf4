import Foundation

/// A case folder written to a temporary directory for one test, removed after.
final class CaseFixture {
    let path: String

    init(_ files: [String: String]) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("fg-case-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, text) in files { try write(name, Data(text.utf8)) }
    }

    func write(_ name: String, _ data: Data) throws {
        try data.write(to: URL(fileURLWithPath: path + "/" + name))
    }

    /// A sibling path for outputs.
    func sibling(_ name: String) -> String { path + "-" + name }

    deinit {
        let fm = FileManager.default
        try? fm.removeItem(atPath: path)
        for suffix in ["out", "out2", "export", "rejects.csv"] { try? fm.removeItem(atPath: path + "-" + suffix) }
    }
}

/// A small case a person can count by eye: 3 people, 4 accounts (one outside), a den.
let handMadeCase: [String: String] = [
    "entities.csv": """
    id,kind,name,country,role,Notes
    P1,person,"Lee ""Boss"" Wang",KH,suspect,"has, comma"
    P2,person,Ana Ruiz,ES,victim,
    P3,Person,Tom,,mule,multi
    line
    A1,account,Ana's bank account,ES,,
    A2,account,,KH,,
    A3,wallet,,,,
    D1,den,Golden Lotus Park,KH,,
    PH1,phone,+855 12 345 678,KH,,

    """.replacingOccurrences(of: "multi\nline", with: "\"multi\nline\""),
    "links.csv": """
    source,target,kind,time,weight
    P1,A2,owns,,
    P1,D1,located_at,2024-02-01T00:00:00Z,1
    P3,A3,owns,,
    P1,P3,MANAGES,,
    PH1,P2,contacted,2024-02-10T08:00:00+07:00,2.5
    P1,X9,owns,,

    """,
    "transfers.csv": """
    id,from,to,amount,currency,time,channel,memo
    T1,A1,A2,1250.50,EUR,2024-03-01T10:15:00Z,bank,investment
    T2,A2,A3,1000,EUR,2024-03-01T17:15:00+07:00,crypto,
    T3,A3,X9,200.0001,,1709300000,cash_out,
    T4,A2,X9,0100.5,USD,2024-03-02T00:00:00.5Z,,

    """,
    "reports.csv": """
    id,transfer,victim,reported_at
    R1,T1,P2,2024-03-05T09:00:00Z

    """,
]
