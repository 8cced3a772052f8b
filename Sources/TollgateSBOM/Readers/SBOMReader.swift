import Foundation
import TollgateModel

/// Reads an SBOM document, detecting its format: CycloneDX JSON (1.2–1.6), CycloneDX XML,
/// SPDX 2.x JSON and SPDX 2.x tag-value.
///
/// Real-world documents that bend their spec (a missing required field, an unknown license id, a
/// purl that does not parse) are read with warnings; input that is not an SBOM at all, or is
/// malformed, is refused with an `SBOMError`.
public enum SBOMReader {
    /// Largest document accepted, in bytes.
    public static let maximumBytes = 256 << 20

    /// Reads a document. `filename` is only a hint used in messages.
    public static func read(data: Data, filename: String? = nil) throws(SBOMError) -> SBOMReadResult {
        guard data.count <= maximumBytes else {
            throw SBOMError(.tooLarge, "an SBOM must be at most \(maximumBytes) bytes; found \(data.count).")
        }
        let what = filename ?? "the SBOM"
        guard let first = data.first(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF) }) else {
            throw SBOMError(.unknownFormat, "\(what) is empty.")
        }
        if first == UInt8(ascii: "{") {
            let value: JSONValue
            do {
                value = try JSONValue.parse(data, maxBytes: maximumBytes)
            } catch {
                throw SBOMError(.invalidJSON, "\(what) is not valid JSON (\(error.reason)).")
            }
            return try read(json: value, filename: filename)
        }
        if first == UInt8(ascii: "<") {
            return try CycloneDXXMLReader.read(data, what: what)
        }
        let text = String(decoding: data.prefix(4096), as: UTF8.self)
        if text.contains("SPDXVersion:") {
            return try SPDXTagValueReader.read(String(decoding: data, as: UTF8.self), what: what)
        }
        throw SBOMError(.unknownFormat, "\(what) is neither CycloneDX (JSON/XML) nor SPDX (JSON/tag-value).")
    }

    /// Reads a CycloneDX or SPDX JSON document already parsed, such as an attestation's predicate
    /// (no second parse of the same bytes).
    public static func read(json value: JSONValue, filename: String? = nil) throws(SBOMError) -> SBOMReadResult {
        let what = filename ?? "the SBOM"
        guard case .object(let object) = value else {
            throw SBOMError(.invalidJSON, "\(what) must be a JSON object; found \(JSONInput.typeName(value)).")
        }
        if object["spdxVersion"] != nil || object["SPDXID"]?.stringValue == "SPDXRef-DOCUMENT" {
            return try SPDXJSONReader.read(object, what: what)
        }
        if object["bomFormat"]?.stringValue == "CycloneDX" || (object["specVersion"] != nil && object["components"] != nil) {
            return try CycloneDXJSONReader.read(object, what: what)
        }
        throw SBOMError(.unknownFormat, "\(what) is JSON but neither CycloneDX (no \"bomFormat\": \"CycloneDX\") nor SPDX (no \"spdxVersion\").")
    }
}
