import Foundation
import GraphvizExport
import Interchange

/// Draws the brief's pictures through Graphviz: each diagram once as SVG for the page,
/// and as the files `figures/NAME.svg|png|pdf` beside it. A picture that cannot be
/// drawn becomes a figure that says why; the brief goes on.
public struct FigureMaker {
    /// The brief's folder (the figures go into `folder/figures`).
    let folder: String
    let formats: [PictureFormat]
    /// Lines that every picture's provenance carries (tool, case, file digests).
    let provenance: [String]
    /// How long Graphviz took in all, and the notes it gave, per figure.
    public private(set) var seconds = 0.0
    public private(set) var made: [(name: String, notes: [String])] = []
    /// Files that could not be written (the brief fails when there are any).
    public private(set) var writeErrors: [String] = []
    private var count = 0
    /// Names from case data can reduce to one (a seed transfer `all` and the picture
    /// of all seeds, dens `D.1` and `D1`): each figure gets its own files.
    private var names = UniqueFileNames()

    public init(folder: String, formats: [PictureFormat], provenance: [String]) {
        self.folder = folder
        self.formats = formats
        self.provenance = provenance
    }

    /// Renders `diagram` as `figures/name.*` (`name-2.*` if a figure has the name
    /// already) and returns the figure for the page.
    public mutating func figure(_ diagram: Diagram, name requested: String, caption: String) -> BriefFigure {
        let name = names.claim(requested)
        var diagram = diagram
        diagram.provenance = provenance + diagram.provenance
        let dot = DiagramWriter.dot(diagram)
        count += 1
        let fm = FileManager.default
        let dir = folder + "/figures"
        try? fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var svg: String?
        var files: [String] = []
        var notes: [String] = []
        let wanted = [PictureFormat.svg] + formats.filter { $0 != .svg }
        do {
            let renderings = try Renderer.shared.render(dot: dot, engine: diagram.engine, formats: wanted)
            for (format, r) in zip(wanted, renderings) {
                seconds += r.seconds
                if format == .svg {
                    svg = String(decoding: r.data, as: UTF8.self)
                    notes += r.notes
                }
                if formats.contains(format) {
                    let path = "figures/\(name).\(format.rawValue)"
                    do { try Data(r.data).write(to: URL(fileURLWithPath: folder + "/" + path)) } catch { writeErrors.append("\(path): \(error)") }
                    files.append(path)
                }
            }
        } catch {
            return BriefFigure(caption: caption, svg: nil, problem: error.description)
        }
        do { try Data(dot.utf8).write(to: URL(fileURLWithPath: dir + "/\(name).dot")) } catch { writeErrors.append("\(name).dot: \(error)") }
        files.append("figures/\(name).dot")
        made.append((name, notes))
        return BriefFigure(caption: caption, svg: svg.map { FigureMaker.scoped($0, prefix: "f\(count)-") }, files: files)
    }

    /// The SVG with its element ids (and the references to them) prefixed, so that
    /// several pictures inline in one page keep distinct ids.
    static func scoped(_ svg: String, prefix: String) -> String {
        svg.replacingOccurrences(of: " id=\"", with: " id=\"" + prefix)
            .replacingOccurrences(of: "url(#", with: "url(#" + prefix)
            .replacingOccurrences(of: "href=\"#", with: "href=\"#" + prefix)
    }
}
