import Foundation
@testable import Interchange
import Testing

/// All records of `text` as arrays of strings, with their lines.
func records(_ text: String) throws -> [(line: Int, fields: [String])] {
    var reader = CSVReader(text: text)
    var out: [(Int, [String])] = []
    while try reader.next() { out.append((reader.line, reader.strings)) }
    return out
}

@Suite("CSVReader")
struct CSVReaderTests {
    @Test("plain fields, empty fields, empty trailing field")
    func plain() throws {
        let r = try records("a,b,c\n1,,3\n4,5,\n")
        #expect(r.map(\.fields) == [["a", "b", "c"], ["1", "", "3"], ["4", "5", ""]])
        #expect(r.map(\.line) == [1, 2, 3])
    }

    @Test("quotes, doubled quotes, separators and line ends inside quotes")
    func quoting() throws {
        let r = try records("id,name\n1,\"Lee, \"\"Boss\"\" Wang\"\n2,\"two\nlines\"\n3,\"\"\n")
        #expect(r.map(\.fields) == [["id", "name"], ["1", "Lee, \"Boss\" Wang"], ["2", "two\nlines"], ["3", ""]])
        #expect(r.map(\.line) == [1, 2, 3, 5])
    }

    @Test("CRLF, a byte order mark, blank lines, no final line end")
    func lineEnds() throws {
        let r = try records("\u{FEFF}id,x\r\n1,a\r\n\r\n\n2,\"b\r\nc\"\r\n3,d")
        #expect(r.map(\.fields) == [["id", "x"], ["1", "a"], ["2", "b\r\nc"], ["3", "d"]])
        #expect(r.map(\.line) == [1, 2, 5, 7])
    }

    @Test("UTF-8 text passes through untouched")
    func unicode() throws {
        let r = try records("名前,🙂\n\"Müller, Jürgen\",é\n")
        #expect(r[1].fields == ["Müller, Jürgen", "é"])
    }

    @Test("records longer than the read buffer, across chunk boundaries")
    func longRecords() throws {
        let big = String(repeating: "x", count: 3_000_000)
        let text = "a,b\n\(big),\"q\"\"\(big)\"\n1,2\n"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("csv-long-\(UInt32.random(in: 0 ... .max)).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var reader = try CSVReader(path: path, chunkSize: 4096)
        var rows: [[String]] = []
        while try reader.next() { rows.append(reader.strings) }
        #expect(rows.count == 3)
        #expect(rows[1][0].count == 3_000_000 && rows[1][1] == "q\"" + big)
        #expect(rows[2] == ["1", "2"])
    }

    @Test("random records of every length, plain and quoted, read back exactly at every chunk size")
    func randomRecords() throws {
        // Fields of 0 to 40 bytes (the tokenizer scans eight at a time), with
        // multi-byte UTF-8, punctuation below and above `-`, and quoted fields holding
        // commas, doubled quotes and line ends; LF or CRLF after each record.
        var state: UInt64 = 0x5EED_0001
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let plain: [String] = ["a", "Z", "7", " ", "-", ".", "!", "#", "$", "%", "&", "'", "(", "*", "+", "/", ":", "é", "名", "🙂", "\t"]
        let quoted: [String] = plain + [",", "\"\"", "\n", "\r\n"]
        var text = ""
        var expected: [[String]] = []
        for _ in 0 ..< 400 {
            var fields: [String] = []
            for f in 0 ..< 1 + next(6) {
                var value = "", written = ""
                let quote = next(4) == 0
                for _ in 0 ..< next(41) {
                    let piece = quote ? quoted[next(quoted.count)] : plain[next(plain.count)]
                    written += piece
                    value += piece == "\"\"" ? "\"" : piece
                }
                if f == 0 && !quote && value.isEmpty { value = "x"; written = "x" }  // no blank lines
                fields.append(value)
                text += (f > 0 ? "," : "") + (quote ? "\"" + written + "\"" : written)
            }
            expected.append(fields)
            text += next(3) == 0 ? "\r\n" : "\n"
        }
        #expect(try records(text).map(\.fields) == expected)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("csv-random-\(UInt32.random(in: 0 ... .max)).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        for size in [64, 77, 1_000, 1 << 20] {
            var reader = try CSVReader(path: path, chunkSize: size)
            var got: [[String]] = []
            while try reader.next() { got.append(reader.strings) }
            #expect(got == expected)
        }
    }

    @Test("every chunk size reads the same records")
    func chunkSizes() throws {
        let text = "id,name,note\n1,\"a,b\",\"x\"\"y\"\r\n2,plain,\"multi\nline\"\n\n3,,\n"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("csv-chunks-\(UInt32.random(in: 0 ... .max)).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let expected = try records(text)
        for size in [64, 65, 70, 100, 1 << 20] {
            var reader = try CSVReader(path: path, chunkSize: size)
            var got: [(Int, [String])] = []
            while try reader.next() { got.append((reader.line, reader.strings)) }
            #expect(got.map(\.1) == expected.map(\.fields))
            #expect(got.map(\.0) == expected.map(\.line))
        }
    }

    @Test("batches: the same records as one by one; a broken record ends a batch and is thrown next")
    func batches() throws {
        var text = "id,name\n"
        for i in 0 ..< 200 { text += i == 150 ? "x,a\"b\n" : "\(i),\"n,\(i)\"\n" }
        var reader = CSVReader(text: text)
        var seen: [String] = []
        var errors: [Int] = []
        while true {
            let n: Int
            do { n = try reader.nextBatch(max: 64) } catch {
                errors.append(error.line)
                reader.skipBrokenRecord()
                continue
            }
            if n == 0 { break }
            for r in 0 ..< n { seen.append(reader.record(r).string(0)) }
        }
        #expect(errors == [152])
        #expect(seen.count == 200)  // the header and 199 good rows
        #expect(seen[1] == "0" && seen[150] == "149" && seen[151] == "151" && seen.last == "199")
    }

    @Test("broken quoting is an error with line and field", arguments: [
        ("a,b\n1,x\"y\n", CSVError.Reason.quoteInUnquotedField, 2, 2),
        ("a,b\n1,\"x\"y\n", .textAfterClosingQuote, 2, 2),
        ("a,b\n1,2\n3,\"never closed\n4,5\n", .unterminatedQuote, 3, 2),
        ("a,b\n1,x\u{0}y\n", .nulByte, 2, 2),
    ])
    func broken(text: String, reason: CSVError.Reason, line: Int, column: Int) {
        do {
            _ = try records(text)
            Issue.record("no error")
        } catch let error as CSVError {
            #expect(error.reason == reason && error.line == line && error.column == column)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
