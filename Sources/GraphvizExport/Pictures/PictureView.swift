/// A picture of a case, as `fraudgraph render --view` names it:
/// `overview`, `ring:ID`, `trace`, `hierarchy:DEN`, `ego:ENTITY`.
public enum PictureView: Equatable, Sendable, CustomStringConvertible {
    /// The whole case at a glance.
    case overview
    /// One ring (its number).
    case ring(Int)
    /// Where the reported money went.
    case trace
    /// A den's org chart (the den's id).
    case hierarchy(den: String)
    /// Everything within some hops of an entity (its id).
    case ego(entity: String)

    /// Reads `overview`, `ring:3`, `trace`, `hierarchy:D1`, `ego:A-17`. An id may
    /// itself hold colons: only the first one separates.
    public init(parsing text: String) throws(PictureError) {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let name = parts[0].lowercased()
        let argument = parts.count > 1 ? String(parts[1]) : nil
        switch (name, argument) {
        case ("overview", nil): self = .overview
        case ("trace", nil): self = .trace
        case ("ring", let a?):
            guard let id = Int(a), id >= 0 else { throw .badView(text, why: "a ring is a number: ring:3") }
            self = .ring(id)
        case ("hierarchy", let a?) where !a.isEmpty: self = .hierarchy(den: a)
        case ("ego", let a?) where !a.isEmpty: self = .ego(entity: a)
        case ("ring", nil), ("hierarchy", _), ("ego", _):
            throw .badView(text, why: "\(name) needs an id: \(name):ID")
        default:
            throw .badView(text, why: "views are overview, ring:ID, trace, hierarchy:DEN, ego:ENTITY")
        }
    }

    public var description: String {
        switch self {
        case .overview: "overview"
        case .ring(let id): "ring:\(id)"
        case .trace: "trace"
        case .hierarchy(let den): "hierarchy:\(den)"
        case .ego(let e): "ego:\(e)"
        }
    }
}

/// Why a picture cannot be drawn.
public enum PictureError: Error, Equatable, Sendable, CustomStringConvertible {
    case badView(String, why: String)
    case unknownEntity(String)
    case notADen(String, kind: String)
    case unknownRing(Int, rings: Int)
    /// The view needs results this build does not compute yet.
    case needsAnalysis(view: String, module: String)
    /// The case has nothing to draw for the view.
    case nothingToDraw(String)

    public var description: String {
        switch self {
        case .badView(let v, let why): "unknown view \"\(v)\": \(why)"
        case .unknownEntity(let id): "no entity has the id \"\(id)\""
        case .notADen(let id, let kind): "\"\(id)\" is a \(kind), not a den"
        case .unknownRing(let id, let n): n == 0 ? "the case has no rings" : "no ring \(id): rings are numbered 1 to \(n)"
        case .needsAnalysis(let view, let module): "the \(view) view needs the \(module) module, which this build does not have yet"
        case .nothingToDraw(let why): why
        }
    }
}
