import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import TollgateModel

/// CycloneDX XML 1.2–1.6 (https://cyclonedx.org/docs/1.6/xml/). External entities are never
/// resolved; depth and component count are bounded.
enum CycloneDXXMLReader {
    static func read(_ data: Data, what: String) throws(SBOMError) -> SBOMReadResult {
        let handler = CycloneDXXMLHandler(file: what)
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        parser.delegate = handler
        let ok = parser.parse()
        if let failure = handler.failure { throw failure }
        guard ok else {
            throw SBOMError(.invalidDocument, "\(what) is not well-formed XML (at line \(parser.lineNumber), column \(parser.columnNumber)).")
        }
        guard handler.isComplete else {
            throw SBOMError(.invalidDocument, "\(what) is truncated XML (elements left open).")
        }
        guard handler.sawBOM else {
            throw SBOMError(.unknownFormat, "\(what) is XML but not a CycloneDX <bom>.")
        }
        return SBOMReadResult(sbom: handler.sbom, warnings: handler.builder.warnings)
    }
}

/// Collects CycloneDX XML elements into an `SBOM`.
private final class CycloneDXXMLHandler: NSObject, XMLParserDelegate {
    static let maximumDepth = 128
    static let maximumComponents = 1_000_000

    var builder: ComponentBuilder
    var sbom = SBOM(format: .cycloneDXXML)
    var sawBOM = false
    var failure: SBOMError?

    /// Element names from the root to the current element.
    private var path: [String] = []
    private var text = ""
    /// Components being built (nested components stack up).
    private var open: [Partial] = []
    private var dependencyStack: [String] = []
    private var edges: [String: [String]] = [:]
    private var edgeOrder: [String] = []
    private var hashAlgorithm: String?
    private var componentCount = 0

    struct Partial {
        var attributes: [String: String]
        var fields: [String: String] = [:]
        var hashes: [(String, String)] = []
        var licenses: [String] = []
        var isSubject: Bool
    }

    init(file: String) {
        builder = ComponentBuilder(file: file)
    }

    private func local(_ name: String) -> String {
        name.split(separator: ":").last.map(String.init) ?? name
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        let name = local(elementName)
        path.append(name)
        text = ""
        if path.count > Self.maximumDepth {
            failure = SBOMError(.tooLarge, "XML nests deeper than \(Self.maximumDepth) elements.")
            parser.abortParsing()
            return
        }
        switch name {
        case "bom" where path.count == 1:
            sawBOM = true
            if let namespace = attributes["xmlns"], let version = namespace.split(separator: "/").last {
                sbom.specVersion = String(version)
            }
            sbom.serialNumber = attributes["serialNumber"]
        case "component":
            let parent = path.dropLast().last
            let isSubject = parent == "metadata"
            // metadata/tools/components lists tools (CycloneDX 1.5+), not inventory.
            let isTool = path.count >= 3 && path[path.count - 3] == "tools"
            if (parent == "components" && !isTool) || isSubject {
                componentCount += 1
                if componentCount > Self.maximumComponents {
                    failure = SBOMError(.tooLarge, "more than \(Self.maximumComponents) components.")
                    parser.abortParsing()
                    return
                }
                open.append(Partial(attributes: attributes, isSubject: isSubject))
            }
        case "hash":
            hashAlgorithm = attributes["alg"]
        case "dependency":
            if let ref = attributes["ref"] {
                if let parent = dependencyStack.last {
                    if edges[parent] == nil { edgeOrder.append(parent) }
                    edges[parent, default: []].append(ref)
                } else if edges[ref] == nil {
                    edgeOrder.append(ref)
                    edges[ref] = []
                }
                dependencyStack.append(ref)
            } else {
                dependencyStack.append("")
            }
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if text.utf8.count < 1 << 20 { text += string }
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        if text.utf8.count < 1 << 20 { text += String(decoding: CDATABlock, as: UTF8.self) }
    }

    /// True when every opened element was closed (a truncated document is refused).
    var isComplete: Bool { path.isEmpty }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        let name = local(elementName)
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let parent = path.dropLast().last
        defer {
            path.removeLast()
            text = ""
        }
        switch name {
        case "component" where !open.isEmpty && (parent == "metadata" || (parent == "components" && !(path.count >= 3 && path[path.count - 3] == "tools"))):
            guard let partial = open.popLast() else { return }
            finish(partial)
        case _ where ["name", "version", "group", "purl", "scope"].contains(name) && parent == "component" && !open.isEmpty:
            open[open.count - 1].fields[name] = value
        case "hash" where !open.isEmpty && parent == "hashes" && path.dropLast(2).last == "component":
            if let alg = hashAlgorithm { open[open.count - 1].hashes.append((alg, value)) }
        case _ where (name == "id" || name == "name") && parent == "license" && !open.isEmpty:
            if name == "id" || !(open[open.count - 1].licenses.contains(value)) { open[open.count - 1].licenses.append(value) }
        case "expression" where parent == "licenses" && !open.isEmpty:
            open[open.count - 1].licenses.append(value)
        case "timestamp" where parent == "metadata":
            sbom.created = ISO8601.parse(value)
        case "dependency":
            if !dependencyStack.isEmpty { dependencyStack.removeLast() }
        default:
            break
        }
    }

    private func finish(_ partial: Partial) {
        let purl = builder.purl(partial.fields["purl"], component: partial.fields["name"] ?? "(unnamed)")
        var name = partial.fields["name"] ?? ""
        if name.isEmpty {
            builder.warn("sbom.missing-field", "a component has no <name>.")
            name = purl?.name ?? ""
        }
        let hashes = partial.hashes.compactMap { builder.hash(algorithm: $0.0, value: $0.1, component: name) }
        var scope: SBOMComponentScope?
        switch partial.fields["scope"] {
        case "required"?: scope = .required
        case "optional"?: scope = .optional
        case "excluded"?: scope = .development
        default: scope = nil
        }
        let version = partial.fields["version"]
        let ref = builder.reference(partial.attributes["bom-ref"], purl: purl, name: name, version: version)
        let component = SBOMComponent(bomRef: ref, type: partial.attributes["type"] ?? "library", name: name,
                                      group: partial.fields["group"], version: version, purl: purl, hashes: hashes,
                                      licenses: partial.licenses, scope: scope)
        if partial.isSubject && sbom.subject == nil {
            sbom.subject = component
        } else {
            sbom.components.append(component)
        }
    }

    func parserDidEndDocument(_ parser: XMLParser) {
        sbom.dependencies = edgeOrder.map { SBOMDependency(ref: $0, dependsOn: edges[$0] ?? []) }
    }
}
