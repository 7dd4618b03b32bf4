/// One FollowTheMoney entity as a JSON line holds it:
/// `{"id": "...", "schema": "Person", "properties": {"name": ["..."], ...}}`.
/// Other top-level keys (`datasets`, `caption`, `first_seen`, ...) are ignored.
public struct FtMEntityRecord: Sendable, Equatable {
    public var id: String
    public var schema: String
    /// Properties in the order the line gives them, each with its values in order.
    public var properties: [(name: String, values: [String])]

    public init(id: String, schema: String, properties: [(name: String, values: [String])] = []) {
        self.id = id
        self.schema = schema
        self.properties = properties
    }

    /// The values of property `name` (empty when absent).
    public func values(_ name: String) -> [String] {
        for p in properties where p.name == name { return p.values }
        return []
    }

    /// The first value of property `name`, or nil.
    public func first(_ name: String) -> String? { values(name).first }

    public static func == (a: FtMEntityRecord, b: FtMEntityRecord) -> Bool {
        a.id == b.id && a.schema == b.schema && a.properties.count == b.properties.count
            && zip(a.properties, b.properties).allSatisfy { $0.name == $1.name && $0.values == $1.values }
    }
}

/// Why a line is not an FtM entity: the byte column (1-based) and what is wrong.
public struct FtMLineError: Error, Sendable, Equatable {
    public var column: Int
    public var message: String
}

/// Parses one line of FtM JSON lines into an `FtMEntityRecord`.
///
/// A small, strict JSON parser over bytes: objects, arrays, strings with every escape
/// (surrogate pairs included), numbers, `true`, `false`, `null`. Property values that
/// are numbers or booleans are kept as their text; `null` values are skipped; a single
/// string instead of a list is read as a list of one (as FtM's own reader does).
///
/// - Complexity: O(length of the line).
public struct FtMLineParser {
    private let b: UnsafeBufferPointer<UInt8>
    private var i = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { b = bytes }

    /// Parses `line` (UTF-8, without its line end).
    public static func parse(_ line: UnsafeBufferPointer<UInt8>) -> Result<FtMEntityRecord, FtMLineError> {
        guard isValidUTF8(line) else { return .failure(FtMLineError(column: 1, message: "the line is not valid UTF-8 text")) }
        var p = FtMLineParser(line)
        do {
            let record = try p.entity()
            return .success(record)
        } catch {
            return .failure(error)
        }
    }

    /// Parses a line given as a string (for tests).
    public static func parse(_ line: String) -> Result<FtMEntityRecord, FtMLineError> {
        var s = line
        return s.withUTF8 { parse($0) }
    }

    // MARK: - Grammar

    private mutating func entity() throws(FtMLineError) -> FtMEntityRecord {
        skipSpace()
        try expect(UInt8(ascii: "{"), "an entity line must be a JSON object")
        var id: String?, schema: String?
        var properties: [(name: String, values: [String])] = []
        skipSpace()
        if peek() == UInt8(ascii: "}") { i += 1 } else {
            while true {
                skipSpace()
                let key = try string()
                skipSpace()
                try expect(UInt8(ascii: ":"), "expected ':' after a key")
                skipSpace()
                switch key {
                case "id":
                    if peek() == UInt8(ascii: "\"") { id = try string() } else if peek() == UInt8(ascii: "n") {
                        try literal("null")
                    } else {
                        id = try scalarText()
                    }
                case "schema": schema = try string()
                case "properties": properties = try propertyObject()
                default: try skipValue()
                }
                skipSpace()
                if peek() == UInt8(ascii: ",") { i += 1; continue }
                try expect(UInt8(ascii: "}"), "expected ',' or '}' in the entity object")
                break
            }
        }
        skipSpace()
        if i < b.count { throw fail("unexpected text after the entity object") }
        guard let schema, !schema.isEmpty else { throw FtMLineError(column: 1, message: "the entity has no \"schema\"") }
        guard let id, !id.isEmpty else { throw FtMLineError(column: 1, message: "the entity has no \"id\"") }
        return FtMEntityRecord(id: id, schema: schema, properties: properties)
    }

    private mutating func propertyObject() throws(FtMLineError) -> [(name: String, values: [String])] {
        if peek() == UInt8(ascii: "n") { try literal("null"); return [] }
        try expect(UInt8(ascii: "{"), "\"properties\" must be an object")
        var out: [(name: String, values: [String])] = []
        skipSpace()
        if peek() == UInt8(ascii: "}") { i += 1; return out }
        while true {
            skipSpace()
            let name = try string()
            skipSpace()
            try expect(UInt8(ascii: ":"), "expected ':' after a property name")
            skipSpace()
            var values: [String] = []
            if peek() == UInt8(ascii: "[") {
                i += 1
                skipSpace()
                if peek() == UInt8(ascii: "]") { i += 1 } else {
                    while true {
                        skipSpace()
                        if let v = try valueText() { values.append(v) }
                        skipSpace()
                        if peek() == UInt8(ascii: ",") { i += 1; continue }
                        try expect(UInt8(ascii: "]"), "expected ',' or ']' in a list of values")
                        break
                    }
                }
            } else if let v = try valueText() {
                values.append(v)
            }
            if let k = out.firstIndex(where: { $0.name == name }) { out[k].values += values } else { out.append((name, values)) }
            skipSpace()
            if peek() == UInt8(ascii: ",") { i += 1; continue }
            try expect(UInt8(ascii: "}"), "expected ',' or '}' in \"properties\"")
            return out
        }
    }

