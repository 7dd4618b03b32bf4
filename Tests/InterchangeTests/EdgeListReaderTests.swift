import FraudGraph
import Foundation
import Interchange
import Testing

@Suite("EdgeListReader")
struct EdgeListReaderTests {
    @Test("u v and u v w lines, comments, blanks, tabs, commas, CRLF; parallel edges add up")
    func formats() throws {
        let text = "# a comment\n0 1\n1\t2 2.5\r\n\n% another\n 2 , 3 ,0.5\n0 1 1e0\n5 5 3\n"
        let g = try EdgeListReader().read(text: text)
        #expect(g.nodeCount == 6)  // node 4 named by no edge stays, alone
        #expect(Array(g.targets[g.neighborRange(of: 0)]) == [1])
        #expect(Array(g.weights[g.neighborRange(of: 0)]) == [2])  // 1 + 1e0
        #expect(Array(g.targets[g.neighborRange(of: 2)]) == [1, 3])
        #expect(Array(g.weights[g.neighborRange(of: 2)]) == [2.5, 0.5])
        #expect(g.degree(of: 4) == 0)
        #expect(Array(g.targets[g.neighborRange(of: 5)]) == [5])
        #expect(g.totalWeight == 2 + 2.5 + 0.5 + 3)
    }

    @Test("the same graph as WeightedGraph's own builder, from a file read in blocks")
    func file() throws {
        var lines = "", sources: [Int32] = [], targets: [Int32] = []
        var x: UInt64 = 1
        for _ in 0 ..< 300_000 {
            x = x &* 6364136223846793005 &+ 1442695040888963407
            let u = Int32((x >> 33) % 5000), v = Int32((x >> 13) % 5000)
            sources.append(u); targets.append(v)
            lines += "\(u) \(v)\n"
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fg-edges-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try lines.write(toFile: path, atomically: true, encoding: .utf8)
        let read = try EdgeListReader().read(path: path)
        let n = Int(max(sources.max()!, targets.max()!)) + 1
        let built = WeightedGraph(nodeCount: n, sources: sources, destinations: targets, weights: nil as [Float]?)
        #expect(read.offsets == built.offsets)
        #expect(read.targets == built.targets)
        #expect(read.weights == built.weights)
    }

    @Test("bad lines: the error names file, line, field and value")
    func errors() {
        func failure(_ text: String) -> String? {
            do { _ = try EdgeListReader().read(text: text, name: "g.txt"); return nil } catch { return error.description }
        }
        #expect(failure("0 1\n1 x\n") == "g.txt:2:2: a node must be a whole number from 0 to 2147483646 (x)")
        #expect(failure("0 1\n-1 2\n") == "g.txt:2:1: a node must be a whole number from 0 to 2147483646 (-1)")
        #expect(failure("0 1 0\n") == "g.txt:1:3: a weight must be a positive finite number (0)")
        #expect(failure("0 1 nan\n") == "g.txt:1:3: a weight must be a positive finite number (nan)")
        #expect(failure("0 1\n\n7\n") == "g.txt:3:1: expected `u v` or `u v w`, found 1 field (7)")
        #expect(failure("0 1 2 3\n") == "g.txt:1:1: expected `u v` or `u v w`, found 4 fields (0 1 2 3)")
        #expect(failure("0 99999999999\n") == "g.txt:1:2: a node must be a whole number from 0 to 2147483646 (99999999999)")
        #expect(failure("") == nil)
        do {
            _ = try EdgeListReader().read(path: "/nonexistent/edges.txt")
            Issue.record("no error")
        } catch {
            #expect(error.description.hasPrefix("/nonexistent/edges.txt: cannot open"))
        }
    }
}
