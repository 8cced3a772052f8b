import Foundation
import TollgateModel
import TollgateSBOM

/// Locates copied fixtures (`Fixtures/`, declared as a `.copy` resource) and reads small SBOM fixtures.
enum FixtureLoader {
    static var root: URL {
        get throws {
            guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
                throw CocoaError(.fileNoSuchFile)
            }
            return url
        }
    }

    static func url(_ relative: String) throws -> URL { try root.appendingPathComponent(relative) }

    static func data(_ relative: String) throws -> Data { try Data(contentsOf: url(relative)) }

    static func text(_ relative: String) throws -> String { String(decoding: try data(relative), as: UTF8.self) }

    /// Reads an SBOM fixture with the SBOM module's reader, as `tollgate scan` does.
    static func sbom(_ relative: String) throws -> SBOM {
        try SBOMReader.read(data: data(relative), filename: relative).sbom
    }

    /// A minimal CycloneDX/SPDX JSON reading (name, version, purl, bom-ref, nested components flattened),
    /// used to check that the findings do not depend on the SBOM reader's choices.
    static func minimalSBOM(_ relative: String) throws -> SBOM {
        let json = try JSONSerialization.jsonObject(with: data(relative)) as? [String: Any] ?? [:]
        var components: [SBOMComponent] = []
        func add(_ list: [[String: Any]]) {
            for c in list {
                let purl = (c["purl"] as? String).flatMap { try? PackageURL(parsing: $0) }
                components.append(SBOMComponent(bomRef: c["bom-ref"] as? String ?? UUID().uuidString,
                                                name: c["name"] as? String ?? "", version: c["version"] as? String, purl: purl))
                add(c["components"] as? [[String: Any]] ?? [])
            }
        }
        add(json["components"] as? [[String: Any]] ?? [])
        for p in json["packages"] as? [[String: Any]] ?? [] {
            let refs = p["externalRefs"] as? [[String: Any]] ?? []
            let purlText = refs.first { $0["referenceType"] as? String == "purl" }?["referenceLocator"] as? String
            components.append(SBOMComponent(bomRef: p["SPDXID"] as? String ?? "", name: p["name"] as? String ?? "",
                                            version: p["versionInfo"] as? String,
                                            purl: purlText.flatMap { try? PackageURL(parsing: $0) }))
        }
        var subject: SBOMComponent?
        if let meta = (json["metadata"] as? [String: Any])?["component"] as? [String: Any] {
            subject = SBOMComponent(bomRef: meta["bom-ref"] as? String ?? "", name: meta["name"] as? String ?? "")
        }
        return SBOM(subject: subject, components: components)
    }
}
