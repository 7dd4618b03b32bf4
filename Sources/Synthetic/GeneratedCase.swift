import FraudGraph
import Interchange

/// A generated case and the truth planted in it.
public struct GeneratedCase: Sendable {
    public let `case`: Case
    public let truth: GroundTruth
    /// How it was made: preset, seed, generator version.
    public let provenance: [(String, String)]

    /// Writes the case folder with its `truth/` and a `GENERATED.txt` that says how
    /// it was made; the folder appears only when complete.
    public func write(to path: String) throws {
        try CaseFolderWriter().write(self.case, to: path) { folder in
            try truth.write(to: folder, for: self.case)
            let text = provenance.map { "\($0.0): \($0.1)" }.joined(separator: "\n") + "\n"
            try text.write(toFile: folder + "/GENERATED.txt", atomically: false, encoding: .utf8)
        }
    }
}

import Foundation
