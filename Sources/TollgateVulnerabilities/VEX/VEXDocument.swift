import Foundation
import TollgateModel

/// Reads OpenVEX and CycloneDX VEX documents into `VEXStatement`s, in document order.
///
/// OpenVEX: https://github.com/openvex/spec/blob/main/OPENVEX-SPEC.md (`statements[]` with `vulnerability`,
/// `products`, `status`, `justification`, `impact_statement`, `timestamp`, `last_updated`). CycloneDX VEX:
/// https://cyclonedx.org/capabilities/vex/ (`vulnerabilities[]` with `id`, `analysis.state`,
/// `analysis.justification`, `affects[].ref`, where a ref may be a BOM-Link `urn:cdx:serial/version#bom-ref`).
///
/// Every statement gets a timestamp when its document gives one, so that `VEXResolver` can order them:
///
/// - OpenVEX: the later of the statement's `timestamp` and `last_updated`; a statement with neither inherits
///   the later of the document's `timestamp` and `last_updated` (§Inheritance Flow: "A timestamp in a
///   `statement` entry overrides a timestamp defined at the document level").
/// - CycloneDX: the vulnerability's `analysis.lastUpdated`, else `analysis.firstIssued`, else its `updated`,
///   else its `published`, else the BOM's `metadata.timestamp`.
///
/// A timestamp that is present but not an RFC 3339 `date-time` makes the document invalid (`vuln.invalid-vex`):
/// silently dropping it would reorder the statements.
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
            return try cycloneDX(json, source: source)
        }
        throw VulnerabilityError(.invalidVEX, "'\(source)' is neither OpenVEX (no 'statements') nor CycloneDX (no 'bomFormat')")
    }

    private static func openVEX(_ json: JSONValue, source: String) throws(VulnerabilityError) -> [VEXStatement] {
        let author = json["author"]?.stringValue
        let documentTime = latest(
            try timestamp(json["timestamp"], "timestamp", source: source),
            try timestamp(json["last_updated"], "last_updated", source: source))
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
            let field = "statement \(index) "
            let own = latest(
                try timestamp(statement["timestamp"], field + "timestamp", source: source),
                try timestamp(statement["last_updated"], field + "last_updated", source: source))
            result.append(VEXStatement(
                vulnerability: vulnerability, aliases: aliases, products: products, status: status,
                justification: statement["justification"]?.stringValue,
                detail: statement["impact_statement"]?.stringValue,
                source: "\(source) (OpenVEX)",
                notes: statement["action_statement"]?.stringValue ?? statement["status_notes"]?.stringValue,
                timestamp: own ?? documentTime, author: author))
        }
        return result
    }

    private static func cycloneDX(_ json: JSONValue, source: String) throws(VulnerabilityError) -> [VEXStatement] {
        let bomTime = try timestamp(json["metadata"]?["timestamp"], "metadata.timestamp", source: source)
        let author = cycloneDXAuthor(json["metadata"])
        var refToPurl: [String: String] = [:]
        for component in json["components"]?.arrayValue ?? [] {
            if let ref = component["bom-ref"]?.stringValue, let purl = component["purl"]?.stringValue { refToPurl[ref] = purl }
        }
        var result: [VEXStatement] = []
        for (index, vulnerability) in (json["vulnerabilities"]?.arrayValue ?? []).enumerated() {
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
            let field = "vulnerabilities[\(index)]."
            let lastUpdated = try timestamp(vulnerability["analysis"]?["lastUpdated"], field + "analysis.lastUpdated", source: source)
            let firstIssued = try timestamp(vulnerability["analysis"]?["firstIssued"], field + "analysis.firstIssued", source: source)
            let updated = try timestamp(vulnerability["updated"], field + "updated", source: source)
            let published = try timestamp(vulnerability["published"], field + "published", source: source)
            result.append(VEXStatement(
                vulnerability: id, aliases: aliases, products: products, status: status,
                justification: vulnerability["analysis"]?["justification"]?.stringValue,
                detail: vulnerability["analysis"]?["detail"]?.stringValue,
                source: "\(source) (CycloneDX VEX)",
                timestamp: lastUpdated ?? firstIssued ?? updated ?? published ?? bomTime, author: author))
        }
        return result
    }

    /// The BOM's authors (names, else e-mail addresses), else its manufacturer or supplier.
    private static func cycloneDXAuthor(_ metadata: JSONValue?) -> String? {
        let authors = (metadata?["authors"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue ?? $0["email"]?.stringValue }
        if !authors.isEmpty { return authors.joined(separator: ", ") }
        return metadata?["manufacturer"]?["name"]?.stringValue  // CycloneDX 1.6
            ?? metadata?["manufacture"]?["name"]?.stringValue    // 1.2–1.5
            ?? metadata?["supplier"]?["name"]?.stringValue
    }

    /// A timestamp field: nil when absent (or JSON null), an error when present but not RFC 3339.
    private static func timestamp(_ value: JSONValue?, _ field: String, source: String) throws(VulnerabilityError) -> Date? {
        guard let value, !value.isNull else { return nil }
        guard let text = value.stringValue, let date = VEXTimestamp.parse(text) else {
            let found: String
            if let text = value.stringValue {
                found = "'\(text.prefix(64))'"
            } else {
                found = "a non-string value"
            }
            throw VulnerabilityError(.invalidVEX,
                "\(field) of '\(source)' must be an RFC 3339 date-time such as 2023-01-08T18:02:03Z; found \(found)")
        }
        return date
    }

    private static func latest(_ a: Date?, _ b: Date?) -> Date? {
        guard let a else { return b }
        guard let b else { return a }
        return max(a, b)
    }

    private static func product(_ id: String) -> [VEXProduct] {
        if id.hasPrefix("pkg:"), let purl = try? PackageURL(parsing: id) { return [.purl(purl), .reference(id)] }
        return [.reference(id)]
    }
}
