import Foundation
import TollgateModel
import TollgateRebuild
import TollgateSBOM

/// Reads the packages an artifact contains, for `artifact.sbom.matchesArtifact`:
///
/// - a directory: every lockfile `sbom generate` reads (``SBOMGenerator``, dependency folders skipped);
/// - a tar, tar.gz/tgz (npm), zip, wheel or jar, or an OCI image layout (each layer's entries): every
///   entry whose name is a lockfile, read with the same parsers, in memory (TollgateRebuild's
///   ``ArchiveReader`` with its entry, size and ratio limits);
/// - anything else (a binary): unreadable, and the rule cannot run.
///
/// A lockfile that does not parse makes the contents unreadable (a package could hide in it).
public enum ArtifactContentsReader {
    public static func read(path: String) -> ArtifactContents {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return ArtifactContents(packages: [:], lockfiles: [], unreadable: "the artifact \(path) cannot be read")
        }
        if isDirectory.boolValue, !FileManager.default.fileExists(atPath: path + "/oci-layout") {
            return directory(path)
        }
        return archive(path)
    }

    static func directory(_ path: String) -> ArtifactContents {
        let result: SBOMGenerationResult
        do { result = try SBOMGenerator().generate(path: path) } catch {
            if error.kind == .noLockfiles { return ArtifactContents(packages: [:], lockfiles: []) }
            return ArtifactContents(packages: [:], lockfiles: [], unreadable: "the artifact's lockfiles cannot be read: \(error.reason)")
        }
        if let broken = result.warnings.first(where: { $0.message.hasPrefix("lockfile not read") }) {
            return ArtifactContents(packages: [:], lockfiles: [], unreadable: "\(broken.file ?? "a lockfile"): \(broken.message)")
        }
        var packages: [String: String] = [:]
        for component in result.sbom.components {
            guard let purl = component.purl else { continue }
            packages[ArtifactContents.key(purl)] = "a lockfile of the directory"
        }
        return ArtifactContents(packages: packages, lockfiles: result.lockfiles.map(\.path))
    }

    static func archive(_ path: String) -> ArtifactContents {
        let listing: ArchiveListing
        do { listing = try ArchiveReader().read(path) } catch {
            return ArtifactContents(packages: [:], lockfiles: [], unreadable: "the artifact is not an archive Tollgate reads: \(error.reason)")
        }
        guard listing.format != .file, listing.format != .gzip else {
            return ArtifactContents(packages: [:], lockfiles: [],
                                    unreadable: "the artifact is a single \(listing.format.rawValue), not a directory or archive with lockfiles")
        }
        var packages: [String: String] = [:]
        var lockfiles: [String] = []
        for entry in listing.entries where entry.kind == .file {
            let components = entry.path.split(separator: "/")
            guard let name = components.last, !components.contains(where: { LockfileFinder.skippedDirectories.contains(String($0)) }),
                  let kind = LockfileKind.detect(filename: String(name)) else { continue }
            guard let bytes = entry.content else {
                return ArtifactContents(packages: [:], lockfiles: lockfiles, unreadable: "\(entry.key) is too large to read")
            }
            do {
                let result = try kind.parser.parse(Data(bytes), path: entry.key)
                lockfiles.append(entry.key)
                for package in result.packages {
                    guard let purl = package.purl else { continue }
                    packages[ArtifactContents.key(purl)] = entry.key
                }
            } catch {
                return ArtifactContents(packages: [:], lockfiles: lockfiles, unreadable: "\(entry.key) does not parse: \(error.reason)")
            }
        }
        return ArtifactContents(packages: packages, lockfiles: lockfiles)
    }
}
