/// A case brief as a sequence of blocks (headings, paragraphs, tables, figures), the
/// same content for the HTML page and the Markdown version. Sections build blocks;
/// `HTMLRenderer` and `MarkdownRenderer` write them, escaping every string.
public struct BriefDocument: Sendable {
    public var title: String
    public var subtitle: String
    public var blocks: [Block] = []

    public init(title: String, subtitle: String) {
        self.title = title
        self.subtitle = subtitle
    }

    public mutating func add(_ block: Block) { blocks.append(block) }
    public mutating func add(_ newBlocks: [Block]) { blocks += newBlocks }
}

/// Text with a little emphasis. Every string is case data or ours; renderers escape
/// all of it.
public enum Inline: Sendable, Equatable {
    case text(String)
    case strong(String)
    case code(String)
    /// An amount in a currency, written for people: `1,250.50 EUR`.
    case money(Money, currency: String)
}

/// One block of the brief.
public enum Block: Sendable {
    case heading(level: Int, text: String, anchor: String)
    case paragraph([Inline])
    case bullets([[Inline]])
    /// Label and value pairs, for the figures at the head of a section.
    case facts([(String, [Inline])])
    case table(BriefTable)
    case figure(BriefFigure)
    /// A boxed remark: a limit of the method, a caution.
    case note([Inline])
    /// Printing starts a new page here.
    case pageBreak
}

/// A table: header, rows of cells, which columns are numbers (right-aligned).
public struct BriefTable: Sendable {
    public var caption: String
    public var header: [String]
    public var numeric: Set<Int>
    public var rows: [[[Inline]]]
    /// Rows left out, said under the table ("and 212 more").
    public var omitted: Int

    public init(caption: String, header: [String], numeric: Set<Int> = [], rows: [[[Inline]]], omitted: Int = 0) {
        self.caption = caption
        self.header = header
        self.numeric = numeric
        self.rows = rows
        self.omitted = omitted
    }
}

/// A picture: the SVG that goes inline in the page, and the files written beside it.
public struct BriefFigure: Sendable {
    public var caption: String
    /// SVG markup made by the renderer from escaped DOT (trusted); nil when the
    /// picture could not be made, with `problem` saying why.
    public var svg: String?
    public var problem: String?
    /// Paths relative to the brief's folder (`figures/ring-1.svg`, `.png`, `.pdf`).
    public var files: [String]

    public init(caption: String, svg: String?, problem: String? = nil, files: [String] = []) {
        self.caption = caption
        self.svg = svg
        self.problem = problem
        self.files = files
    }
}

import FraudGraph
