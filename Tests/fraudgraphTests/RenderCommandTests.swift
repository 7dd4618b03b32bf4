import Foundation
import Testing

/// `fraudgraph render` and `fraudgraph draw`, from outside the process.
@Suite("render and draw")
struct RenderCommandTests {
    static let entities = """
    id,kind,name,country
    D1,den,"Golden ""Lotus"" <compound>",KH
    P1,person,Ana,ES
    P2,person,Bo,KH
    A1,account,,ES
    A2,account,,KH

    """
    static let links = "source,target,kind\nP1,D1,located_at\nP2,D1,located_at\nP1,P2,manages\nP1,A1,owns\nP2,A2,owns\n"
    static let transfers = "id,from,to,amount,currency,time\nT1,A1,A2,1250.50,EUR,2024-03-01T10:15:00Z\n"

    func makeCase() throws -> String {
        let dir = Tool.temporaryFolder()
        try Tool.write(["entities.csv": Self.entities, "links.csv": Self.links, "transfers.csv": Self.transfers], to: dir + "/case")
        return dir
    }

    @Test("render: every view that needs no analysis module, in every format")
    func renderViews() throws {
        let dir = try makeCase()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (view, format) in [("overview", "svg"), ("ego:P1", "png"), ("hierarchy:D1", "pdf"), ("ring:1", "dot")] {
            let out = "\(dir)/picture.\(format)"
            let r = try Tool.run(["render", dir + "/case", "--view", view, "--format", format, "--out", out, "--hops", "2"])
            #expect(r.status == 0, "\(view): \(r.stderr)")
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: out)))
            switch format {
            case "png": #expect(Array(bytes.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
            case "pdf": #expect(String(decoding: bytes.prefix(5), as: UTF8.self) == "%PDF-")
            case "dot": #expect(String(decoding: bytes, as: UTF8.self).hasPrefix("digraph G {"))
            default:
                let svg = String(decoding: bytes, as: UTF8.self)
                #expect(svg.contains("<svg") && svg.contains("Golden &quot;Lotus&quot; &lt;compound&gt;"))
            }
        }
    }

    @Test("render: clear errors and a non-zero exit")
    func renderErrors() throws {
        let dir = try makeCase()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let cases: [([String], String)] = [
            (["--view", "map"], "unknown view"),
            (["--view", "ego:nobody"], "no entity has the id \"nobody\""),
            (["--view", "hierarchy:P1"], "\"P1\" is a person, not a den"),
            (["--view", "trace"], "the trace carried no money: no reports or seeds"),
            (["--view", "ring:7"], "no ring 7"),
        ]
        for (arguments, message) in cases {
            let r = try Tool.run(["render", dir + "/case"] + arguments + ["--format", "svg", "--out", dir + "/x.svg"])
            #expect(r.status != 0)
            #expect(r.stderr.contains(message), "\(arguments): \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir + "/x.svg"))
        }
    }

    @Test("draw: a DOT file through the built-in Graphviz; Graphviz's errors on stderr")
    func draw() throws {
        let dir = Tool.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "digraph { a -> b; }".write(toFile: dir + "/g.dot", atomically: true, encoding: .utf8)
        let ok = try Tool.run(["draw", dir + "/g.dot", "--engine", "neato", "--format", "svg"])
        #expect(ok.status == 0 && ok.stdout.contains("<svg"))
        try "digraph { a -> ; }".write(toFile: dir + "/bad.dot", atomically: true, encoding: .utf8)
        let bad = try Tool.run(["draw", dir + "/bad.dot"])
        #expect(bad.status != 0 && bad.stderr.contains("syntax error"))
    }
}
