import Foundation
import TollgateModel

/// Reads OpenVEX and CycloneDX VEX documents into `VEXStatement`s.
///
/// OpenVEX: https://github.com/openvex/spec/blob/main/OPENVEX-SPEC.md (`statements[]` with `vulnerability`,
/// `products`, `status`, `justification`, `impact_statement`). CycloneDX VEX:
/// https://cyclonedx.org/capabilities/vex/ (`vulnerabilities[]` with `id`, `analysis.state`,
/// `analysis.justification`, `affects[].ref`, where a ref may be a BOM-Link `urn:cdx:serial/version#bom-ref`).
public enum VEXDocument {
    public static let maxBytes = 16 << 20

    /// Parses a VEX document; `source` names it in reports.
    public static func parse(_ data: Data, source: String) throws(VulnerabilityError) -> [VEXStatement] {
        guard data.count <= maxBytes else {
            throw VulnerabilityError(.tooLarge, "the VEX document '\(source)' is \(data.count) bytes, over the \(maxBytes)-byte limit")
        }
        let json: JSONValue
        do {
            json = try JSONValue.parse(data, maxBytes: maxBytes)
        } catch {
            throw VulnerabilityError(.invalidVEX, "'\(source)' is not valid JSON: \(error.reason)")
        }
        if json["statements"]?.arrayValue != nil {
            return try openVEX(json, source: source)
        }
        if json["bomFormat"]?.stringValue == "CycloneDX" {
            return cycloneDX(json, source: source)
        }
        throw VulnerabilityError(.invalidVEX, "'\(source)' is neither OpenVEX (no 'statements') nor CycloneDX (no 'bomFormat')")
    }

    private static func openVEX(_ json: JSONValue, source: String) throws(VulnerabilityError) -> [VEXStatement] {
        var result: [VEXStatement] = []
        for (index, statement) in (json["statements"]?.arrayValue ?? []).enumerated() {
            // v0.2: vulnerability is an object {name, aliases}; v0.0.x: a string.
            let vulnerability = statement["vulnerability"]?["name"]?.stringValue
                ?? statement["vulnerability"]?["@id"]?.stringValue
                ?? statement["vulnerability"]?.stringValue
            guard let vulnerability, let statusText = statement["status"]?.stringValue,
                  let status = VEXStatus(rawValue: statusText) else {
                throw VulnerabilityError(.invalidVEX, "statement \(index) of '\(source)' lacks a vulnerability or a valid status")
            }
            let aliases = (statement["vulnerability"]?["aliases"]?.arrayValue ?? []).compactMap(\.stringValue)
            var products: [VEXProduct] = []
            for product in statement["products"]?.arrayValue ?? [] {
                let id = product["@id"]?.stringValue ?? product.stringValue
                guard let id else { continue }
                products.append(contentsOf: Self.product(id))
                for sub in product["subcomponents"]?.arrayValue ?? [] {
                    if let subID = sub["@id"]?.stringValue ?? sub.stringValue { products.append(contentsOf: Self.product(subID)) }
                }
                for purl in product["identifiers"]?["purl"]?.stringValue.map({ [$0] }) ?? [] {
                    products.append(contentsOf: Self.product(purl))
                }
            }
            result.append(VEXStatement(
                vulnerability: vulnerability, aliases: aliases, products: products, status: status,
                justification: statement["justification"]?.stringValue,
                detail: statement["impact_statement"]?.stringValue ?? statement["status_notes"]?.stringValue,
                source: "\(source) (OpenVEX)"))
        }
        return result
    }

    private static func cycloneDX(_ json: JSONValue, source: String) -> [VEXStatement] {
        var refToPurl: [String: String] = [:]
        for component in json["components"]?.arrayValue ?? [] {
            if let ref = component["bom-ref"]?.stringValue, let purl = component["purl"]?.stringValue { refToPurl[ref] = purl }
        }
        var result: [VEXStatement] = []
        for vulnerability in json["vulnerabilities"]?.arrayValue ?? [] {
            guard let id = vulnerability["id"]?.stringValue,
                  let state = vulnerability["analysis"]?["state"]?.stringValue,
                  let status = VEXStatus(cycloneDXState: state) else { continue }
            let aliases = (vulnerability["references"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue }
            var products: [VEXProduct] = []
            for affect in vulnerability["affects"]?.arrayValue ?? [] {
                guard var ref = affect["ref"]?.stringValue else { continue }
                // BOM-Link: urn:cdx:<serial>/<version>#<bom-ref>
                if ref.hasPrefix("urn:cdx:"), let hash = ref.firstIndex(of: "#") {
                    ref = String(ref[ref.index(after: hash)...]).removingPercentEncoding ?? String(ref[ref.index(after: hash)...])
                }
                if let purl = refToPurl[ref] { products.append(contentsOf: Self.product(purl)) }
                products.append(contentsOf: Self.product(ref))
            }
            result.append(VEXStatement(
                vulnerability: id, aliases: aliases, products: products, status: status,
                justification: vulnerability["analysis"]?["justification"]?.stringValue,
                detail: vulnerability["analysis"]?["detail"]?.stringValue,
                source: "\(source) (CycloneDX VEX)"))
        }
        return result
    }

    private static func product(_ id: String) -> [VEXProduct] {
        if id.hasPrefix("pkg:"), let purl = try? PackageURL(parsing: id) { return [.purl(purl), .reference(id)] }
        return [.reference(id)]
    }
}
