/// A fast, deterministic 64-bit hash of a byte string, used by the interners.
///
/// It reads eight bytes at a time and finishes with MurmurHash3's 64-bit mixer, so
/// that ids that differ only in their last digits land far apart. It is not a
/// cryptographic hash: input hashes for provenance use SHA-256.
///
/// - Complexity: O(n) in the number of bytes.
@inlinable
public func byteHash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    let n = bytes.count
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ (UInt64(truncatingIfNeeded: n) &* 0xC2B2_AE3D_27D4_EB4F)
    guard let base = bytes.baseAddress, n > 0 else { return fmix64(h) }
    let raw = UnsafeRawPointer(base)
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
