import TollgateSBOM
import TollgateStore

/// An SBOM's components as the inventory indexes them: by canonical purl, with how each got into the
/// artifact where the SBOM's dependency graph says (direct: the subject depends on it; transitive:
/// reached only through other components; unknown: no graph from the subject).
///
/// The subject itself is not a component (SPDX lists the described package among its packages).
/// Components without a purl are not indexed: an incident query names a purl.
public enum SBOMComponents {
    public static func records(of sbom: SBOM) -> [InventoryComponentRecord] {
        let subjectRef = sbom.subject?.bomRef
        let relationship = relationships(sbom, subject: subjectRef)
        var byPurl: [String: InventoryComponentRecord] = [:]
        var order: [String] = []
        for component in sbom.components where component.bomRef != subjectRef || subjectRef == nil {
            guard let purl = component.purl else { continue }
            let text = purl.description
            let record = InventoryComponentRecord(purl: text, name: component.name, version: purl.version ?? component.version,
                                                  ecosystem: purl.type, licenses: component.licenses,
                                                  relationship: relationship[component.bomRef] ?? .unknown)
            if let existing = byPurl[text] {
                // A component listed twice keeps its closest relationship and every license.
                var merged = existing
                if rank(record.relationship) < rank(existing.relationship) { merged.relationship = record.relationship }
                for license in record.licenses where !merged.licenses.contains(license) { merged.licenses.append(license) }
                byPurl[text] = merged
            } else {
                byPurl[text] = record
                order.append(text)
            }
        }
        return order.compactMap { byPurl[$0] }
    }

    /// `format` as the inventory names it: `cyclonedx` or `spdx`.
    public static func formatName(_ format: SBOMFormat?) -> String {
        switch format {
        case .spdxJSON, .spdxTagValue: "spdx"
        default: "cyclonedx"
        }
    }

    private static func rank(_ relationship: InventoryRelationship) -> Int {
        switch relationship {
        case .direct: 0
        case .transitive: 1
        case .unknown: 2
        }
    }

    /// Breadth-first from the subject: its own dependencies are direct, the rest it reaches transitive.
    private static func relationships(_ sbom: SBOM, subject: String?) -> [String: InventoryRelationship] {
        guard let subject else { return [:] }
        var edges: [String: [String]] = [:]
        for dependency in sbom.dependencies { edges[dependency.ref, default: []] += dependency.dependsOn }
        guard let direct = edges[subject], !direct.isEmpty else { return [:] }
        var result: [String: InventoryRelationship] = [:]
        var queue: [String] = []
        for ref in direct where ref != subject && result[ref] == nil {
            result[ref] = .direct
            queue.append(ref)
        }
        var next = 0
        while next < queue.count {
            let ref = queue[next]
            next += 1
            for child in edges[ref] ?? [] where child != subject && result[child] == nil {
                result[child] = .transitive
                queue.append(child)
            }
        }
        return result
    }
}
