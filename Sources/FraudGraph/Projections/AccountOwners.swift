/// Who holds each account, wallet or phone: the persons with an `owns` link to it,
/// or, for an entity nobody owns, the persons with a `uses` link to it.
///
/// The holders of entity `e` are `persons[offsets[e] ..< offsets[e + 1]]`, sorted
/// and distinct; entities nobody holds have an empty list. Only persons are holders
/// (an organisation that owns an account is not a person and is left out).
///
/// Memory: 8 bytes an entity plus 4 a holding.
public struct AccountOwners: Sendable {
    /// Start of each entity's list of holders; `entityCount + 1` entries.
    public let offsets: ContiguousArray<Int>
    /// Holders (person entity indices), entity by entity.
    public let persons: ContiguousArray<Int32>

    /// The holders of every entity of `c`.
    /// - Complexity: O(entities + links).
    public init(_ c: Case) {
        let n = c.entities.count
        let links = c.links, kind = c.entities.kind
        // An entity owned by someone takes its owners; otherwise its users.
        var owned = ContiguousArray<Bool>(repeating: false, count: n)
        for l in 0 ..< links.count where links.kind[l] == LinkKind.Code.owns {
            if kind[Int(links.source[l])] == EntityKind.Code.person { owned[Int(links.target[l])] = true }
        }
        var src = ContiguousArray<Int32>(), dst = ContiguousArray<Int32>()
        for l in 0 ..< links.count {
            let k = links.kind[l]
            guard k == LinkKind.Code.owns || k == LinkKind.Code.uses else { continue }
            let person = links.source[l], thing = links.target[l]
            guard kind[Int(person)] == EntityKind.Code.person, person != thing else { continue }
            if k == LinkKind.Code.uses && owned[Int(thing)] { continue }
            src.append(thing); dst.append(person)
        }
        let g = ArcGrouping(nodeCount: n, sources: src, targets: dst)
        offsets = g.offsets
        persons = g.targets
    }

    /// Number of entities covered.
    @inlinable public var entityCount: Int { offsets.count - 1 }

    /// Positions in `persons` of the holders of `e`.
    @inlinable public func holderRange(of e: Int32) -> Range<Int> { offsets[Int(e)] ..< offsets[Int(e) + 1] }

    /// Whether some person holds `e`.
    @inlinable public func isHeld(_ e: Int32) -> Bool { offsets[Int(e) + 1] > offsets[Int(e)] }

    /// Whether the two entities have exactly the same holders.
    @inlinable
    public func sameHolders(_ a: Int32, _ b: Int32) -> Bool {
        let ra = holderRange(of: a), rb = holderRange(of: b)
        guard ra.count == rb.count else { return false }
        var j = rb.lowerBound
        for i in ra {
            if persons[i] != persons[j] { return false }
            j += 1
        }
        return true
    }
}
