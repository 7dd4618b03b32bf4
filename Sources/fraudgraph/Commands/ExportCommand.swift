import ArgumentParser
import CaseBrief
import FraudGraph
import Interchange

/// Formats a case can be exported to.
enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
    /// A case folder holding every row, column and value that was read.
    case `case`
    /// FollowTheMoney JSON lines (`case.ftm.json`), for Aleph, OpenSanctions tools, `ftm`.
    case ftm
    /// One GraphML file (`case.graphml`), for Gephi, yEd, Cytoscape, networkx.
    case graphml
    /// Node and relationship CSV files for `neo4j-admin database import full`.
    case neo4j
}

/// `fraudgraph export CASE --to DIR [--format case|ftm|graphml|neo4j]`.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a case in another form: a case folder, FollowTheMoney, GraphML or Neo4j import files.",
        discussion: """
        case: a case folder that gives back every row, column and value read.
        ftm: DIR/case.ftm.json, FollowTheMoney JSON lines that `fraudgraph import` reads back.
        graphml: DIR/case.graphml, typed attributes for Gephi, yEd, Cytoscape and networkx; \
        `fraudgraph import DIR/case.graphml` reads it back.
        neo4j: DIR/entities.csv, links.csv, transfers.csv, reports.csv, report_edges.csv and \
        DIR/import.sh, the neo4j-admin command that loads them.
        What a format cannot hold as it is, and how it was carried, is said on stderr. \
        See docs/interchange.md.
        """
    )

    @OptionGroup var caseOptions: CaseOptions

    @Option(help: ArgumentHelp("The folder to write; it appears only when complete.", valueName: "dir"))
    var to: String

    @Option(help: "What to write.")
    var format: ExportFormat = .case

    @Option(name: .customLong("node-columns"), parsing: .singleValue,
            help: ArgumentHelp("A CSV file `entity,COLUMN,...` of computed values per entity (ring, rank, ...) to add to GraphML and Neo4j nodes; may be repeated.", valueName: "file"))
    var nodeColumns: [String] = []

    @Flag(name: .customLong("with-analyses"),
          help: "Find the rings and rank each den's people first, and add ring, den, den_level, den_role and rank_score to the GraphML or Neo4j nodes.")
    var withAnalyses = false

    func validate() throws {
        if (!nodeColumns.isEmpty || withAnalyses) && (format == .case || format == .ftm) {
            throw ValidationError("--node-columns and --with-analyses go with --format graphml or neo4j")
        }
    }

    func run() throws {
        let loaded = try CaseLoading.load(caseOptions, outputBeside: to, insideFolder: false, sumsMoney: withAnalyses)
        var columns: [NodeColumn] = []
        for path in nodeColumns {
            do {
                columns += try NodeColumn.load(csv: path, for: loaded.case)
            } catch {
                Terminal.warn("cannot read \(path): \(Terminal.reason(error))")
                throw ExitCode(2)
            }
        }
        if withAnalyses { columns += AnalysisColumns.make(loaded.case) }
        let notes: InterchangeNotes
        do {
            switch format {
            case .case:
                try CaseFolderWriter().write(loaded.case, to: to)
                notes = InterchangeNotes()
            case .ftm: notes = try FtMWriter().write(loaded.case, toFolder: to)
            case .graphml: notes = try GraphMLWriter(nodeColumns: columns).write(loaded.case, toFolder: to)
            case .neo4j: notes = try Neo4jWriter(nodeColumns: columns).write(loaded.case, toFolder: to)
            }
        } catch {
            Terminal.warn("cannot export to \(to): \(Terminal.reason(error))")
            throw ExitCode(2)
        }
        for line in notes.lines(prefix: format.rawValue) { Terminal.warn(line) }
    }
}
