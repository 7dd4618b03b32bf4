import Foundation

/// Writes the rows that `--lenient` set aside: one line per row with where it was,
/// why it was set aside, and the row's fields as read (joined as one CSV line).
public enum RejectsWriter {
    public static let header = ["file", "line", "column", "column_name", "cause", "problem", "value", "row"]

    public static func write(_ report: ImportReport, to path: String) throws {
        try AtomicFolder.writeFile(path) { temporary in
            let out = try CSVWriter(path: temporary)
            try out.row(header)
            for r in report.rejected {
                let i = r.issue
                try out.row([i.file, String(i.line), String(i.column), i.columnName ?? "", i.cause.rawValue, i.message,
                             i.value, csvLine(r.fields)])
            }
            try out.finish()
        }
    }

    /// Fields joined as one RFC 4180 line (`CSVWriter.quotedField`: a field holding
    /// CR+LF is quoted too, which a test by `Character` missed).
    static func csvLine(_ fields: [String]) -> String {
        fields.map(CSVWriter.quotedField).joined(separator: ",")
    }
}
