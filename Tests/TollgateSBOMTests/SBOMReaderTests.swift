import Foundation
import Testing
import TollgateModel
import TollgateSBOM

/// Reading real-world CycloneDX and SPDX documents (sbom/SOURCES.md).
@Suite("SBOM reader")
struct SBOMReaderTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let file: String
        let format: SBOMFormat
        let components: Int
        let withPurl: Int
        var testDescription: String { file }
    }

    // Counts taken from the documents themselves (components, and those with a purl).
    static let rows: [Row] = [
        Row(file: "sbom/cyclonedx/laravel-7.12.0__bom.1.4.json", format: .cycloneDXJSON, components: 62, withPurl: 62),
        Row(file: "sbom/cyclonedx/laravel-7.12.0__bom.1.2.json", format: .cycloneDXJSON, components: 62, withPurl: 62),
        Row(file: "sbom/cyclonedx/laravel-7.12.0__bom.1.4.xml", format: .cycloneDXXML, components: 62, withPurl: 62),
        Row(file: "sbom/cyclonedx/dropwizard-1.3.15__bom.json", format: .cycloneDXJSON, components: 167, withPurl: 167),
        Row(file: "sbom/cyclonedx/proton-bridge__proton-bridge-v1.6.3.bom.json", format: .cycloneDXJSON, components: 201, withPurl: 201),
        Row(file: "sbom/cyclonedx-py-sample/requirements.cdx-1.6.json", format: .cycloneDXJSON, components: 12, withPurl: 11),
        Row(file: "sbom/cyclonedx-py-sample/requirements.cdx-1.6.xml", format: .cycloneDXXML, components: 12, withPurl: 11),
        Row(file: "sbom/osv-scanner-sbom-insecure/alpine-zlib-16.cdx.json", format: .cycloneDXJSON, components: 1, withPurl: 1),
        Row(file: "sbom/spdx/SPDXJSONExample-v2.3.spdx.json", format: .spdxJSON, components: 4, withPurl: 1),
        Row(file: "sbom/spdx/SPDXTagExample-v2.3.spdx", format: .spdxTagValue, components: 4, withPurl: 1),
        Row(file: "sbom/osv-scanner-sbom-insecure/only-unimportant.spdx.json", format: .spdxJSON, components: 1, withPurl: 1),
        Row(file: "sbom/spdx/SPDXJSONExample-v2.2.spdx.json", format: .spdxJSON, components: 4, withPurl: 1),
        Row(file: "sbom/spdx/ControlCharacters.spdx.json", format: .spdxJSON, components: 2, withPurl: 0),
    ]

    @Test("reads the document and its components", arguments: rows)
    func reads(row: Row) throws {
        let result = try SBOMReader.read(data: try FixtureLoader.data(row.file), filename: row.file)
        #expect(result.sbom.format == row.format)
        #expect(result.sbom.components.count == row.components)
        #expect(result.sbom.components.filter { $0.purl != nil }.count == row.withPurl)
        // bom-refs are unique, so dependency edges are unambiguous.
        #expect(Set(result.sbom.components.map(\.bomRef)).count == result.sbom.components.count)
    }

    @Test("the XML and JSON forms of one BOM give the same components and edges", arguments: [
        ("sbom/cyclonedx/laravel-7.12.0__bom.1.4.json", "sbom/cyclonedx/laravel-7.12.0__bom.1.4.xml"),
        ("sbom/cyclonedx-py-sample/requirements.cdx-1.6.json", "sbom/cyclonedx-py-sample/requirements.cdx-1.6.xml"),
        ("sbom/cyclonedx/cern-lhc-vdm-editor-e564943__bom.json", "sbom/cyclonedx/cern-lhc-vdm-editor-e564943__bom.xml"),
    ])
    func xmlMatchesJSON(json: String, xml: String) throws {
        let a = try SBOMReader.read(data: try FixtureLoader.data(json)).sbom
        let b = try SBOMReader.read(data: try FixtureLoader.data(xml)).sbom
        func key(_ c: SBOMComponent) -> String { "\(c.bomRef)|\(c.name)|\(c.version ?? "")|\(c.purl?.description ?? "")|\(c.hashes.sorted())|\(c.licenses)" }
        #expect(Set(a.components.map(key)) == Set(b.components.map(key)))
        #expect(a.subject?.name == b.subject?.name)
        func edges(_ s: SBOM) -> Set<String> { Set(s.dependencies.flatMap { d in d.dependsOn.map { d.ref + ">" + $0 } }) }
        #expect(edges(a) == edges(b))
    }

    @Test("reads CycloneDX fields: purl, hashes, licenses, dependencies")
    func cycloneDXFields() throws {
        let result = try SBOMReader.read(data: try FixtureLoader.data("sbom/cyclonedx/proton-bridge__proton-bridge-v1.6.3.bom.json"))
        let sbom = result.sbom
        #expect(sbom.specVersion == "1.2")
        #expect(sbom.subject?.name.contains("proton-bridge") == true)
        let notificator = sbom.components.first { $0.name == "github.com/0xAX/notificator" }
        #expect(notificator?.purl?.type == "golang")
        #expect(notificator?.hashes.first?.algorithm == "SHA-256")
        #expect(notificator?.licenses == ["BSD-3-Clause"])
        #expect(notificator?.scope == .required)
        #expect(!sbom.dependencies.isEmpty)
        #expect(sbom.tools.contains { $0.hasPrefix("cyclonedx-gomod") })
    }

    @Test("reads SPDX packages, checksums, licenses and relationships")
    func spdxFields() throws {
        let result = try SBOMReader.read(data: try FixtureLoader.data("sbom/spdx/SPDXJSONExample-v2.3.spdx.json"))
        let sbom = result.sbom
        #expect(sbom.specVersion == "SPDX-2.3")
        let glibc = sbom.components.first { $0.name == "glibc" }
        #expect(glibc?.version == "2.11.1")
        #expect(glibc?.hashes.contains { $0.algorithm == "SHA-256" } == true)
        #expect(glibc?.licenses.isEmpty == false)
        let distro = try SBOMReader.read(data: try FixtureLoader.data("sbom/osv-scanner-sbom-insecure/only-unimportant.spdx.json"))
        #expect(distro.sbom.components.first?.purl?.description == "pkg:deb/ubuntu/pcre3@2:8.39-12ubuntu0.1?arch=amd64&distro=focal&source=pcre3")
    }

    @Test("a document that bends the spec is read with warnings")
    func bendsSpec() throws {
        let json = """
        {"specVersion": "1.5", "components": [
          {"name": "left-pad", "version": "1.0.0", "purl": "pkg:npm/left-pad@1.0.0", "licenses": [{"license": {"id": "Not-A-Real-License"}}]},
          {"type": "library", "version": "2.0", "purl": "pkg:pypi/Requests@2.0"},
          {"type": "library", "name": "bad", "version": "1", "purl": "pkg:maven/nogroup@1",
           "hashes": [{"alg": "SHA-256", "content": "xyz"}]},
          {"type": "library", "bom-ref": "dup", "name": "a"}, {"type": "library", "bom-ref": "dup", "name": "b"},
          42
        ]}
        """
        let result = try SBOMReader.read(data: Data(json.utf8), filename: "bent.json")
        #expect(result.sbom.components.count == 5)
        #expect(result.sbom.components[0].licenses == ["Not-A-Real-License"])
        #expect(result.sbom.components[1].name == "requests")
        #expect(result.sbom.components[2].purl == nil)
        #expect(result.sbom.components[2].hashes.isEmpty)
        #expect(Set(result.sbom.components.map(\.bomRef)).count == 5)
        let codes = Set(result.warnings.map(\.code))
        #expect(codes.isSuperset(of: ["sbom.missing-field", "sbom.invalid-purl", "sbom.invalid-hash", "sbom.duplicate-ref", "sbom.invalid-component"]))
    }

    @Test("malformed input gets a clear error", arguments: [
        "", "   ", "not an sbom", "{", "[1,2]", "{\"hello\": 1}", "{\"bomFormat\": \"CycloneDX\", \"components\": 5}",
        "<html></html>", "<bom><component>", "{\"spdxVersion\": \"SPDX-2.3\", \"packages\": {}}",
    ])
    func malformed(input: String) {
        #expect(throws: SBOMError.self) { try SBOMReader.read(data: Data(input.utf8), filename: "x") }
    }

    @Test("deeply nested components are refused, not a stack overflow")
    func deepNesting() {
        var json = "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":["
        for _ in 0..<200 { json += "{\"type\":\"library\",\"name\":\"x\",\"components\":[" }
        for _ in 0..<200 { json += "]}" }
        json += "]}"
        #expect(throws: SBOMError.self) { try SBOMReader.read(data: Data(json.utf8)) }
    }

    @Test("XML external entities are not resolved")
    func xxe() throws {
        let xml = """
        <?xml version="1.0"?>
        <!DOCTYPE bom [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
        <bom xmlns="http://cyclonedx.org/schema/bom/1.4"><components><component type="library"><name>&xxe;</name><version>1</version></component></components></bom>
        """
        let result = try? SBOMReader.read(data: Data(xml.utf8))
        #expect(result?.sbom.components.first?.name.contains("root:") != true)
    }
}
