
extension RendererTests {
    @Test func bigBitmapsAreRenderedAtALowerResolution() throws {
        var limits = RenderLimits.standard
        limits.maxPixels = 200_000
        let r = try Renderer.shared.render(dot: Self.chain(60), engine: .dot, format: .png, limits: limits)
        let image = try PNGDecoder.decode(r.data)
        #expect(image.width * image.height <= 200_000 + 2 * (image.width + image.height))
        #expect(r.notes.contains { $0.contains("dpi instead of 96") })
        let full = try Renderer.shared.render(dot: Self.chain(60), engine: .dot, format: .png)
        let big = try PNGDecoder.decode(full.data)
        #expect(big.width * big.height > 200_000)
    }
}
