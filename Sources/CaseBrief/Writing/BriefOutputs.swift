import Foundation
import Interchange

/// What the sections leave beside the page: the pictures (through `FigureMaker`) and
/// the full tables as CSV files, of which the page shows the first rows.
struct BriefOutputs {
    var figures: FigureMaker
    /// CSV files by name (`rings.csv`), header first.
    private(set) var tables: [(name: String, rows: [[String]])] = []

    init(figures: FigureMaker) { self.figures = figures }

    /// Keeps `rows` (header first) to be written as `tables/name`.
    mutating func table(_ name: String, header: [String], rows: [[String]]) {
        tables.append((name, [header] + rows))
    }

    /// Writes every kept table into `folder/tables/`.
    func writeTables(into folder: String) throws {
        guard !tables.isEmpty else { return }
        try FileManager.default.createDirectory(atPath: folder + "/tables", withIntermediateDirectories: true)
        for t in tables {
            let w = try CSVWriter(path: folder + "/tables/" + t.name)
            // People open these in spreadsheets: formulas in case data are shown, not run.
            for row in t.rows { try w.row(row.map(CSVWriter.spreadsheetSafe)) }
            try w.finish()
        }
    }
}
