/// A binary min-heap of (key, node) pairs, with lazy deletion left to the caller
/// (Dijkstra pushes a node again when its distance drops and skips stale pops).
struct MinHeap {
    private var keys: ContiguousArray<Double> = []
    private var nodes: ContiguousArray<Int32> = []
    /// Insertion counter, so that equal keys pop in insertion order.
    private var order: ContiguousArray<Int> = []
    private var counter = 0

    var isEmpty: Bool { keys.isEmpty }

    mutating func removeAll() { keys.removeAll(keepingCapacity: true); nodes.removeAll(keepingCapacity: true); order.removeAll(keepingCapacity: true); counter = 0 }

    private func less(_ i: Int, _ j: Int) -> Bool {
        keys[i] != keys[j] ? keys[i] < keys[j] : order[i] < order[j]
    }

    private mutating func swapAt(_ i: Int, _ j: Int) {
        keys.swapAt(i, j); nodes.swapAt(i, j); order.swapAt(i, j)
    }

    mutating func push(_ key: Double, _ node: Int32) {
        keys.append(key); nodes.append(node); order.append(counter); counter += 1
        var i = keys.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard less(i, parent) else { break }
            swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> (key: Double, node: Int32) {
        let top = (keys[0], nodes[0])
        let last = keys.count - 1
        swapAt(0, last)
        keys.removeLast(); nodes.removeLast(); order.removeLast()
        var i = 0
        let n = keys.count
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < n && less(l, m) { m = l }
            if r < n && less(r, m) { m = r }
            if m == i { break }
            swapAt(i, m)
            i = m
        }
        return top
    }
}
