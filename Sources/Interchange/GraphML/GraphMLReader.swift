import FraudGraph
import Foundation

/// Reads GraphML into a case.
///
/// A file `GraphMLWriter` wrote (its graph has `fraudgraph_format` data) comes back as
/// exactly the case that was written: entities, outside accounts, links, transfers,
/// reports, attributes, headers and the exact texts of the case files. Computed node
/// columns (`--node-columns`) come back as entity attributes.
///
/// Any other GraphML (Gephi, yEd, networkx, Cytoscape) is read as: every node an
/// entity (kind from its `kind` or `type` data, else `node`; name from `name` or
/// `label`; `country`, `role`), every edge a link (kind from `kind`, `type`, `label` or
/// `relationship`, else `linked_to`; `time` and `weight` when they parse), every other
/// data value an attribute named by the key's `attr.name`. Key defaults apply.
/// Hyperedges and ports are not read (a note says so).
public struct GraphMLReader: Sendable {
    /// Set bad elements aside instead of failing.
    public var lenient = false
    public var maxIssues = 1000

    public init(lenient: Bool = false) { self.lenient = lenient }

    /// Reads the GraphML file at `path`.
    public func read(file path: String) throws(CaseFolderError) -> GraphMLImport {
        let file: MappedFile
        do {
            file = try MappedFile(path: path)
        } catch {
            throw CaseFolderError(issues: [CaseIssue(file: path, line: 0, column: 0, cause: .unreadableFile,
                                                     message: "cannot read the file: \(error.localizedDescription)", value: path)], totalCount: 1)
        }
        var session = GraphMLImportSession(path: path, options: self)
        withExtendedLifetime(file) { session.run(file.bytes) }
        if session.fatal || (!lenient && session.report.problemCount > 0) {
            throw CaseFolderError(issues: session.issues, totalCount: session.report.problemCount)
        }
        var report = session.report
        report.files = [ImportReport.SourceFile(name: (path as NSString).lastPathComponent, path: path, bytes: file.count,
                                                rows: session.elementCount, rejected: report.rejected.count, sha256: nil)]
        return GraphMLImport(case: session.builder.freeze(), report: report, notes: session.notes)
    }
}

/// A case read from GraphML, how it was read, and notes on what the reader made of it.
public struct GraphMLImport: Sendable {
    public let `case`: Case
    public let report: ImportReport
    public let notes: InterchangeNotes
}

/// One read of a GraphML file.
struct GraphMLImportSession {
    let path: String
    let options: GraphMLReader
    var builder = CaseBuilder()
    var report = ImportReport()
    var issues: [CaseIssue] = []
    var notes = InterchangeNotes()
    var fatal = false
    var elementCount = 0

    struct Key {
        var domain: String
        var name: String
        var type: String
        var defaultValue: String?
    }

    var keys: [String: Key] = [:]
    /// Whether the file is one FraudGraph wrote.
    var isOurs = false
    var columnNames: [CaseBuilder.Table: [String]] = [:]
    /// Attribute column position in the builder, per table and key id.
    var attributeColumn: [String: (CaseBuilder.Table, Int)] = [:]
    var pendingOutside: [String: Element] = [:]
    var foreignEdges: [Element] = []

    /// A node or edge being read: its XML attributes and data by key id.
    struct Element {
        var attributes: [String: String] = [:]
        var data: [(key: String, value: String)] = []
        var offset: Int

        func value(_ key: String) -> String? {
            for d in data where d.key == key { return d.value }
            return nil
        }
    }

    struct Problem: Error {
        var cause: CaseIssue.Cause
        var message: String
        var value: String
        var column: String?
    }

    init(path: String, options: GraphMLReader) {
        self.path = path
        self.options = options
    }

    // MARK: - Reading

