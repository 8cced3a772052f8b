import Foundation

/// SwiftPM `Package.resolved`, version 1 (`object.pins`, `repositoryURL`) and versions 2/3
/// (`pins`, `location`). The name is the repository URL (OSV ecosystem `SwiftURL`).
/// Pins on a branch or revision without a version are kept with an empty version.
public struct PackageResolvedParser: LockfileParser {
    public init() {}

    public func parse(_ data: Data, path: String) throws(SBOMError) -> LockfileParseResult {
        let root = try JSONInput.object(data, what: "Package.resolved")
        let pins = (root["pins"] as? [Any]) ?? ((root["object"] as? [String: Any])?["pins"] as? [Any]) ?? []
        var out: [LockfilePackage] = []
        var warnings: [SBOMWarning] = []
        for case let pin as [String: Any] in pins {
            guard let location = (pin["location"] as? String) ?? (pin["repositoryURL"] as? String) else { continue }
            let state = pin["state"] as? [String: Any] ?? [:]
            let version = state["version"] as? String ?? ""
            if version.isEmpty {
                warnings.append(SBOMWarning(code: "sbom.unpinned-package",
                                            message: "'\(location)' is pinned to a branch or revision, not a version.", file: path))
            }
            var qualifiers: [String: String] = [:]
            if version.isEmpty, let revision = state["revision"] as? String { qualifiers["vcs_url"] = "git+" + location + "@" + revision }
            out.append(LockfilePackage(ecosystem: "SwiftURL", name: location, version: version,
                                       purl: EcosystemPurl.make(ecosystem: "SwiftURL", name: location, version: version, qualifiers: qualifiers),
                                       sourceURL: location))
        }
        return LockfileParseResult(kind: .packageResolved, path: path, packages: out, warnings: warnings)
    }
}
