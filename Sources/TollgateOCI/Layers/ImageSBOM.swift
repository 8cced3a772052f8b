import Foundation
import TollgateModel
import TollgateSBOM

/// Builds an image's SBOM from its applied layers: the OS packages of the dpkg and apk databases
/// (with the `distro` qualifier from `os-release`) and every lockfile Tollgate reads, merged as
/// ``SBOMGenerator/assemble(_:subjectName:)`` merges a source tree. The subject is the image, as
/// `pkg:oci/NAME@DIGEST?repository_url=REGISTRY/REPO`.
public enum ImageSBOM {
    public static func generate(_ files: ImageFileSystem, image: ImageReference?, digest: Digest?) -> SBOMGenerationResult {
        let release = (files.files["etc/os-release"] ?? files.files["usr/lib/os-release"]).flatMap(OSRelease.init(parsing:))
        var results: [LockfileParseResult] = []
        var warnings: [SBOMWarning] = []
        for path in files.files.keys.sorted() {
            guard let bytes = files.files[path] else { continue }
            let parser: (any LockfileParser)?
            if path == "var/lib/dpkg/status" || path.hasPrefix("var/lib/dpkg/status.d/") {
                parser = DpkgStatusParser(release: release)
            } else if path == "lib/apk/db/installed" {
                parser = ApkInstalledParser(release: release)
            } else if let kind = LockfileKind.detect(filename: (path as NSString).lastPathComponent) {
                parser = kind.parser
            } else {
                parser = nil
            }
            guard let parser else { continue }
            do {
                var result = try parser.parse(Data(bytes), path: "/" + path)
                result.path = "/" + path
                warnings += result.warnings
                results.append(result)
            } catch {
                warnings.append(SBOMWarning(code: error.code, message: "not read: \(error.reason)", file: "/" + path))
            }
        }
        if results.isEmpty {
            warnings.append(SBOMWarning(code: "sbom.no-packages", message: "no dpkg or apk database and no lockfile in the image"))
        }
        let name = image.map { String($0.repository.name.split(separator: "/").last ?? "image") } ?? "image"
        var sbom = SBOMGenerator.assemble(results, subjectName: name)
        if var subject = sbom.subject {
            subject.type = "container"
            if let digest {
                var qualifiers: [String: String] = [:]
                if let image { qualifiers["repository_url"] = image.repository.description }
                subject.purl = try? PackageURL(type: "oci", name: name, version: digest.description, qualifiers: qualifiers)
                subject.version = digest.description
            }
            if let release { subject.properties.append(SBOMProperty(name: "tollgate:os", value: release.distroQualifier ?? release.id)) }
            sbom.subject = subject
        }
        let summaries = results.map { LockfileSummary(path: $0.path, kind: $0.kind, packages: $0.packages.count) }
        return SBOMGenerationResult(sbom: sbom, warnings: warnings, lockfiles: summaries)
    }
}