    mutating func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard isValidUTF8(bytes) else {
            record(Problem(cause: .invalidText, message: "the file is not valid UTF-8 text", value: path), offset: 0, scanner: nil)
            fatal = true
            return
        }
        var scanner = XMLScanner(bytes)
        var stack: [Substring] = []
        var current: Element?
        var currentKey: Key?
        var currentKeyID = ""
        var dataKey: String?
        var dataDepth = 0
        var dataText = ""
        var graphDepth = 0
        do {
            loop: while true {
                let event = try scanner.next()
                let elementStart = scanner.markupStart
                switch event {
                case .end_of_document:
                    break loop
                case .start(let qualified, let attributes, let selfClosing):
                    let name = Self.localName(qualified)
                    if dataKey != nil { dataDepth += selfClosing ? 0 : 1; continue }
                    var attrs: [String: String] = [:]
                    for a in attributes { attrs[String(Self.localName(a.name))] = a.value }
                    switch name {
                    case "key":
                        currentKeyID = attrs["id"] ?? ""
                        currentKey = Key(domain: attrs["for"] ?? "all", name: attrs["attr.name"] ?? currentKeyID,
                                         type: attrs["attr.type"] ?? "string", defaultValue: nil)
                        if selfClosing { keys[currentKeyID] = currentKey; currentKey = nil }
                    case "default" where currentKey != nil:
                        dataKey = "#default"
                        dataText = ""
                        if selfClosing { currentKey?.defaultValue = ""; dataKey = nil }
                    case "graph":
                        graphDepth += 1
                        if graphDepth > 1 { notes.add("nested graphs: their nodes and edges are read as part of the one case") }
                    case "node", "edge":
                        elementCount += 1
                        current = Element(attributes: attrs, offset: elementStart)
                        if selfClosing { finish(&current, name: name, scanner: scanner) }
                    case "hyperedge":
                        notes.add("hyperedges: not read (a case link joins two entities)")
                    case "data":
                        dataKey = attrs["key"] ?? ""
                        dataText = ""
                        dataDepth = 0
                        if selfClosing {
                            storeData(dataKey!, "", current: &current)
                            dataKey = nil
                        }
                    default:
                        break
                    }
                    if !selfClosing { stack.append(name) }
                case .end(let qualified):
                    let name = Self.localName(qualified)
                    if dataKey != nil && dataDepth > 0 { dataDepth -= 1; continue }
                    if !stack.isEmpty { stack.removeLast() }
                    switch name {
                    case "data":
                        if let key = dataKey {
                            if key == "#default" { currentKey?.defaultValue = dataText } else { storeData(key, dataText, current: &current) }
                        }
                        dataKey = nil
                    case "default":
                        if dataKey == "#default" { currentKey?.defaultValue = dataText; dataKey = nil }
                    case "key":
                        if let k = currentKey { keys[currentKeyID] = k }
                        currentKey = nil
                    case "node", "edge":
                        finish(&current, name: name, scanner: scanner)
                    case "graph":
                        graphDepth -= 1
                    default:
                        break
                    }
                case .text(let text):
                    if dataKey != nil && dataDepth == 0 { dataText += text }
                }
            }
        } catch {
            record(Problem(cause: .malformedRow, message: "not well-formed XML: \(error.message)", value: ""), offset: error.offset, scanner: scanner)
            fatal = true
            return
        }
        if !isOurs {
            for edge in foreignEdges { readForeignEdge(edge, scanner: scanner) }
        }
        for (id, element) in pendingOutside.sorted(by: { $0.value.offset < $1.value.offset }) {
            notes.add("nodes marked outside that no transfer names: kept as ordinary entities", example: id)
            do { try addNode(element, outside: false) } catch { record(error, offset: element.offset, scanner: scanner) }
        }
    }

    static func localName(_ name: Substring) -> Substring {
        if let colon = name.lastIndex(of: ":") { return name[name.index(after: colon)...] }
        return name
    }

    mutating func storeData(_ key: String, _ text: String, current: inout Element?) {
        if current != nil {
            current!.data.append((key, text))
            return
        }
        // Graph-level data.
        if key == GraphMLKey.format || keys[key]?.name == "fraudgraph_format" {
            isOurs = text.hasPrefix("fraudgraph-case-")
            if isOurs && text != GraphMLWriter.formatVersion {
                notes.add("a newer FraudGraph GraphML version: read as \(GraphMLWriter.formatVersion)", example: text)
            }
            return
        }
        guard isOurs else { return }
        for table in CaseBuilder.Table.allCases {
            if key == GraphMLKey.header(table) { builder.setHeader(table, GraphMLText.unlist(text)) }
            if key == GraphMLKey.columns(table) {
                let names = GraphMLText.unlist(text)
                columnNames[table] = names
                for (k, name) in names.enumerated() {
                    attributeColumn[GraphMLKey.attribute(table, k)] = (table, builder.addAttributeColumn(table, named: name))
                }
            }
        }
    }

    mutating func finish(_ current: inout Element?, name: Substring, scanner: XMLScanner) {
        guard let element = current else { return }
        current = nil
        do {
            if name == "node" {
                if isOurs {
                    try readOurNode(element)
                } else {
                    try readForeignNode(element)
                }
            } else if isOurs {
                try readOurEdge(element)
            } else {
                foreignEdges.append(element)
            }
        } catch {
            record(error, offset: element.offset, scanner: scanner)
        }
    }

    mutating func record(_ p: Problem, offset: Int, scanner: XMLScanner?) {
        let line = scanner?.line(of: offset) ?? 0
        let issue = CaseIssue(file: path, line: line, column: 1, columnName: p.column, cause: p.cause, message: p.message, value: p.value)
        report.problemCount += 1
        if issues.count < options.maxIssues { issues.append(issue) }
        if options.lenient { report.rejected.append(.init(issue: issue, fields: [p.value])) }
    }

    // MARK: - Our own files

    /// The value of `key` in `e`, percent-decoded when the element lists it as encoded.
    func value(_ e: Element, _ key: String, encodedKey: String) -> String? {
        guard let v = e.value(key) else { return nil }
        guard let list = e.value(encodedKey), list.split(separator: " ").contains(Substring(key)) else { return v }
        return PercentEncoding.decode(v)
    }

    func attribute(_ e: Element, _ name: String, flag: String, encodedKey: String) -> String? {
        guard let v = e.attributes[name] else { return nil }
        guard let list = e.value(encodedKey), list.split(separator: " ").contains(Substring(flag)) else { return v }
        return PercentEncoding.decode(v)
    }

    mutating func readOurNode(_ e: Element) throws(Problem) {
        guard let id = attribute(e, "id", flag: "id", encodedKey: GraphMLKey.nodeEncoded), !id.isEmpty else {
            throw Problem(cause: .missingValue, message: "a node has no id", value: "")
        }
        if e.value(GraphMLKey.nodeOutside) == "true" {
            pendingOutside[id] = e
            return
        }
        try addNode(e, outside: false)
    }

    /// Adds a node FraudGraph wrote as an entity, or sets the attributes of an outside
    /// account that a transfer has just made.
    mutating func addNode(_ e: Element, outside existing: Bool, index: Int32 = -1) throws(Problem) {
        let enc = GraphMLKey.nodeEncoded
        let id = attribute(e, "id", flag: "id", encodedKey: enc) ?? ""
        var row = index
        if !existing {
            let kind = value(e, GraphMLKey.nodeKind, encodedKey: enc) ?? ""
            guard !kind.isEmpty else { throw Problem(cause: .missingValue, message: "the node has no kind", value: id, column: "kind") }
            do {
                row = try builder.addEntity(id: id, kind: EntityKind(kind), name: value(e, GraphMLKey.nodeName, encodedKey: enc) ?? "",
                                            country: value(e, GraphMLKey.nodeCountry, encodedKey: enc) ?? "",
                                            role: value(e, GraphMLKey.nodeRole, encodedKey: enc) ?? "")
            } catch {
                throw Problem(cause: error == .duplicateID ? .duplicateID : .tooManyDistinct, message: error.description, value: id, column: "id")
            }
        }
        setExtras(.entities, row: row, e, encodedKey: enc, prefix: "n")
    }

    /// Attributes, exact texts and computed columns of one row.
    mutating func setExtras(_ table: CaseBuilder.Table, row: Int32, _ e: Element, encodedKey: String, prefix: String) {
        var columns: [(Int, String)] = []
        for d in e.data {
            if let (t, k) = attributeColumn[d.key], t == table {
                columns.append((k, value(e, d.key, encodedKey: encodedKey) ?? ""))
            } else if d.key.hasPrefix(prefix + "v_") {
                var text = value(e, d.key, encodedKey: encodedKey) ?? ""
                text.withUTF8 { builder.keepVerbatim(table, column: String(d.key.dropFirst(prefix.count + 2)), row: row, bytes: $0) }
            } else if table == .entities && d.key.hasPrefix("ncol") {
                let name = keys[d.key]?.name ?? d.key
                notes.add("computed node columns: read as entity attributes", example: name)
                columns.append((builder.addAttributeColumn(.entities, named: name), value(e, d.key, encodedKey: encodedKey) ?? ""))
            }
        }
        for (k, v) in columns.sorted(by: { $0.0 < $1.0 }) where !v.isEmpty {
            var text = v
            text.withUTF8 { builder.setAttribute(table, column: k, row: row, bytes: $0) }
        }
    }

    mutating func readOurEdge(_ e: Element) throws(Problem) {
        let enc = GraphMLKey.edgeEncoded
        guard let sourceID = attribute(e, "source", flag: "source", encodedKey: enc),
              let targetID = attribute(e, "target", flag: "target", encodedKey: enc) else {
            throw Problem(cause: .missingValue, message: "an edge needs a source and a target", value: "")
        }
        if let amountText = e.value(GraphMLKey.edgeAmount) {
            try readTransfer(e, sourceID, targetID, amountText)
        } else if let transferID = value(e, GraphMLKey.edgeTransfer, encodedKey: enc) {
            try readReport(e, transferID)
        } else {
            guard let source = builder.entityIndex(sourceID) else {
                throw Problem(cause: .unknownReference, message: "source names no node of this file", value: sourceID, column: "source")
            }
            guard let target = builder.entityIndex(targetID) else {
                throw Problem(cause: .unknownReference, message: "target names no node of this file", value: targetID, column: "target")
            }
            let kind = value(e, GraphMLKey.edgeKind, encodedKey: enc) ?? ""
            let code: UInt16
            do {
                code = try Self.withBytes(kind) { (b) throws(CaseBuilder.Problem) in try builder.linkKindCode(b).code }
            } catch {
                throw Problem(cause: error == .missingValue(column: "kind") ? .missingValue : .tooManyDistinct, message: error.description, value: kind, column: "kind")
            }
            var time = Timestamp.absent
            if let t = e.value(GraphMLKey.edgeTime) {
                guard case .success(let p) = Timestamp.parse(t) else { throw Problem(cause: .badTime, message: "time is not a time", value: t, column: "time") }
                time = p.seconds
            }
            var weight = 1.0
            if let w = e.value(GraphMLKey.edgeWeight) {
                guard let v = Double(w), v.isFinite, v > 0 else { throw Problem(cause: .badWeight, message: "weight must be a positive number", value: w, column: "weight") }
                weight = v
            }
            let row = builder.addLink(source: source, target: target, kind: code, time: time, weight: weight)
            setExtras(.links, row: row, e, encodedKey: enc, prefix: "l")
        }
    }

    mutating func readTransfer(_ e: Element, _ sourceID: String, _ targetID: String, _ amountText: String) throws(Problem) {
        let enc = GraphMLKey.edgeEncoded
        guard let id = value(e, GraphMLKey.edgeID, encodedKey: enc), !id.isEmpty else {
            throw Problem(cause: .missingValue, message: "a transfer edge has no id", value: "", column: "id")
        }
        let amount: Money, digits: Int
        switch Money.parse(amountText) {
        case .success(let p): (amount, digits) = (p.0, p.fractionDigits)
        case .failure(let why): throw Problem(cause: .badAmount, message: why.description, value: amountText, column: "amount")
        }
        let timeText = e.value(GraphMLKey.edgeTime) ?? ""
        guard case .success(var time) = Timestamp.parse(timeText) else {
            throw Problem(cause: .badTime, message: "time is not a time", value: timeText, column: "time")
        }
        if let style = e.value(GraphMLKey.edgeTimeStyle) {
            let parts = style.split(separator: ":")
            if parts.count == 2, let offset = Int16(parts[1]) {
                time.style = parts[0] == "unix" ? .unixSeconds : .other
                time.offsetMinutes = offset
            }
        }
        let currencyText = value(e, GraphMLKey.edgeCurrency, encodedKey: enc) ?? ""
        let currency: UInt16, channel: UInt16
        do {
            currency = try Self.withBytes(currencyText) { (b) throws(CaseBuilder.Problem) in try builder.currencyCode(b) }
            channel = try Self.withBytes(value(e, GraphMLKey.edgeChannel, encodedKey: enc) ?? "") { (b) throws(CaseBuilder.Problem) in try builder.channelCode(b) }
        } catch {
            throw Problem(cause: .tooManyDistinct, message: error.description, value: currencyText)
        }
        let before = builder.entities.count
        let form = TransferTextForm(amountFractionDigits: digits, timeStyle: time.style, offsetMinutes: time.offsetMinutes)
        let row: Int32
        do {
            row = try Self.withBytes(id) { (i) throws(CaseBuilder.Problem) in
                try Self.withBytes(sourceID) { (s) throws(CaseBuilder.Problem) in
                    try Self.withBytes(targetID) { (t) throws(CaseBuilder.Problem) in
                        let from: CaseBuilder.AccountReference = builder.entityIndex(s).map { .entity($0) } ?? .outside(s)
                        let to: CaseBuilder.AccountReference = builder.entityIndex(t).map { .entity($0) } ?? .outside(t)
                        return try builder.addTransfer(id: i, source: from, target: to, amount: amount, time: time.seconds,
                                                       currency: currency, channel: channel, form: form)
                    }
                }
            }
        } catch {
            switch error {
            case .cannotHoldMoney(let column, _): throw Problem(cause: .notAnAccount, message: error.description, value: column == "from" ? sourceID : targetID, column: column)
            default: throw Problem(cause: error == .duplicateID ? .duplicateID : .missingValue, message: error.description, value: id, column: "id")
            }
        }
        // Outside accounts this transfer made: their node's attributes, if any.
        if builder.entities.count > before {
            for accountID in [sourceID, targetID] {
                guard let a = builder.entityIndex(accountID), Int(a) >= before else { continue }
                if let node = pendingOutside.removeValue(forKey: accountID) {
                    try addNode(node, outside: true, index: a)
                } else if isOurs {
                    notes.add("transfers to or from accounts without a node: made outside accounts", example: accountID)
                }
            }
        }
        setExtras(.transfers, row: row, e, encodedKey: enc, prefix: "t")
    }

    mutating func readReport(_ e: Element, _ transferID: String) throws(Problem) {
        let enc = GraphMLKey.edgeEncoded
        guard let id = value(e, GraphMLKey.edgeID, encodedKey: enc), !id.isEmpty else {
            throw Problem(cause: .missingValue, message: "a report edge has no id", value: "", column: "id")
        }
        guard let transfer = builder.transfers.index(of: transferID) else {
            throw Problem(cause: .unknownReference, message: "transfer names no transfer of this file", value: transferID, column: "transfer")
        }
        var victim: Int32 = -1
        if let v = value(e, GraphMLKey.edgeVictim, encodedKey: enc) {
            guard let index = builder.entityIndex(v) else {
                throw Problem(cause: .unknownReference, message: "victim names no node of this file", value: v, column: "victim")
            }
            victim = index
        }
        var at = Timestamp.absent
        if let t = e.value(GraphMLKey.edgeTime) {
            guard case .success(let p) = Timestamp.parse(t) else { throw Problem(cause: .badTime, message: "time is not a time", value: t, column: "time") }
            at = p.seconds
        }
        let row: Int32
        do {
            row = try builder.addReport(id: id, transfer: transfer, victim: victim, reportedAt: at)
        } catch {
            throw Problem(cause: .duplicateID, message: error.description, value: id, column: "id")
        }
        setExtras(.reports, row: row, e, encodedKey: enc, prefix: "r")
    }

    // MARK: - Other tools' files

    /// The data of a foreign element by attr.name, defaults included.
    func named(_ e: Element, domain: String) -> [(name: String, value: String)] {
        var out: [(String, String)] = []
        var seen = Set<String>()
        for d in e.data {
            let name = keys[d.key]?.name ?? d.key
            seen.insert(d.key)
            out.append((name, d.value))
        }
        for (id, key) in keys.sorted(by: { $0.key < $1.key }) where (key.domain == domain || key.domain == "all") && !seen.contains(id) {
            if let v = key.defaultValue { out.append((key.name, v)) }
        }
        return out
    }

    mutating func readForeignNode(_ e: Element) throws(Problem) {
        guard let id = e.attributes["id"], !id.isEmpty else { throw Problem(cause: .missingValue, message: "a node has no id", value: "") }
        var kind = "", name = "", country = "", role = ""
        var attributes: [(String, String)] = []
        for (key, v) in named(e, domain: "node") {
            let k = key.lowercased()
            if (k == "kind" || k == "type") && kind.isEmpty {
                kind = v
            } else if (k == "name" || k == "label") && name.isEmpty {
                name = v
            } else if k == "country" && country.isEmpty {
                country = v
            } else if k == "role" && role.isEmpty {
                role = v
            } else {
                attributes.append((key, v))
            }
        }
        if kind.isEmpty { kind = "node" }
        let row: Int32
        do {
            row = try builder.addEntity(id: id, kind: EntityKind(kind), name: name, country: country, role: role)
        } catch {
            throw Problem(cause: error == .duplicateID ? .duplicateID : .tooManyDistinct, message: error.description, value: id, column: "id")
        }
        setNamedAttributes(.entities, row: row, attributes)
    }

    mutating func setNamedAttributes(_ table: CaseBuilder.Table, row: Int32, _ values: [(String, String)]) {
        var used = Set<String>()
        for (name, value) in values where !value.isEmpty {
            var n = name
            var k = 2
            while used.contains(n) { n = name + "#\(k)"; k += 1 }
            used.insert(n)
            let column = builder.addAttributeColumn(table, named: n)
            var v = value
            v.withUTF8 { builder.setAttribute(table, column: column, row: row, bytes: $0) }
        }
    }

    mutating func readForeignEdge(_ e: Element, scanner: XMLScanner) {
        do throws(Problem) {
            guard let sourceID = e.attributes["source"], let targetID = e.attributes["target"] else {
                throw Problem(cause: .missingValue, message: "an edge needs a source and a target", value: "")
            }
            guard let source = builder.entityIndex(sourceID) else {
                throw Problem(cause: .unknownReference, message: "source names no node of this file", value: sourceID, column: "source")
            }
            guard let target = builder.entityIndex(targetID) else {
                throw Problem(cause: .unknownReference, message: "target names no node of this file", value: targetID, column: "target")
            }
            var kind = "", time = Timestamp.absent, weight = 1.0
            var attributes: [(String, String)] = []
            var weightSeen = false
            for (key, v) in named(e, domain: "edge") {
                let k = key.lowercased()
                if ["kind", "type", "label", "relationship"].contains(k) && kind.isEmpty {
                    kind = v
                } else if (k == "time" || k == "date") && time == Timestamp.absent, case .success(let p) = Timestamp.parse(v) {
                    time = p.seconds
                } else if k == "weight" && !weightSeen, let w = Double(v), w.isFinite, w > 0 {
                    weight = w
                    weightSeen = true
                } else {
                    attributes.append((key, v))
                }
            }
            if kind.isEmpty { kind = "linked_to" }
            let code: UInt16
            do {
                code = try Self.withBytes(kind) { (b) throws(CaseBuilder.Problem) in try builder.linkKindCode(b).code }
            } catch {
                throw Problem(cause: .tooManyDistinct, message: error.description, value: kind, column: "kind")
            }
            let row = builder.addLink(source: source, target: target, kind: code, time: time, weight: weight)
            if let id = e.attributes["id"] { attributes.insert(("graphml_id", id), at: 0) }
            setNamedAttributes(.links, row: row, attributes)
        } catch {
            record(error, offset: e.offset, scanner: scanner)
        }
    }

    static func withBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) throws(CaseBuilder.Problem) -> R) throws(CaseBuilder.Problem) -> R {
        var s = text
        let result = s.withUTF8 { b in Result { () throws(CaseBuilder.Problem) -> R in try body(b) } }
        return try result.get()
    }
}
