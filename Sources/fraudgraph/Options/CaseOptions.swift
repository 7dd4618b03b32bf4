import ArgumentParser

/// The options of every command that reads a case folder.
struct CaseOptions: ParsableArguments {
    @Argument(help: "The case folder (entities.csv, links.csv, transfers.csv, reports.csv).")
    var casePath: String

    @Flag(help: "Skip bad rows instead of failing: count them by cause and write them to rejects.csv beside the output.")
    var lenient = false

    @Option(help: ArgumentHelp("Where --lenient writes the rows it set aside (default: rejects.csv beside the output).", valueName: "file"))
    var rejects: String?

    @Flag(help: "No progress display on the terminal.")
    var quiet = false
}
