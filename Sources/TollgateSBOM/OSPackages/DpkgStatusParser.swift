import Foundation
import TollgateModel

/// Reads dpkg's database (`/var/lib/dpkg/status`, and distroless's `/var/lib/dpkg/status.d/*`):
/// every package whose `Status` is `install ok installed`, as
/// `pkg:deb/debian/NAME@VERSION?arch=ARCH&distro=debian-12` (purl-spec `PURL-TYPES.rst`, deb),
/// with `upstream=SOURCE` when the source package has another name (Debian's advisories name
/// source packages).
public struct DpkgStatusParser: LockfileParser {
    /// The image's os-release; without it the namespace is `debian` and there is no `distro`.
    public var release: OSRelease?

    public init(release: OSRelease? = nil) {
        self.release = release
    }

    public func parse(_ data: Data, path: String) throws(SBOMError) -> LockfileParseResult {
        let text = try ControlParagraphs.text(data, path: path)
        let namespace = release?.id ?? "debian"
        let ecosystem = namespace == "ubuntu" ? "Ubuntu" : "Debian"
        var packages: [LockfilePackage] = []
        var warnings: [SBOMWarning] = []
        for paragraph in ControlParagraphs.split(text, separator: ":", continuation: true) {
            guard let name = ControlParagraphs.field(paragraph, "Package") else {
                warnings.append(SBOMWarning(code: "sbom.skipped-entry", message: "a paragraph without a Package field was skipped", file: path))
                continue
            }
            // Status is absent in status.d files (one installed package each).
            if let status = ControlParagraphs.field(paragraph, "Status"), !status.hasSuffix(" installed") || status.hasPrefix("deinstall") {
                continue
            }
            guard let version = ControlParagraphs.field(paragraph, "Version"), !version.isEmpty else {
                warnings.append(SBOMWarning(code: "sbom.skipped-entry", message: "\(name) has no Version", file: path))
                continue
            }
            var qualifiers: [String: String] = [:]
            if let arch = ControlParagraphs.field(paragraph, "Architecture") { qualifiers["arch"] = arch }
            if let distro = release?.distroQualifier { qualifiers["distro"] = distro }
            if let source = ControlParagraphs.field(paragraph, "Source") {
                let sourceName = String(source.split(separator: " ").first ?? "")
                if !sourceName.isEmpty, sourceName != name { qualifiers["upstream"] = sourceName }
            }
            guard packages.count < LockfileLimits.maximumPackages else {
                throw SBOMError(.tooLarge, "\(path) lists more than \(LockfileLimits.maximumPackages) packages")
            }
            let depends = [ControlParagraphs.field(paragraph, "Pre-Depends"), ControlParagraphs.field(paragraph, "Depends")]
                .compactMap { $0 }.flatMap { $0.split(separator: ",") }
                .compactMap { alternative -> LockfileDependencyReference? in
                    // "libc6 (>= 2.34) | libc-bin" → the first alternative's name, without ":any".
                    let first = alternative.split(separator: "|").first?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
                    let dependency = first.split(separator: " ").first.map { String($0.split(separator: ":").first ?? "") } ?? ""
                    return dependency.isEmpty ? nil : LockfileDependencyReference(name: dependency)
                }
            packages.append(LockfilePackage(
                ecosystem: ecosystem, name: name, version: version,
                purl: try? PackageURL(type: "deb", namespace: namespace, name: name, version: version, qualifiers: qualifiers),
                dependencies: depends))
        }
        return LockfileParseResult(kind: .dpkgStatus, path: path, packages: packages, warnings: warnings)
    }
}
