/// A fast, deterministic 64-bit hash of a byte string, used by the interners.
///
/// Keys of 16 bytes or less (ids nearly always are: `A0001234`, `T00000001`) are
/// read as two overlapping words and mixed by two full 64 × 64 → 128-bit
/// multiplications whose halves are folded together, as wyhash does: every output
/// bit depends on every input bit, so ids that differ only in their last digits land
/// far apart. Longer keys are read eight bytes at a time and finished with
/// MurmurHash3's 64-bit mixer. It is not a cryptographic hash: input hashes for
/// provenance use SHA-256.
///
/// - Complexity: O(n) in the number of bytes.
@inlinable
public func byteHash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    let n = bytes.count
    guard let base = bytes.baseAddress, n > 0 else { return 0x9E37_79B9_7F4A_7C15 }
    let raw = UnsafeRawPointer(base)
    if n <= 16 {
        let a: UInt64, b: UInt64
        if n >= 8 {
            a = raw.loadUnaligned(as: UInt64.self)
            b = raw.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
        } else if n >= 4 {
            a = UInt64(raw.loadUnaligned(as: UInt32.self))
            b = UInt64(raw.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self))
        } else {
            a = UInt64(base[0]) << 16 | UInt64(base[n &>> 1]) << 8 | UInt64(base[n &- 1])
            b = 0
        }
        let mixed = foldedProduct(a ^ 0xA076_1D64_78BD_642F, b ^ 0xE703_7ED1_A0B4_28DB)
        return foldedProduct(mixed, UInt64(truncatingIfNeeded: n) ^ 0x8EBC_6AF0_9C88_C6E3)
    }
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ (UInt64(truncatingIfNeeded: n) &* 0xC2B2_AE3D_27D4_EB4F)
    var i = 0
    while i &+ 8 <= n {
        let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        h = (h ^ fmix64(w)) &* 0x87C3_7B91_1142_53D5
        h = (h << 31) | (h >> 33)
        i &+= 8
    }
    if i < n {
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(base[i]) << shift
            shift &+= 8
            i &+= 1
        }
        h = (h ^ fmix64(tail)) &* 0x4CF5_AD43_2745_937F
    }
    return fmix64(h)
}

/// The high and low halves of the 128-bit product of `a` and `b`, folded by xor
/// (wyhash's "mum").
@inlinable @inline(__always)
public func foldedProduct(_ a: UInt64, _ b: UInt64) -> UInt64 {
    let (high, low) = a.multipliedFullWidth(by: b)
    return high ^ low
}

/// MurmurHash3's 64-bit finaliser: every input bit affects every output bit.
@inlinable
public func fmix64(_ value: UInt64) -> UInt64 {
    var k = value
    k ^= k >> 33
    k &*= 0xFF51_AFD7_ED55_8CCD
    k ^= k >> 33
    k &*= 0xC4CE_B9FE_1A85_EC53
    k ^= k >> 33
    return k
}
