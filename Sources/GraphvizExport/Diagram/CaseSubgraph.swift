import FraudGraph

/// The part of a case among a chosen set of entities: its ties merged per pair and
/// kind, its transfers merged per pair and currency. Views use it to put entities
/// and what joins them into a diagram.
///
/// - Complexity: O(links + transfers) to collect, whatever the size of the set.
struct CaseSubgraph {
    /// The chosen entities, in drawing order.
    let entities: [Int32]
    /// Position of each entity of the case in `entities`, or -1.
    let position: ContiguousArray<Int32>

    init(_ c: Case, entities: [Int32]) {
        self.entities = entities
        var position = ContiguousArray<Int32>(repeating: -1, count: c.entities.count)
        for (i, e) in entities.enumerated() { position[Int(e)] = Int32(i) }
        self.position = position
    }

    /// Ties between two chosen entities, merged per (source, target, kind).
    struct Tie: Hashable {
        var from: Int, to: Int, kind: UInt16, count: Int, weight: Double
    }

    /// Money between two chosen entities, merged per (from, to, currency).
    struct Flow: Hashable {
        var from: Int, to: Int, currency: UInt16, amount: Int64, count: Int, firstTime: Int64, lastTime: Int64
    }

    /// The ties among the chosen entities, in order of first appearance.
    func ties(_ c: Case, kinds: Set<UInt16>? = nil) -> [Tie] {
        var index: [PairKey: Int] = [:]
        var out: [Tie] = []
        let l = c.links
        for i in 0 ..< l.count {
            let a = position[Int(l.source[i])], b = position[Int(l.target[i])]
            if a < 0 || b < 0 { continue }
            let k = l.kind[i]
            if let kinds, !kinds.contains(k) { continue }
            let key = PairKey(a: a, b: b, code: k)
            if let j = index[key] {
                out[j].count += 1
                out[j].weight += l.weight[i]
            } else {
                index[key] = out.count
                out.append(Tie(from: Int(a), to: Int(b), kind: k, count: 1, weight: l.weight[i]))
            }
        }
        return out
    }

    /// The transfers among the chosen entities, merged, in order of first appearance.
    func flows(_ c: Case) -> [Flow] {
        var index: [PairKey: Int] = [:]
        var out: [Flow] = []
        let t = c.transfers
        for i in 0 ..< t.count {
            let a = position[Int(t.source[i])], b = position[Int(t.target[i])]
            if a < 0 || b < 0 { continue }
            let key = PairKey(a: a, b: b, code: t.currency[i])
            let time = t.time[i]
            if let j = index[key] {
                out[j].amount &+= t.amount[i]
                out[j].count += 1
                out[j].firstTime = min(out[j].firstTime, time)
                out[j].lastTime = max(out[j].lastTime, time)
            } else {
                index[key] = out.count
                out.append(Flow(from: Int(a), to: Int(b), currency: t.currency[i], amount: t.amount[i], count: 1, firstTime: time, lastTime: time))
            }
        }
        return out
    }

    /// Adds the ties and flows among the chosen entities to `diagram`, whose node
    /// `nodeOf[i]` draws `entities[i]`.
    static func addEdges(_ c: Case, ties: [Tie], flows: [Flow], nodeOf: [Int], to diagram: inout Diagram) {
        for tie in ties {
            let name = c.links.kinds[tie.kind]
            let kind = LinkKind(name)
            let count = kind == .contacted ? Int(tie.weight.rounded()) : tie.count
            diagram.add(Diagram.Edge(from: nodeOf[tie.from], to: nodeOf[tie.to], look: .link(kind), count: count))
        }
        for f in flows {
            diagram.add(Diagram.Edge(from: nodeOf[f.from], to: nodeOf[f.to], look: .transfer,
                                     amount: Money(units: f.amount), currency: c.transfers.currencies[f.currency],
                                     count: f.count, text: dateSpan(f.firstTime, f.lastTime)))
        }
    }

    /// `2024-03-01`, or `2024-03-01 – 2024-03-09`.
    static func dateSpan(_ first: Int64, _ last: Int64) -> String {
        let a = Timestamp.date(first), b = Timestamp.date(last)
        return a == b ? a : a + " – " + b
    }
}

/// A pair of positions with a code (a kind or a currency), as a dictionary key.
struct PairKey: Hashable {
    let a: Int32, b: Int32, code: UInt16
}
