extension CSVReader {
    /// Reads the records of bytes `range` of `path` (which must start at a record and
    /// end at a line end) batch by batch, handing each batch and its record count to
    /// `parse` until it returns false. Returns whether every record was read and taken
    /// and the part ended exactly where it was cut (a cut inside a quoted field shows
    /// up as a broken last record, or as bytes left over). `progress` gets the bytes
    /// read so far.
    static func readPart(path: String, range: Range<Int>, progress: ((Int) -> Void)?,
                         _ parse: (borrowing CSVReader, Int) -> Bool) -> Bool {
        guard var reader = try? CSVReader(path: path, range: range) else { return false }
        if let progress { reader.onChunk = { chunk, before in progress(before + chunk.count) } }
        while true {
            let n: Int
            do { n = try reader.nextBatch(max: CSVReader.batchCapacity) } catch { return false }
            if n == 0 { break }
            guard parse(reader, n) else { return false }
        }
        return reader.fileOffset == range.upperBound
    }
}
