import ArgumentParser

/// How a command's result is written.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// `--format` and `--out`, shared by the commands that print a result.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: table (for people), json, or csv where the command offers it.")
    var format: OutputFormat = .table

    @Option(help: ArgumentHelp("Write the result to this file instead of stdout.", valueName: "file"))
    var out: String?
}
