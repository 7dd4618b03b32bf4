/// A small PNG reader for tests: checks the signature and every chunk's CRC, reads
/// IHDR, inflates the IDAT stream (zlib: stored, fixed and dynamic Huffman blocks,
/// Adler-32 checked) and undoes the scanline filters, so a test knows the picture
/// decodes, not only that it starts with the right bytes.
struct PNGDecoder {
    struct Image { let width: Int, height: Int, bitDepth: Int, colorType: Int, channels: Int, pixels: [UInt8] }

    enum Failure: Error, Equatable { case signature, truncated, crc(String), header, inflate(String), filter, size }

    static func decode(_ data: [UInt8]) throws(Failure) -> Image {
        guard data.count > 8, Array(data[0 ..< 8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else { throw .signature }
        var p = 8
        var width = 0, height = 0, depth = 0, colorType = 0, interlace = 0
        var idat: [UInt8] = []
        var sawEnd = false
        while p + 12 <= data.count {
            let length = Int(be32(data, p))
            let typeBytes = Array(data[p + 4 ..< p + 8])
            let type = String(decoding: typeBytes, as: UTF8.self)
            guard p + 12 + length <= data.count else { throw .truncated }
            let body = Array(data[p + 8 ..< p + 8 + length])
            guard crc32(typeBytes + body) == be32(data, p + 8 + length) else { throw .crc(type) }
            switch type {
            case "IHDR":
                guard length == 13 else { throw .header }
                width = Int(be32(body, 0)); height = Int(be32(body, 4))
                depth = Int(body[8]); colorType = Int(body[9]); interlace = Int(body[12])
            case "IDAT": idat += body
            case "IEND": sawEnd = true
            default: break
            }
            p += 12 + length
            if sawEnd { break }
        }
        guard sawEnd, width > 0, height > 0, depth == 8, interlace == 0 else { throw .header }
        let channels: Int
        switch colorType {
        case 0: channels = 1
        case 2: channels = 3
        case 4: channels = 2
        case 6: channels = 4
        default: throw .header
        }
        let raw = try inflate(zlib: idat)
        let stride = width * channels
        guard raw.count == height * (stride + 1) else { throw .size }
        // Undo the filters.
        var pixels = [UInt8](repeating: 0, count: height * stride)
        for y in 0 ..< height {
            let filter = raw[y * (stride + 1)]
            guard filter <= 4 else { throw .filter }
            for x in 0 ..< stride {
                let v = raw[y * (stride + 1) + 1 + x]
                let a = x >= channels ? Int(pixels[y * stride + x - channels]) : 0
                let b = y > 0 ? Int(pixels[(y - 1) * stride + x]) : 0
                let c = (x >= channels && y > 0) ? Int(pixels[(y - 1) * stride + x - channels]) : 0
                let predicted: Int
                switch filter {
                case 0: predicted = 0
                case 1: predicted = a
                case 2: predicted = b
                case 3: predicted = (a + b) / 2
                default:
                    let pa = abs(b - c), pb = abs(a - c), pc = abs(a + b - 2 * c)
                    predicted = (pa <= pb && pa <= pc) ? a : (pb <= pc ? b : c)
                }
                pixels[y * stride + x] = UInt8((Int(v) + predicted) & 0xFF)
            }
        }
        return Image(width: width, height: height, bitDepth: depth, colorType: colorType, channels: channels, pixels: pixels)
    }

    static func be32(_ d: [UInt8], _ p: Int) -> UInt32 {
        UInt32(d[p]) << 24 | UInt32(d[p + 1]) << 16 | UInt32(d[p + 2]) << 8 | UInt32(d[p + 3])
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            c ^= UInt32(b)
            for _ in 0 ..< 8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        }
        return c ^ 0xFFFF_FFFF
    }

    // MARK: - zlib inflate (RFC 1950, 1951)

    static func inflate(zlib: [UInt8]) throws(Failure) -> [UInt8] {
        guard zlib.count >= 6, zlib[0] & 0x0F == 8, (UInt16(zlib[0]) << 8 | UInt16(zlib[1])) % 31 == 0 else { throw .inflate("zlib header") }
        var bits = BitReader(bytes: zlib, position: 2)
        var out: [UInt8] = []
        var last = false
        while !last {
            last = try bits.read(1) == 1
            switch try bits.read(2) {
            case 0:
                bits.alignToByte()
                let len = Int(try bits.read(16)), nlen = Int(try bits.read(16))
                guard len == (~nlen & 0xFFFF) else { throw .inflate("stored length") }
                for _ in 0 ..< len { out.append(UInt8(try bits.read(8))) }
            case 1:
                try inflateBlock(&bits, &out, literal: fixedLiteral, distance: fixedDistance)
            case 2:
                let hlit = Int(try bits.read(5)) + 257, hdist = Int(try bits.read(5)) + 1, hclen = Int(try bits.read(4)) + 4
                let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
                var codeLengths = [Int](repeating: 0, count: 19)
                for i in 0 ..< hclen { codeLengths[order[i]] = Int(try bits.read(3)) }
                let lengthCode = try Huffman(lengths: codeLengths)
                var lengths: [Int] = []
                while lengths.count < hlit + hdist {
                    let sym = try lengthCode.decode(&bits)
                    switch sym {
                    case 0 ... 15: lengths.append(sym)
                    case 16:
                        guard let prev = lengths.last else { throw .inflate("repeat with nothing") }
                        for _ in 0 ..< 3 + Int(try bits.read(2)) { lengths.append(prev) }
                    case 17: for _ in 0 ..< 3 + Int(try bits.read(3)) { lengths.append(0) }
                    default: for _ in 0 ..< 11 + Int(try bits.read(7)) { lengths.append(0) }
                    }
                }
                guard lengths.count == hlit + hdist else { throw .inflate("code lengths overrun") }
                try inflateBlock(&bits, &out, literal: try Huffman(lengths: Array(lengths[0 ..< hlit])),
                                 distance: try Huffman(lengths: Array(lengths[hlit...])))
            default: throw .inflate("block type 3")
            }
        }
        bits.alignToByte()
        var adler = UInt32(0)
        for _ in 0 ..< 4 { adler = adler << 8 | UInt32(try bits.read(8)) }
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in out { a = (a + UInt32(byte)) % 65521; b = (b + a) % 65521 }
        guard adler == b << 16 | a else { throw .inflate("adler-32") }
        return out
    }

    static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    static let fixedLiteral = try! Huffman(lengths: (0 ..< 288).map { $0 < 144 ? 8 : ($0 < 256 ? 9 : ($0 < 280 ? 7 : 8)) })
    static let fixedDistance = try! Huffman(lengths: [Int](repeating: 5, count: 30))

    static func inflateBlock(_ bits: inout BitReader, _ out: inout [UInt8], literal: Huffman, distance: Huffman) throws(Failure) {
        while true {
            let sym = try literal.decode(&bits)
            if sym < 256 { out.append(UInt8(sym)); continue }
            if sym == 256 { return }
            let li = sym - 257
            guard li < lengthBase.count else { throw .inflate("length symbol") }
            let length = lengthBase[li] + Int(try bits.read(lengthExtra[li]))
            let di = try distance.decode(&bits)
            guard di < distBase.count else { throw .inflate("distance symbol") }
            let dist = distBase[di] + Int(try bits.read(distExtra[di]))
            guard dist <= out.count else { throw .inflate("distance too far") }
            let start = out.count - dist
            for k in 0 ..< length { out.append(out[start + k]) }
        }
    }

    struct BitReader {
        let bytes: [UInt8]
        var position: Int
        var bit = 0
        mutating func read(_ n: Int) throws(Failure) -> UInt32 {
            var v: UInt32 = 0
            for i in 0 ..< n {
                guard position < bytes.count else { throw .truncated }
                v |= UInt32((bytes[position] >> UInt8(bit)) & 1) << UInt32(i)
                bit += 1
                if bit == 8 { bit = 0; position += 1 }
            }
            return v
        }
        mutating func alignToByte() { if bit != 0 { bit = 0; position += 1 } }
    }

    /// Canonical Huffman decoding, one bit at a time (small and clear; speed does not matter here).
    struct Huffman {
        var counts = [Int](repeating: 0, count: 16)
        var symbols: [Int] = []
        init(lengths: [Int]) throws(Failure) {
            for l in lengths { counts[l] += 1 }
            counts[0] = 0
            var offsets = [Int](repeating: 0, count: 16)
            for l in 1 ..< 16 { offsets[l] = offsets[l - 1] + counts[l - 1] }
            symbols = [Int](repeating: 0, count: lengths.count)
            for (s, l) in lengths.enumerated() where l > 0 { symbols[offsets[l]] = s; offsets[l] += 1 }
        }
        func decode(_ bits: inout BitReader) throws(Failure) -> Int {
            var code = 0, first = 0, index = 0
            for len in 1 ..< 16 {
                code |= Int(try bits.read(1))
                let count = counts[len]
                if code - count < first { return symbols[index + (code - first)] }
                index += count
                first = (first + count) << 1
                code <<= 1
            }
            throw .inflate("bad code")
        }
    }
}
