import Foundation

/// Formats the rows of a big table in chunks on two threads and writes the chunks in
/// row order, so that an export uses both cores, its memory stays bounded (at most
/// `window` chunks are formatted and not yet written) and its output is byte for byte
/// what one thread writes.
///
/// Each thread formats with its own formatter (`formatters[0]` on the calling thread,
/// `formatters[1]` on a helper thread) into a buffer of its own; the summary of each
/// chunk (notes, counters) is handed to `merge` on the calling thread, in row order,
/// so counts and first examples come out as one thread makes them. Each thread takes
/// chunks in increasing order, so a formatter may keep cursors that only move forward.
/// The calling thread also does the writing.
enum ChunkedRows {
    /// Rows per chunk: about a MB of output (payments), so that the threads rarely wait
    /// and a chunk is still in the cache when it is written out.
    static let defaultChunkRows = 4_096
    /// Chunks formatted but not yet written, at most.
    static let window = 4

    /// Formats rows `0 ..< count` with `format` and writes them to `out` in order.
    ///
    /// - Parameters:
    ///   - format: formats the rows of the range into the (empty) buffer with a
    ///     thread's formatter and returns what `merge` needs. Called from two threads
    ///     at once, each with its own formatter: it must touch nothing else mutable.
    ///   - merge: takes each chunk's summary, in row order, on the calling thread.
    /// - Complexity: O(count) formatting; memory O(window x chunk output).
    static func write<Formatter, Summary>(
        rows count: Int, chunkRows: Int = defaultChunkRows, formatters: (Formatter, Formatter), to out: ByteWriter,
        format: (inout Formatter, Range<Int>, inout [UInt8]) throws -> Summary,
        merge: (Summary) throws -> Void
    ) throws {
        let chunks = (count + chunkRows - 1) / chunkRows
        func range(_ k: Int) -> Range<Int> { k * chunkRows ..< min(count, (k + 1) * chunkRows) }
        var mine = formatters.0
        if chunks <= 1 {
            var buffer: [UInt8] = []
            if chunks == 1 {
                let summary = try format(&mine, range(0), &buffer)
                try merge(summary)
                try out.write(chunk: buffer)
            }
            return
        }
        let state = State<Summary>(chunks: chunks)
        try withoutActuallyEscaping(format) { format in
            // The thread holds the box, never `format` itself: the helper lets go of
            // `format` before it says it is done, so it does not outlive this call.
            let helper = Helper(formatter: formatters.1, format: format, state: state, range: range)
            let thread = Thread { helper.run() }
            thread.stackSize = 1 << 22
            thread.start()
            defer { state.finishHelper() }
            let lock = state.lock
            lock.lock()
            while state.nextToWrite < chunks {
                if let error = state.failure { lock.unlock(); throw error }
                if let done = state.ready.removeValue(forKey: state.nextToWrite) {
                    lock.unlock()
                    var buffer = done.buffer
                    do {
                        try merge(done.summary)
                        try out.write(chunk: buffer)
                    } catch {
                        state.fail(error)
                        throw error
                    }
                    buffer.removeAll(keepingCapacity: true)
                    lock.lock()
                    state.spare.append(buffer)
                    state.nextToWrite += 1
                    lock.broadcast()
                    continue
                }
                if state.nextToTake < chunks && state.nextToTake - state.nextToWrite < window {
                    let k = state.nextToTake
                    state.nextToTake += 1
                    var buffer = state.spare.popLast() ?? []
                    lock.unlock()
                    let summary: Summary
                    do { summary = try format(&mine, range(k), &buffer) } catch {
                        state.fail(error)
                        throw error
                    }
                    lock.lock()
                    state.ready[k] = (buffer, summary)
                    continue
                }
                lock.wait()
            }
            lock.unlock()
        }
    }

    /// What the two threads share, behind `lock`.
    final class State<Summary>: @unchecked Sendable {
        let lock = NSCondition()
        let chunks: Int
        var nextToTake = 0
        var nextToWrite = 0
        var ready: [Int: (buffer: [UInt8], summary: Summary)] = [:]
        var spare: [[UInt8]] = []
        var failure: Error?
        var helperDone = false

        init(chunks: Int) { self.chunks = chunks }

        /// The helper thread's loop: take the next chunk while the window allows.
        func work<Formatter>(formatter: inout Formatter, format: (inout Formatter, Range<Int>, inout [UInt8]) throws -> Summary,
                             range: (Int) -> Range<Int>) {
            lock.lock()
            while true {
                while failure == nil && nextToTake < chunks && nextToTake - nextToWrite >= ChunkedRows.window { lock.wait() }
                if failure != nil || nextToTake >= chunks { break }
                let k = nextToTake
                nextToTake += 1
                var buffer = spare.popLast() ?? []
                lock.unlock()
                do {
                    let summary = try format(&formatter, range(k), &buffer)
                    lock.lock()
                    ready[k] = (buffer, summary)
                } catch {
                    lock.lock()
                    if failure == nil { failure = error }
                }
                lock.broadcast()
            }
            lock.unlock()
        }

        /// Says that the helper thread has left its loop and let go of its job.
        func helperFinished() {
            lock.lock()
            helperDone = true
            lock.broadcast()
            lock.unlock()
        }

        /// Stops the helper after the chunk it is formatting.
        func fail(_ error: Error) {
            lock.lock()
            if failure == nil { failure = error }
            lock.broadcast()
            lock.unlock()
        }

        /// Waits until the helper thread has left its loop.
        func finishHelper() {
            lock.lock()
            if !helperDone && failure == nil && nextToTake < chunks { failure = CancellationError() }
            lock.broadcast()
            while !helperDone { lock.wait() }
            lock.unlock()
        }
    }

    /// What the helper thread works with; it alone uses it until it says it is done.
    final class Helper<Formatter, Summary>: @unchecked Sendable {
        typealias Job = (formatter: Formatter, format: (inout Formatter, Range<Int>, inout [UInt8]) throws -> Summary, range: (Int) -> Range<Int>)
        private var job: Job?
        private let state: State<Summary>

        init(formatter: Formatter, format: @escaping (inout Formatter, Range<Int>, inout [UInt8]) throws -> Summary,
             state: State<Summary>, range: @escaping (Int) -> Range<Int>) {
            job = (formatter, format, range)
            self.state = state
        }

        func run() {
            takeJobAndWork()
            state.helperFinished()
        }

        @inline(never)
        private func takeJobAndWork() {
            guard var job = job.take() else { return }
            state.work(formatter: &job.formatter, format: job.format, range: job.range)
        }
    }
}
