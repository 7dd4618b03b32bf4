import FraudGraph
import Foundation
@testable import Interchange

/// Hand-made cases for the interchange tests, and ways to compare two cases.
enum InterchangeFixtures {
    /// A new empty folder under the system's temporary folder.
    static func temporaryFolder(_ name: String = #function) -> String {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        let path = NSTemporaryDirectory() + "fg-interchange-\(safe)-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes `files` (name -> text) into a new folder and reads it as a case.
    static func caseFromFiles(_ files: [String: String], name: String = #function) throws -> Case {
        let folder = temporaryFolder(name)
        for (file, text) in files {
            try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/" + file))
        }
        return try CaseFolderReader().read(folder: folder).case
    }

    /// Text that breaks naive writers: quotes, commas, new lines, XML and JSON
    /// metacharacters, emoji, control and invisible characters, a combining accent,
    /// leading and trailing blanks.
    static let hostileName = "  \"Boss\" <b>&amp;</b> 'Ng\u{0065}\u{0301}' , \\ 😀🇰🇭\u{01}\u{1B}[31m\u{200B}\u{7F}\r\nline2\t "
    static let hostileAttribute = "]]> --> <!-- \u{0}".replacingOccurrences(of: "\u{0}", with: "\u{2028}%41%%") + "\u{FFFF}\u{08}"

    /// A small case with every kind, every link kind, outside accounts, exact texts
    /// that differ from FraudGraph's own (`Person`, offsets, Unix seconds, `00012.5`),
    /// attributes on every table, ids FtM does not accept, and hostile strings.
    static func handMadeCase(name: String = #function) throws -> Case {
        func q(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        let entities = """
        id,kind,name,country,role,bank,note,nationality,alias#2,alias
        P1,person,Somchai Rattanakosin,TH,boss,,,,,
        P2,Person,\(q(hostileName)),KH,mule,,\(q(hostileAttribute)),,,
        P3,person,  spaced  name ,kh,victim,,,,,
        ORG1,organization,Golden Triangle Co. <&>,MM,,,,,,
        A1,account,,TH,,Kasikorn,,,,
        A2,account,Acct 2,KH,,ABA,😀 emoji,,,
        W1,wallet,TRX wallet,,,,,,,
        D1,device,iPhone 12,,,,,,,
        PH1,phone,+855 12 345 678,,,,,,,
        IP1,ip,10.0.0.1,,,,,,,
        DEN1,den,KK Park,Narnia,,,,,,
        X1,server,custom kind,US,,,,,,
        weird id/with spaces,person,Weird,,,,,,,
        fg-reserved,person,,,,,,,,
        C1,Company,Front Co,SG,,,,,,
        P4,person,No Country,,,,,th,Lao Er,Lao Da
        P5,person,Gap In Aliases,,,,,,Second Only,

        """
        let transfers = """
        id,from,to,amount,currency,time,channel,memo
        T1,A1,A2,1250.50,USD,2024-03-01T10:15:00Z,bank,
        T2,A2,W1,0.0001,USDT,2024-03-01T17:15:00+07:00,crypto,"memo, with comma"
        T3,A2,OUT1,99,,1709288100,cash_out,
        T4,W1,OUT2,5,USD,2024-03-01 10:15:00+0700,,
        P1,A1,A2,3,USD,2024-03-02T00:00:00Z,,
        T 6,OUT1,A1,00012.5,THB,2024-03-03T00:00:00Z,bank,\(q(hostileName))
        T7,X1,A1,922337203685477.5807,EUR,0999-01-01T00:00:00Z,,

        """
        let links = """
        source,target,kind,time,weight,evidence
        P1,A1,owns,,,
        P2,A2,owns,2024-01-01T00:00:00Z,,
        P1,W1,owns,,,
        P1,P2,manages,,,
        P2,P3,recruited,2024-02-01T00:00:00+07:00,,
        P2,P3,contacted,,12,
        PH1,IP1,contacted,,2.50,
        P2,DEN1,located_at,,,
        P2,ORG1,member_of,,,
        P2,D1,uses,,,
        P1,P2,same_as,,,
        A2,OUT1,custom_tie,,,seen
        ORG1,C1,OWNS,,,\(q(hostileAttribute))
        weird id/with spaces,fg-reserved,knows,,,

        """
        let reports = """
        id,transfer,victim,reported_at,channel_reported
        R1,T1,P3,2024-03-05T09:00:00Z,hotline
        R 2,T3,,,

        """
        return try caseFromFiles(["entities.csv": entities, "transfers.csv": transfers, "links.csv": links, "reports.csv": reports], name: name)
    }

    /// The files `CaseFolderWriter` writes for `c`: every row, column and exact text.
    static func folderText(_ c: Case) throws -> [String: String] {
        let folder = temporaryFolder("folderText") + "/case"
        try CaseFolderWriter().write(c, to: folder)
        var out: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            out[name] = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
        }
        return out
    }

    /// Everything a case holds, by id, in a form two cases can be compared in: what
    /// the case folder says, plus what it leaves implicit (outside accounts, written
    /// forms of amounts and times).
    static func fingerprint(_ c: Case) throws -> [String] {
        var lines: [String] = []
        for (file, text) in try folderText(c).sorted(by: { $0.key < $1.key }) {
            lines.append("== \(file)")
            lines.append(text)
        }
        let e = c.entities
        lines.append("== entities")
        for i in 0 ..< e.count {
            let r = Int32(i)
            lines.append("\(e.ids[r])|\(e.kinds[e.kind[i]])|\(e.name[i])|\(e.countryOf(r) ?? "")|\(e.roleOf(r) ?? "")|\(e.isOutside[i])|\(e.attributes.values(row: r).map { "\($0.name)=\($0.value)" })")
        }
        let t = c.transfers
        lines.append("== transfers")
        for i in 0 ..< t.count {
            let r = Int32(i)
            let f = t.textForm[i]
            lines.append("\(t.ids[r])|\(e.ids[t.source[i]])|\(e.ids[t.target[i]])|\(t.amount[i])|\(t.time[i])|\(t.currencyOf(r))|\(t.channelOf(r) ?? "")|\(f.amountFractionDigits),\(f.timeStyle),\(f.offsetMinutes)")
        }
        lines.append("== attribute columns")
        lines.append("\(e.attributes.names) \(c.links.attributes.names) \(t.attributes.names) \(c.reports.attributes.names)")
        return lines
    }
}

extension InterchangeFixtures {
    /// Payments and links the exporters' fast paths take, beside near misses they must
    /// leave to the general paths: memo values with `"`, `\`, `%`, a trailing blank,
    /// non-ASCII or XML metacharacters; an account without a holder; a wallet; offsets;
    /// times before 1970 and across midnight; amounts with 0 to 4 decimals, huge and tiny;
    /// a transfer id FtM refuses and one that is also an entity id; dated links and links
    /// whose kind their schema does not say.
    static func fastPathCase(name: String = #function) throws -> Case {
        let entities = """
        id,kind,name,country,role,bank
        P1,person,Somchai Rattanakosin,TH,,
        P2,person,Ana Ruiz,ES,,
        O1,organization,Front Co,SG,,
        A1,account,,TH,,Kasikorn
        A2,account,,ES,,Santander
        A3,account,,SG,,DBS & Co <Ltd>
        A4,account,,,,
        W1,wallet,,,,

        """
        let transfers = """
        id,from,to,amount,currency,time,channel,memo
        T1,A1,A2,1250.50,USD,2024-03-01T10:15:00Z,bank,plain memo
        T2,A2,A1,0.0001,USD,2024-03-01T23:59:59Z,card,
        T3,A1,A3,7,EUR,2024-03-02T00:00:00Z,,"say ""hi"" there"
        T4,A3,A1,10.5,EUR,1969-12-31T23:59:59Z,bank,back\\slash
        T5,A1,A4,922337203685477.5807,USD,2024-03-02T00:00:01Z,bank,100% sure
        T6,A4,A2,12.3400,USD,2024-03-02T00:00:02Z,,trailing 
        T7,A2,A3,99,USD,2024-03-02T00:00:03Z,bank,café
        T8,A3,A2,1.2,USD,2024-03-02T00:00:04Z,bank,a < b & c > d
        T9,A1,W1,5,USD,2024-03-02T00:00:05Z,crypto,to a wallet
        T10,A2,A1,5,USD,2024-03-02T07:00:06+07:00,bank,offset
        T 11,A2,A1,5,USD,2024-03-02T00:00:07Z,bank,bad id
        P1,A2,A1,5,USD,2024-03-02T00:00:08Z,bank,clashing id
        T13,A2,A1,000.5,USD,2024-03-02T00:00:09Z,bank,
        T14,A2,A1,3,USD,1709337610,bank,unix seconds
        T15,A1,A2,4,USD,1999-01-01T00:00:00Z,bank,
        T16,A1,A2,4,USD,2099-12-31T23:59:59Z,,

        """
        let links = """
        source,target,kind,time
        P1,A1,owns,
        P2,A2,owns,2024-01-01T00:00:00Z
        O1,A3,owns,2024-01-02T03:04:05Z
        P1,P2,contacted,2024-02-01T00:00:00Z
        P2,O1,member_of,
        P1,P2,manages,
        P1,O1,contacted,0999-01-01T00:00:00Z

        """
        return try caseFromFiles(["entities.csv": entities, "transfers.csv": transfers, "links.csv": links], name: name)
    }
}
