/// Money movements. Transfer `t` is row `t` of every column, in file order; the
/// `Ledger` projection gives them in time order.
///
/// Memory: 32 bytes a transfer (source, target, amount, time, currency, channel and
/// written form) plus its id.
public struct TransferTable: Sendable {
    public static let columns = ["id", "from", "to", "amount", "currency", "time", "channel"]
    public static let requiredColumns = ["id", "from", "to", "amount", "time"]
    /// The currency of a transfer that names none.
    public static let defaultCurrency = "USD"

    public internal(set) var ids = StringInterner()
    /// Sending account (entity index).
    public internal(set) var source: ContiguousArray<Int32> = []
    /// Receiving account (entity index).
    public internal(set) var target: ContiguousArray<Int32> = []
    /// Amount in 1/10,000 units (always positive).
    public internal(set) var amount: ContiguousArray<Int64> = []
    /// Unix seconds.
    public internal(set) var time: ContiguousArray<Int64> = []
    /// Currency code into `currencies` (USD is code 1 in every case).
    public internal(set) var currency: ContiguousArray<UInt16> = []
    public internal(set) var currencies = Vocabulary(seed: [TransferTable.defaultCurrency])
    /// Channel code into `channels` (0: not given).
    public internal(set) var channel: ContiguousArray<UInt16> = []
    public internal(set) var channels = Vocabulary(seed: TransferTable.knownChannels)
    /// How amount and time were written.
    public internal(set) var textForm: ContiguousArray<TransferTextForm> = []
    public var attributes = AttributeColumns()
    public var layout = TableLayout()

    /// Channels with a fixed code: `bank` 1, `ewallet` 2, `crypto` 3, `cash_out` 4.
    public static let knownChannels = ["bank", "ewallet", "crypto", "cash_out"]
    /// Code of the `cash_out` channel: money that left the traced system as cash.
    public static let cashOutChannel: UInt16 = 4

    public init() {}

    @inlinable public var count: Int { source.count }

    /// The id of transfer `t`.
    public func id(_ t: Int32) -> String { ids[t] }

    /// The transfer with this id, or nil.
    public func index(of id: String) -> Int32? { ids.index(of: id) }

    /// The amount of transfer `t`.
    @inlinable public func money(_ t: Int32) -> Money { Money(units: amount[Int(t)]) }

    /// The currency code of transfer `t` (`USD`, ...).
    public func currencyOf(_ t: Int32) -> String { currencies[currency[Int(t)]] }

    /// The channel of transfer `t`, or nil.
    public func channelOf(_ t: Int32) -> String? {
        let c = channel[Int(t)]
        return c == 0 ? nil : channels[c]
    }

    /// The first transfer (in row order) at which the amounts, added up in row order,
    /// pass `Int64.max` units; nil when all of them add up exactly. Balances, totals
    /// and flows over a case are exact only when this is nil.
    public var firstAmountPastExactSum: Int32? {
        var total: Int64 = 0
        for t in amount.indices {
            let (sum, overflow) = total.addingReportingOverflow(amount[t])
            if overflow { return Int32(t) }
            total = sum
        }
        return nil
    }

    /// Whether transfer `t` is a cash withdrawal (`channel` = `cash_out`).
    @inlinable public func isCashOut(_ t: Int32) -> Bool { channel[Int(t)] == TransferTable.cashOutChannel }

    /// Total amount per currency.
    public func totalByCurrency() -> [String: Money] {
        var sums = [Int64](repeating: 0, count: currencies.count)
        for t in 0 ..< count { sums[Int(currency[t])] &+= amount[t] }
        var out: [String: Money] = [:]
        for (code, s) in sums.enumerated() where s != 0 { out[currencies[UInt16(code)]] = Money(units: s) }
        return out
    }

    /// Earliest and latest time, or nil when there are no transfers.
    public func timeSpan() -> ClosedRange<Int64>? {
        guard let first = time.min(), let last = time.max() else { return nil }
        return first ... last
    }
}
