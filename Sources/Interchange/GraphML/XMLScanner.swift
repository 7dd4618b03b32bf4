/// A small pull parser for XML 1.0 documents over bytes, enough for GraphML: start
/// and end tags with attributes, text, CDATA sections, character and the five
/// predefined entity references; comments, processing instructions and the document
/// type declaration are skipped. Line ends in text are normalised to LF and
/// attribute values have literal tabs and line ends made spaces, as XML requires; a
/// character reference (`&#13;`) gives its character as it is.
///
/// - Complexity: O(length of the document), one pass.
struct XMLScanner {
    enum Event: Equatable {
        case start(name: Substring, attributes: [(name: Substring, value: String)], selfClosing: Bool)
        case end(name: Substring)
        case text(String)
        case end_of_document

        static func == (a: Event, b: Event) -> Bool {
            switch (a, b) {
            case (.start(let n1, let a1, let s1), .start(let n2, let a2, let s2)):
                n1 == n2 && s1 == s2 && a1.count == a2.count && zip(a1, a2).allSatisfy { $0.name == $1.name && $0.value == $1.value }
            case (.end(let n1), .end(let n2)): n1 == n2
            case (.text(let t1), .text(let t2)): t1 == t2
            case (.end_of_document, .end_of_document): true
            default: false
            }
        }
    }

    struct Failure: Error {
        var offset: Int
        var message: String
    }

