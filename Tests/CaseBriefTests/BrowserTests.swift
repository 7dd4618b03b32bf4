import Foundation
import Testing

/// The brief in a real browser: headless Chromium loads the page through the DevTools
/// protocol (`scripts/browser_check.py`), which reports console errors, script
/// elements, and the size and drawn nodes of every picture, and prints it to PDF.
/// Runs when Chromium is installed (`scripts/setup.sh` installs it; CI sets
/// FRAUDGRAPH_REQUIRE_BROWSER=1 so that a missing browser fails instead of skipping).
@Suite("Brief in a browser")
struct BrowserTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test("loads with no console error, every picture shows, prints to PDF")
    func pageLoadsAndPicturesShow() throws {
        guard let chromium = Self.chromium else {
            let required = ProcessInfo.processInfo.environment["FRAUDGRAPH_REQUIRE_BROWSER"] == "1"
            #expect(!required, "Chromium is not installed: run scripts/setup.sh")
            return
        }
        let dir = try BriefFixtures.writeCase(BriefFixtures.workedExample)
        try BriefFixtures.brief(caseFolder: dir, out: dir + "/../brief")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.root + "/scripts/browser_check.py", dir + "/../brief", "--pdf", dir + "/../brief.pdf", "--browser", chromium]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let report = try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any], "\(String(decoding: output, as: UTF8.self))")
        #expect(process.terminationStatus == 0, "\(report)")
        #expect((report["errors"] as? [Any])?.isEmpty == true)
        #expect((report["blankFigures"] as? [Any])?.isEmpty == true)
        #expect(report["scripts"] as? Int == 0)
        let figures = try #require(report["figures"] as? [[String: Any]])
        #expect(figures.count >= 4)  // overview, ring, trace(s), den
        #expect(figures.allSatisfy { ($0["nodes"] as? Int ?? 0) > 0 })
        #expect(report["title"] as? String == "Case brief: case")
        #expect((report["pdfPages"] as? Int ?? 0) >= 3)
        let pdf = try Data(contentsOf: URL(fileURLWithPath: dir + "/../brief.pdf"))
        #expect(pdf.prefix(5) == Data("%PDF-".utf8))
    }
}
