/// The characters that text from case data must not carry into what FraudGraph shows
/// (terminal, Markdown, HTML, pictures): each writer replaces them its own way.
public enum ShownText {
    /// C0 and C1 control characters and DEL: they move a terminal's cursor, change
    /// its colours, or have no place in a page.
    @inlinable public static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F ... 0x9F).contains(s.value)
    }

    /// Line and paragraph separators (U+2028, U+2029): line breaks that a row or a
    /// line of text does not expect.
    @inlinable public static func isSeparator(_ s: Unicode.Scalar) -> Bool {
        s.value == 0x2028 || s.value == 0x2029
    }

    /// Bidirectional embeddings, overrides and isolates (U+202A–U+202E,
    /// U+2066–U+2069): they reorder the text after them, so an id can show reversed.
    @inlinable public static func isBidiControl(_ s: Unicode.Scalar) -> Bool {
        (0x202A ... 0x202E).contains(s.value) || (0x2066 ... 0x2069).contains(s.value)
    }
}
