/// How one transfer's amount and time were written, packed in 32 bits, so that a case
/// folder written back holds the same text it was read from (`1250.50` stays
/// `1250.50`, `+07:00` stays `+07:00`) without keeping the text itself.
public struct TransferTextForm: Sendable, Equatable {
    @usableFromInline var bits: UInt32

    @inlinable
    public init(amountFractionDigits: Int, timeStyle: Timestamp.Style, offsetMinutes: Int16) {
        bits = UInt32(amountFractionDigits & 7)
            | UInt32(timeStyle.rawValue & 3) << 3
            | UInt32(UInt16(bitPattern: offsetMinutes)) << 16
    }

    /// Decimals written for the amount (0...4).
    @inlinable public var amountFractionDigits: Int { Int(bits & 7) }

    /// How the time was written.
    @inlinable public var timeStyle: Timestamp.Style { Timestamp.Style(rawValue: UInt8((bits >> 3) & 3))! }

    /// The UTC offset written with the time, in minutes.
    @inlinable public var offsetMinutes: Int16 { Int16(bitPattern: UInt16(bits >> 16)) }
}
