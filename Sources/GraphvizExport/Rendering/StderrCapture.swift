import Foundation

/// Catches what C code writes straight to stderr (fd 2) while `body` runs. Graphviz
/// 2.42's path router reports failures that way ("libpath/shortest.c:324:
/// triangulation failed"), not through its error function, and after such a failure
/// `gvFreeLayout` frees twice and aborts the process: the renderer needs to know.
///
/// Writes go to a temporary file (a pipe could fill and block); other text that
/// arrives meanwhile is passed on to the real stderr afterwards. Used under the
/// renderer's lock.
enum StderrCapture {
    /// Runs `body` with fd 2 sent to a temporary file; returns its result and the text.
    static func run<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> (T, String) {
        fflush(nil)
        let saved = dup(2)
        guard saved >= 0, let file = tmpfile() else { return (try body(), "") }
        dup2(fileno(file), 2)
        let result: Result<T, E>
        do { result = .success(try body()) } catch { result = .failure(error) }
        fflush(nil)
        dup2(saved, 2)
        close(saved)
        var bytes: [UInt8] = []
        rewind(file)
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = fread(&chunk, 1, chunk.count, file)
            if n <= 0 { break }
            bytes.append(contentsOf: chunk[0 ..< n])
        }
        fclose(file)
        let text = String(decoding: bytes, as: UTF8.self)
        // Pass on what is not Graphviz's path router.
        let others = text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("libpath/") && !$0.isEmpty }
        if !others.isEmpty { FileHandle.standardError.write(Data((others.joined(separator: "\n") + "\n").utf8)) }
        return (try result.get(), text)
    }
}
