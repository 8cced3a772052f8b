import Foundation
import TollgateModel

/// Reads Alpine's apk database (`/lib/apk/db/installed`, apk-tools `doc/apk-package.5`: `P:` name,
/// `V:` version, `A:` architecture, `o:` origin, `D:` dependencies) as
/// `pkg:apk/alpine/NAME@VERSION?arch=ARCH&distro=alpine-3.19.1`, with `upstream=ORIGIN` when
/// the origin package has another name.
public struct ApkInstalledParser: LockfileParser {
    public var release: OSRelease?

    public init(release: OSRelease? = nil) {
        self.release = release
    }

    public func parse(_ data: Data, path: String) throws(SBOMError) -> LockfileParseResult {
        let text = try ControlParagraphs.text(data, path: path)
        let namespace = release?.id ?? "alpine"
        var packages: [LockfilePackage] = []
        var warnings: [SBOMWarning] = []
        for paragraph in ControlParagraphs.split(text, separator: ":", continuation: false) {
            guard let name = ControlParagraphs.field(paragraph, "P"), let version = ControlParagraphs.field(paragraph, "V"),
                  !name.isEmpty, !version.isEmpty else {
                warnings.append(SBOMWarning(code: "sbom.skipped-entry", message: "an entry without P: or V: was skipped", file: path))
                continue
            }
            guard packages.count < LockfileLimits.maximumPackages else {
                throw SBOMError(.tooLarge, "\(path) lists more than \(LockfileLimits.maximumPackages) packages")
            }
            var qualifiers: [String: String] = [:]
            if let arch = ControlParagraphs.field(paragraph, "A") { qualifiers["arch"] = arch }
            if let distro = release?.distroQualifier { qualifiers["distro"] = distro }
            if let origin = ControlParagraphs.field(paragraph, "o"), !origin.isEmpty, origin != name { qualifiers["upstream"] = origin }
            // "D:musl so:libc.musl-x86_64.so.1 !conflict": plain names are packages.
            let depends = (ControlParagraphs.field(paragraph, "D") ?? "").split(separator: " ")
                .filter { !$0.contains(":") && !$0.hasPrefix("!") }
                .map { LockfileDependencyReference(name: String($0.prefix { !"<>=~".contains($0) })) }
            packages.append(LockfilePackage(
                ecosystem: namespace == "wolfi" ? "Wolfi" : "Alpine", name: name, version: version,
                purl: try? PackageURL(type: "apk", namespace: namespace, name: name, version: version, qualifiers: qualifiers),
                dependencies: depends))
        }
        return LockfileParseResult(kind: .apkInstalled, path: path, packages: packages, warnings: warnings)
    }
}
