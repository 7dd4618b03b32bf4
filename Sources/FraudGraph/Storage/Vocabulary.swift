/// A small set of distinct words (kinds, countries, currencies, channels, roles),
/// each with a 16-bit code; columns store the codes.
///
/// Code 0 is reserved for the empty word, "absent". Words given to `init(seed:)` take
/// codes 1, 2, ... in that order, so well-known words have the same code in every case.
public struct Vocabulary: Sendable {
    @usableFromInline var words: StringInterner

    /// The largest number of distinct words, the empty word included.
    public static let capacity = Int(UInt16.max) + 1

    /// A vocabulary whose first codes are `seed`, in order, after the empty word.
    public init(seed: [String] = []) {
        words = StringInterner(capacity: max(16, seed.count + 1))
        words.insert("")
        for w in seed { words.insert(w) }
    }

    /// Number of words, the empty word included.
    @inlinable public var count: Int { words.count }

    /// The word with code `code` ("" for 0).
    @inlinable public subscript(code: UInt16) -> String { words[Int32(code)] }

    /// The code of `word`, or nil if it never occurred.
    public func code(of word: String) -> UInt16? {
        words.index(of: word).map { UInt16($0) }
    }

    /// The code of the word with these UTF-8 bytes, or nil.
    @inlinable
    public func code(of bytes: UnsafeBufferPointer<UInt8>) -> UInt16? {
        words.index(of: bytes).map { UInt16($0) }
    }

    /// The code of `bytes`, adding the word if it is new; nil when the vocabulary is full.
    @inlinable
    public mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt16? {
        if let known = words.index(of: bytes) { return UInt16(known) }
        guard words.count < Vocabulary.capacity else { return nil }
        return UInt16(words.insert(bytes).index)
    }

    /// The code of `word`, adding it if it is new; nil when the vocabulary is full.
    public mutating func intern(_ word: String) -> UInt16? {
        var w = word
        return w.withUTF8 { intern($0) }
    }

    /// All words in code order, the empty word first.
    public var allWords: [String] { (0 ..< count).map { words[Int32($0)] } }
}
