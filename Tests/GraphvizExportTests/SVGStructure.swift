import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What an SVG holds, read with Foundation's XMLParser: element and attribute names,
/// text of `<text>` elements in order, and the tooltips (`xlink:title`).
final class SVGStructure: NSObject, XMLParserDelegate {
    private(set) var elements = Set<String>()
    private(set) var attributes = Set<String>()
    private(set) var texts: [String] = []
    private(set) var tooltips: [String] = []
    private(set) var attributeValues: [String] = []
    private var inText = false
    private var current = ""
    private(set) var error: Error?

    /// Parses `data`; nil when it is not well-formed XML.
    static func read(_ data: [UInt8]) -> SVGStructure? {
        let s = SVGStructure()
        let parser = XMLParser(data: Data(data))
        parser.shouldResolveExternalEntities = false
        parser.delegate = s
        return parser.parse() && s.error == nil ? s : nil
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes attributeDict: [String: String] = [:]) {
        elements.insert(elementName)
        for (k, v) in attributeDict {
            attributes.insert(k)
            attributeValues.append(v)
            if k == "xlink:title" { tooltips.append(v) }
        }
        if elementName == "text" { inText = true; current = "" }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        if elementName == "text" { texts.append(current); inText = false }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }
}