    private let b: UnsafeBufferPointer<UInt8>
    private(set) var position = 0
    /// Where the markup of the last event started (for line numbers in messages).
    private(set) var markupStart = 0
    /// Names are kept as substrings of one string per element to spare allocations.
    private var scratch: [UInt8] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        b = bytes
        if b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { position = 3 }
    }

    /// The 1-based line of byte `offset`.
    func line(of offset: Int) -> Int {
        var n = 1
        for i in 0 ..< min(offset, b.count) where b[i] == 0x0A { n += 1 }
        return n
    }

    /// Whether the text between tags is only white space (then no event is made).
    private func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }

    mutating func next() throws(Failure) -> Event {
        while position < b.count {
            if b[position] != UInt8(ascii: "<") {
                let start = position
                var blank = true
                while position < b.count && b[position] != UInt8(ascii: "<") {
                    if !isSpace(b[position]) { blank = false }
                    position += 1
                }
                if blank { continue }
                return .text(try decode(start, position, attribute: false))
            }
            // Markup.
            markupStart = position
            guard position + 1 < b.count else { throw Failure(offset: position, message: "the document ends inside a tag") }
            let c = b[position + 1]
            if c == UInt8(ascii: "?") {
                try skip(past: "?>")
                continue
            }
            if c == UInt8(ascii: "!") {
                if starts("<!--") {
                    try skip(past: "-->")
                    continue
                }
                if starts("<![CDATA[") {
                    let start = position + 9
                    try skip(past: "]]>")
                    return .text(normaliseLineEnds(start, position - 3))
                }
                try skipDeclaration()
                continue
            }
            if c == UInt8(ascii: "/") {
                position += 2
                let name = try self.name()
                skipSpace()
                try expect(UInt8(ascii: ">"))
                return .end(name: name)
            }
            position += 1
            let name = try self.name()
            var attributes: [(name: Substring, value: String)] = []
            while true {
                skipSpace()
                guard position < b.count else { throw Failure(offset: position, message: "the document ends inside a tag") }
                if b[position] == UInt8(ascii: "/") {
                    position += 1
                    try expect(UInt8(ascii: ">"))
                    return .start(name: name, attributes: attributes, selfClosing: true)
                }
                if b[position] == UInt8(ascii: ">") {
                    position += 1
                    return .start(name: name, attributes: attributes, selfClosing: false)
                }
                let attributeName = try self.name()
                skipSpace()
                try expect(UInt8(ascii: "="))
                skipSpace()
                guard position < b.count, b[position] == UInt8(ascii: "\"") || b[position] == UInt8(ascii: "'") else {
                    throw Failure(offset: position, message: "an attribute value must be quoted")
                }
                let quote = b[position]
                position += 1
                let start = position
                while position < b.count && b[position] != quote {
                    if b[position] == UInt8(ascii: "<") { throw Failure(offset: position, message: "'<' inside an attribute value") }
                    position += 1
                }
                guard position < b.count else { throw Failure(offset: start, message: "an attribute value is never closed") }
                let value = try decode(start, position, attribute: true)
                position += 1
                attributes.append((attributeName, value))
            }
        }
        return .end_of_document
    }

    // MARK: - Pieces

    private func starts(_ text: StaticString) -> Bool {
        let n = text.utf8CodeUnitCount
        guard position + n <= b.count else { return false }
        let p = text.utf8Start
        for k in 0 ..< n where b[position + k] != p[k] { return false }
        return true
    }

    private mutating func skip(past text: StaticString) throws(Failure) {
        let start = position
        while position < b.count {
            if starts(text) {
                position += text.utf8CodeUnitCount
                return
            }
            position += 1
        }
        throw Failure(offset: start, message: "the document ends before \(text)")
    }

    /// Skips `<!DOCTYPE ...>` with its internal subset, if any.
    private mutating func skipDeclaration() throws(Failure) {
        let start = position
        var depth = 0
        var quote: UInt8 = 0
        while position < b.count {
            let c = b[position]
            position += 1
            if quote != 0 {
                if c == quote { quote = 0 }
            } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                quote = c
            } else if c == UInt8(ascii: "[") {
                depth += 1
            } else if c == UInt8(ascii: "]") {
                depth -= 1
            } else if c == UInt8(ascii: ">") && depth <= 0 {
                return
            }
        }
        throw Failure(offset: start, message: "a declaration is never closed")
    }

    private mutating func skipSpace() {
        while position < b.count && isSpace(b[position]) { position += 1 }
    }

    private mutating func expect(_ c: UInt8) throws(Failure) {
        guard position < b.count, b[position] == c else {
            throw Failure(offset: position, message: "expected '\(Character(Unicode.Scalar(c)))'")
        }
        position += 1
    }

    private mutating func name() throws(Failure) -> Substring {
        let start = position
        while position < b.count {
            let c = b[position]
            if isSpace(c) || c == UInt8(ascii: ">") || c == UInt8(ascii: "/") || c == UInt8(ascii: "=") { break }
            position += 1
        }
        guard position > start else { throw Failure(offset: position, message: "expected a name") }
        return Substring(String(decoding: UnsafeBufferPointer(rebasing: b[start ..< position]), as: UTF8.self))
    }

    private func normaliseLineEnds(_ start: Int, _ end: Int) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var i = start
        while i < end {
            if b[i] == 0x0D {
                out.append(0x0A)
                if i + 1 < end && b[i + 1] == 0x0A { i += 1 }
            } else {
                out.append(b[i])
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The text of `b[start..<end]` with references resolved and line ends (in
    /// attributes: tabs and line ends) normalised.
    private mutating func decode(_ start: Int, _ end: Int, attribute: Bool) throws(Failure) -> String {
        var plain = true
        for i in start ..< end where b[i] == UInt8(ascii: "&") || b[i] == 0x0D || (attribute && (b[i] == 0x09 || b[i] == 0x0A)) {
            plain = false
            break
        }
        if plain { return String(decoding: UnsafeBufferPointer(rebasing: b[start ..< end]), as: UTF8.self) }
        scratch.removeAll(keepingCapacity: true)
        var i = start
        while i < end {
            let c = b[i]
            if c == 0x0D {
                scratch.append(attribute ? 0x20 : 0x0A)
                if i + 1 < end && b[i + 1] == 0x0A { i += 1 }
                i += 1
                continue
            }
            if attribute && (c == 0x09 || c == 0x0A) {
                scratch.append(0x20)
                i += 1
                continue
            }
            guard c == UInt8(ascii: "&") else {
                scratch.append(c)
                i += 1
                continue
            }
            var semicolon = i + 1
            while semicolon < end && semicolon - i < 12 && b[semicolon] != UInt8(ascii: ";") { semicolon += 1 }
            guard semicolon < end, b[semicolon] == UInt8(ascii: ";") else {
                throw Failure(offset: i, message: "'&' that starts no reference (write &amp;)")
            }
            let reference = String(decoding: UnsafeBufferPointer(rebasing: b[(i + 1) ..< semicolon]), as: UTF8.self)
            switch reference {
            case "lt": scratch.append(UInt8(ascii: "<"))
            case "gt": scratch.append(UInt8(ascii: ">"))
            case "amp": scratch.append(UInt8(ascii: "&"))
            case "quot": scratch.append(UInt8(ascii: "\""))
            case "apos": scratch.append(UInt8(ascii: "'"))
            default:
                var value: UInt32?
                if reference.hasPrefix("#x") { value = UInt32(reference.dropFirst(2), radix: 16) } else if reference.hasPrefix("#") {
                    value = UInt32(reference.dropFirst(1))
                }
                guard let value, let scalar = Unicode.Scalar(value), value != 0 else {
                    throw Failure(offset: i, message: "unknown reference &\(reference);")
                }
                scratch.append(contentsOf: String(scalar).utf8)
            }
            i = semicolon + 1
        }
        return String(decoding: scratch, as: UTF8.self)
    }
}
