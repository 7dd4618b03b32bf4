/// Draws indices `0 ..< n` with probability proportional to `1 / (i + 1)^s`: a few
/// shops and employers get most of the traffic, as in real payment data.
struct ZipfTable: Sendable {
    private let cumulative: [Double]

    init(count n: Int, exponent s: Double) {
        var c = [Double](repeating: 0, count: max(n, 1))
        var total = 0.0
        for i in 0 ..< n {
            total += 1 / _exp(s * _log(Double(i + 1)))
            c[i] = total
        }
        cumulative = c.map { $0 / max(total, 1e-300) }
    }

    func draw(_ random: inout SeededRandom) -> Int {
        let u = random.unit()
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] < u { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