    /// A property value as text: strings as they are, numbers and booleans as written,
    /// nil for null. Lists and objects are not values.
    private mutating func valueText() throws(FtMLineError) -> String? {
        switch peek() {
        case UInt8(ascii: "\""): return try string()
        case UInt8(ascii: "n"): try literal("null"); return nil
        case UInt8(ascii: "["), UInt8(ascii: "{"): throw fail("a property value must be a string, not a list or object")
        default: return try scalarText()
        }
    }

    /// A number, `true` or `false`, as written.
    private mutating func scalarText() throws(FtMLineError) -> String {
        let start = i
        switch peek() {
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        default: try number()
        }
        return String(decoding: UnsafeBufferPointer(rebasing: b[start ..< i]), as: UTF8.self)
    }

    private mutating func number() throws(FtMLineError) {
        let start = i
        if peek() == UInt8(ascii: "-") { i += 1 }
        guard let d = peek(), d >= 48 && d <= 57 else { throw fail("expected a value") }
        while let c = peek(), (c >= 48 && c <= 57) || c == UInt8(ascii: ".") || c == UInt8(ascii: "e")
            || c == UInt8(ascii: "E") || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") { i += 1 }
        if i == start { throw fail("expected a value") }
    }

    private mutating func skipValue() throws(FtMLineError) {
        skipSpace()
        switch peek() {
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let close = peek() == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
            let isObject = close == UInt8(ascii: "}")
            i += 1
            skipSpace()
            if peek() == close { i += 1; return }
            while true {
                skipSpace()
                if isObject {
                    _ = try string()
                    skipSpace()
                    try expect(UInt8(ascii: ":"), "expected ':' after a key")
                }
                try skipValue()
                skipSpace()
                if peek() == UInt8(ascii: ",") { i += 1; continue }
                try expect(close, "unbalanced brackets")
                return
            }
        case UInt8(ascii: "n"): try literal("null")
        default: _ = try scalarText()
        }
    }

    // MARK: - Tokens

    @inline(__always) private func peek() -> UInt8? { i < b.count ? b[i] : nil }

    private mutating func skipSpace() {
        while i < b.count, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D { i += 1 }
    }

    private func fail(_ message: String) -> FtMLineError { FtMLineError(column: i + 1, message: message) }

    private mutating func expect(_ c: UInt8, _ message: String) throws(FtMLineError) {
        guard peek() == c else { throw fail(message) }
        i += 1
    }

    private mutating func literal(_ word: StaticString) throws(FtMLineError) {
        let n = word.utf8CodeUnitCount
        guard i + n <= b.count else { throw fail("expected \(word)") }
        let p = word.utf8Start
        for k in 0 ..< n where b[i + k] != p[k] { throw fail("expected \(word)") }
        i += n
    }

    private mutating func string() throws(FtMLineError) -> String {
        guard peek() == UInt8(ascii: "\"") else { throw fail("expected a string") }
        i += 1
        let start = i
        // Fast path: no escapes.
        while i < b.count, b[i] != UInt8(ascii: "\""), b[i] != UInt8(ascii: "\\"), b[i] >= 0x20 { i += 1 }
        if i < b.count, b[i] == UInt8(ascii: "\"") {
            let s = String(decoding: UnsafeBufferPointer(rebasing: b[start ..< i]), as: UTF8.self)
            i += 1
            return s
        }
        var out = Array(b[start ..< i])
        while true {
            guard i < b.count else { throw fail("unterminated string") }
            let c = b[i]
            if c == UInt8(ascii: "\"") { i += 1; break }
            if c < 0x20 { throw fail("a control character must be escaped in a JSON string") }
            if c != UInt8(ascii: "\\") { out.append(c); i += 1; continue }
            i += 1
            guard i < b.count else { throw fail("unterminated string") }
            let e = b[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var code = try hex4()
                if (0xD800 ... 0xDBFF).contains(code) {
                    guard i + 1 < b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") else {
                        throw fail("a lone UTF-16 surrogate is not text")
                    }
                    i += 2
                    let low = try hex4()
                    guard (0xDC00 ... 0xDFFF).contains(low) else { throw fail("a lone UTF-16 surrogate is not text") }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00 ... 0xDFFF).contains(code) {
                    throw fail("a lone UTF-16 surrogate is not text")
                } else if code == 0 {
                    throw fail("a NUL character (\\u0000) is not allowed in case text")
                }
                out.append(contentsOf: String(Unicode.Scalar(code)!).utf8)
            default: throw fail("unknown escape in a JSON string")
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func hex4() throws(FtMLineError) -> UInt32 {
        guard i + 4 <= b.count else { throw fail("\\u needs four hex digits") }
        var v: UInt32 = 0
        for _ in 0 ..< 4 {
            let c = b[i]
            let d: UInt32
            switch c {
            case 48 ... 57: d = UInt32(c - 48)
            case 65 ... 70: d = UInt32(c - 55)
            case 97 ... 102: d = UInt32(c - 87)
            default: throw fail("\\u needs four hex digits")
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }
}
