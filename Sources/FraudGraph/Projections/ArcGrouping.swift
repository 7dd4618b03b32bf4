/// Arcs grouped by source, each group sorted by target, equal (source, target)
/// pairs sharing one slot: the skeleton of a CSR out-list, with the slot of every
/// input arc, so that per-arc values can be summed into slots without searching.
///
/// Memory: 8 bytes a node plus 8 an arc.
struct ArcGrouping {
    /// Start of each source's slots; `nodeCount + 1` entries.
    let offsets: ContiguousArray<Int>
    /// Target of each slot.
    let targets: ContiguousArray<Int32>
    /// Slot of each input arc.
    let slotOfArc: ContiguousArray<Int32>

    /// - Complexity: O(n + m), by two counting sorts (by target, then stably by source).
    init(nodeCount n: Int, sources: ContiguousArray<Int32>, targets arcTargets: ContiguousArray<Int32>) {
        let m = sources.count
        precondition(arcTargets.count == m && m < Int(Int32.max))
        var byTarget = ContiguousArray<Int32>(repeating: 0, count: m)
        var bySource = ContiguousArray<Int32>(repeating: 0, count: m)
        var start = ContiguousArray<Int>(repeating: 0, count: n + 1)
        var slots = ContiguousArray<Int32>(repeating: 0, count: m)
        var slotTargets = ContiguousArray<Int32>()
        var offsets = ContiguousArray<Int>(repeating: 0, count: n + 1)
        sources.withUnsafeBufferPointer { src in
            arcTargets.withUnsafeBufferPointer { dst in
                start.withUnsafeMutableBufferPointer { s in
                    // Pass 1: arcs by target.
                    for i in 0 ..< m { s[Int(dst[i]) + 1] += 1 }
                    for v in 0 ..< n { s[v + 1] += s[v] }
                    byTarget.withUnsafeMutableBufferPointer { bt in
                        for i in 0 ..< m {
                            let v = Int(dst[i])
                            bt[s[v]] = Int32(i)
                            s[v] += 1
                        }
                    }
                    // Pass 2: stably by source, so targets come out ascending.
                    for v in 0 ... n { s[v] = 0 }
                    for i in 0 ..< m { s[Int(src[i]) + 1] += 1 }
                    for v in 0 ..< n { s[v + 1] += s[v] }
                    offsets.withUnsafeMutableBufferPointer { o in
                        for v in 0 ... n { o[v] = s[v] }
                    }
                    byTarget.withUnsafeBufferPointer { bt in
                        bySource.withUnsafeMutableBufferPointer { bs in
                            for k in 0 ..< m {
                                let i = Int(bt[k])
                                let u = Int(src[i])
                                bs[s[u]] = Int32(i)
                                s[u] += 1
                            }
                        }
                    }
                }
                // Slots: runs of equal targets within a source.
                slotTargets.reserveCapacity(m)
                bySource.withUnsafeBufferPointer { bs in
                    slots.withUnsafeMutableBufferPointer { sl in
                        var k = 0
                        for u in 0 ..< n {
                            let hi = offsets[u + 1]
                            offsets[u] = slotTargets.count
                            var previous: Int32 = -1
                            while k < hi {
                                let i = Int(bs[k])
                                let t = dst[i]
                                if t != previous { slotTargets.append(t); previous = t }
                                sl[i] = Int32(slotTargets.count - 1)
                                k += 1
                            }
                        }
                        offsets[n] = slotTargets.count
                    }
                }
            }
        }
        self.offsets = offsets
        self.targets = slotTargets
        self.slotOfArc = slots
    }

    /// Number of slots (distinct arcs).
    var slotCount: Int { targets.count }
}
