import Foundation
import Testing
@testable import GraphvizExport

@Suite struct RendererTests {
    static let small = """
    digraph G { a -> b; b -> c; c -> a; a [label="Anna"]; }
    """

    @Test(arguments: LayoutEngine.allCases)
    func everyEngineRendersSVG(engine: LayoutEngine) throws {
        let r = try Renderer.shared.render(dot: Self.small, engine: engine, format: .svg)
        let text = String(decoding: r.data, as: UTF8.self)
        #expect(text.contains("<svg"))
        #expect(text.contains(">Anna</text>"))
        #expect(r.engine == engine)
        #expect(r.nodeCount == 3 && r.edgeCount == 3)
    }

    @Test func pngAndPDFInMemory() throws {
        let png = try Renderer.shared.render(dot: Self.small, format: .png).data
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let pdf = try Renderer.shared.render(dot: Self.small, format: .pdf).data
        #expect(String(decoding: pdf.prefix(5), as: UTF8.self) == "%PDF-")
    }

    @Test func syntaxErrorsCarryGraphvizMessages() {
        #expect {
            _ = try Renderer.shared.render(dot: "digraph { a -> ; }", format: .svg)
        } throws: { error in
            guard case RenderError.syntax(let messages) = error else { return false }
            return messages.contains { $0.contains("syntax error") }
        }
        // The next render is not disturbed by the earlier error.
        #expect(throws: Never.self) { _ = try Renderer.shared.render(dot: Self.small, format: .svg) }
    }
}
