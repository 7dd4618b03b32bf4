import ArgumentParser

/// `fraudgraph`: link suspects, accounts, wallets, devices, phones, IPs and dens in one
/// graph; find the rings, trace the money, map the dens, draw it, brief it.
@main
struct FraudGraphCommand: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "fraudgraph",
        abstract: "Graph analytics for investigators of telecom and online fraud.",
        discussion: """
        A case is a folder of CSV files (entities.csv, links.csv, transfers.csv, \
        reports.csv); see shared/spec/case-format.md. Results go to stdout or --out; \
        errors go to stderr with a non-zero exit status.
        """,
        version: version,
        subcommands: [
            ValidateCommand.self,
            StatsCommand.self,
            ExportCommand.self,
            ImportCommand.self,
            GenerateCommand.self,
            TraceCommand.self,
            FreezeCommand.self,
            FlowCommand.self,
            PatternsCommand.self,
            MoneyFlowBenchCommand.self,
            RenderCommand.self,
            DrawCommand.self,
            RingsCommand.self,
            CommunitiesCommand.self,
            HierarchyCommand.self,
            CentralityCommand.self,
            BriefCommand.self,
            DemoCommand.self,
        ]
    )
}
