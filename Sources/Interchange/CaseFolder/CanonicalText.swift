import FraudGraph

/// The text FraudGraph writes for typed values, when the input gave no other form.
enum CanonicalText {
    /// A link weight: `3` for whole numbers, otherwise the shortest decimal that
    /// reads back to the same number (`2.5`).
    static func weight(_ w: Double) -> String {
        if w == w.rounded(), abs(w) < 1e15 { return String(Int64(w)) }
        return String(w)
    }
}
