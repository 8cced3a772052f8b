import Foundation
import TollgateModel

/// Deterministic JSON output and content-derived identifiers, so the same SBOM gives the same bytes.
enum DeterministicJSON {
    static func encode(_ node: JSONNode) -> Data {
        Data(node.serialized())
    }

    /// A UUID (version 5 layout, RFC 9562) derived from SHA-256 of `seed`.
    static func uuid(seed: String) -> String {
        var bytes = Array(DigestAlgorithm.sha256.hash(Array(seed.utf8)).bytes.prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = Hex.encode(bytes)
        let chars = Array(hex)
        return String(chars[0..<8]) + "-" + String(chars[8..<12]) + "-" + String(chars[12..<16]) + "-"
            + String(chars[16..<20]) + "-" + String(chars[20..<32])
    }

    /// A content fingerprint: the sorted component refs, purls, versions and edges.
    static func fingerprint(_ sbom: SBOM) -> String {
        var parts: [String] = [sbom.subject?.name ?? ""]
        for component in sbom.components {
            parts.append([component.bomRef, component.purl?.description ?? "", component.version ?? ""].joined(separator: "|"))
        }
        for edge in sbom.dependencies {
            parts.append(edge.ref + ">" + edge.dependsOn.joined(separator: ","))
        }
        return parts.joined(separator: "\n")
    }
}
