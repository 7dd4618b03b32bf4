/// Precision and recall of pattern findings against planted truth, transfer by
/// transfer: for a typology, the transfers of its findings against the transfers the
/// truth labels with it (`Typology.truthName`); pass-through findings, and all
/// findings together ("any"), against laundering of any typology.
public struct PatternScore: Sendable {
    /// The score of one typology (or of all findings together).
    public struct Line: Sendable, Equatable {
        /// A typology name, or "any".
        public let name: String
        /// Transfers the findings name.
        public let found: Int
        /// Transfers the truth labels.
        public let truth: Int
        /// Transfers in both.
        public let correct: Int
        /// correct / found (0 when nothing was found).
        public var precision: Double { found == 0 ? 0 : Double(correct) / Double(found) }
        /// correct / truth (0 when the truth labels nothing).
        public var recall: Double { truth == 0 ? 0 : Double(correct) / Double(truth) }
    }

    /// One line per typology, then "any".
    public let lines: [Line]

    /// `truthTransfers[k]` is labelled `truthTypologies[k]`.
    public init(findings: [PatternFinding], truthTransfers: [Int32], truthTypologies: [String]) {
        var truthOf: [Int32: String] = [:]
        for (k, r) in truthTransfers.enumerated() { truthOf[r] = truthTypologies[k] }
        var lines: [Line] = []
        for typology in Typology.allCases {
            var found = Set<Int32>()
            for f in findings where f.typology == typology { found.formUnion(f.transfers) }
            let correct: Int
            let truth: Int
            if let name = typology.truthName {
                truth = truthOf.values.filter { $0 == name }.count
                correct = found.filter { truthOf[$0] == name }.count
            } else {
                truth = truthOf.count
                correct = found.filter { truthOf[$0] != nil }.count
            }
            lines.append(Line(name: typology.rawValue, found: found.count, truth: truth, correct: correct))
        }
        var any = Set<Int32>()
        for f in findings where f.typology != .passThrough { any.formUnion(f.transfers) }
        lines.append(Line(name: "any", found: any.count, truth: truthOf.count, correct: any.filter { truthOf[$0] != nil }.count))
        self.lines = lines
    }

    /// The line of `name`.
    public subscript(name: String) -> Line? { lines.first { $0.name == name } }
}
