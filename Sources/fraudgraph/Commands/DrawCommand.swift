import ArgumentParser
import Foundation
import GraphvizExport

/// `fraudgraph draw FILE.dot --engine E --format F --out FILE`: a DOT file through the
/// built-in Graphviz, with the same caps as `render`.
struct DrawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draw",
        abstract: "Render a DOT file (for instance one `render --format dot` wrote and you edited) through the built-in Graphviz."
    )

    @Argument(help: "The DOT file.")
    var file: String

    @Option(help: "Layout engine.")
    var engine: LayoutEngine = .dot

    @Option(help: "svg, png or pdf.")
    var format: String = "svg"

    @Option(help: ArgumentHelp("Write the picture to this file instead of stdout.", valueName: "file"))
    var out: String?

    @Flag(help: "Print the layout and rendering time, nodes and edges, on stderr.")
    var timings = false

    func validate() throws {
        guard PictureFormat(rawValue: format) != nil else { throw ValidationError("--format is svg, png or pdf") }
    }

    func run() throws {
        let text: String
        do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
            Terminal.warn("cannot read \(file): \(error.localizedDescription)")
            throw ExitCode(2)
        }
        let rendering: Renderer.Rendering
        do {
            rendering = try Renderer.shared.render(dot: text, engine: engine, format: PictureFormat(rawValue: format)!)
        } catch {
            Terminal.warn(error.description)
            throw ExitCode(1)
        }
        for note in rendering.notes { Terminal.warn("graphviz: " + note) }
        if timings {
            Terminal.warn(String(format: "in-process %@: %d nodes, %d edges, %.3f s", rendering.engine.rawValue, rendering.nodeCount, rendering.edgeCount, rendering.seconds))
        }
        try ResultOutput.emit(bytes: rendering.data, to: out)
    }
}
