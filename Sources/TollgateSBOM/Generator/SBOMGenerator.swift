import Foundation
import TollgateModel

/// Builds one SBOM from every lockfile under a path (see `LockfileFinder`).
///
/// The same package found in several lockfiles is one component (hashes merged, the strongest
/// scope kept); edges come from the lockfiles that record them; the subject is an application
/// named after the directory that depends on every component nothing else depends on.
/// Output is sorted, so the same tree gives the same SBOM.
public struct SBOMGenerator: Sendable {
    public var finder = LockfileFinder()
    /// Largest lockfile read.
    public var maximumFileBytes = LockfileLimits.maximumBytes

    public init() {}

    public func generate(path: String) throws(SBOMError) -> SBOMGenerationResult {
        let found = try finder.find(path: path)
        guard !found.isEmpty else {
            throw SBOMError(.noLockfiles, "no lockfile found under '\(path)' (looked for \(LockfileKind.allCases.filter { !$0.rawValue.contains("/") }.map(\.rawValue).joined(separator: ", ")), requirements*.txt).")
        }
        var warnings: [SBOMWarning] = []
        var results: [LockfileParseResult] = []
        let directoriesWithShrinkwrap = Set(found.filter { $0.kind == .npmShrinkwrap }.map { ($0.relativePath as NSString).deletingLastPathComponent })
        for file in found {
            if file.kind == .packageLockJSON, directoriesWithShrinkwrap.contains((file.relativePath as NSString).deletingLastPathComponent) {
                warnings.append(SBOMWarning(code: "sbom.shadowed-lockfile",
                                            message: "npm uses npm-shrinkwrap.json when both exist; package-lock.json is ignored.", file: file.relativePath))
                continue
            }
            let data = try read(file)
            var parser = file.kind.parser
            if file.kind == .requirementsTxt {
                // `-r` includes are followed only inside the tree being described.
                let root = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
                let treeRoot = FileManager.default.isDirectory(path) ? root : (root as NSString).deletingLastPathComponent
                parser = RequirementsParser(includeLoader: { include, from in
                    let base = (from as NSString).deletingLastPathComponent
                    let target = URL(fileURLWithPath: ((base as NSString).appendingPathComponent(include) as NSString).standardizingPath)
                        .resolvingSymlinksInPath().path
                    guard LockfileFinder.isInside(target, root: treeRoot) else { return nil }
                    guard let attributes = try? FileManager.default.attributesOfItem(atPath: target),
                          let size = attributes[.size] as? Int, size <= LockfileLimits.maximumBytes,
                          let data = FileManager.default.contents(atPath: target) else { return nil }
                    return (target, data)
                })
            }
            do {
                var result = try parser.parse(data, path: file.kind == .requirementsTxt ? file.absolutePath : file.relativePath)
                result.path = file.relativePath
                for index in result.warnings.indices where result.warnings[index].file == file.absolutePath {
                    result.warnings[index].file = file.relativePath
                }
                warnings.append(contentsOf: result.warnings)
                results.append(result)
            } catch {
                // One broken lockfile must not hide the others; it is reported, never ignored.
                warnings.append(SBOMWarning(code: error.code, message: "lockfile not read: \(error.reason)", file: file.relativePath))
            }
        }
        let subjectName = URL(fileURLWithPath: path).standardizedFileURL.lastPathComponent
        let sbom = SBOMGenerator.assemble(results, subjectName: subjectName.isEmpty ? "project" : subjectName)
        let summaries = results.map { LockfileSummary(path: $0.path, kind: $0.kind, packages: $0.packages.count) }
        return SBOMGenerationResult(sbom: sbom, warnings: warnings, lockfiles: summaries)
    }

    private func read(_ file: LockfileFinder.Found) throws(SBOMError) -> Data {
        let url = URL(fileURLWithPath: file.absolutePath)
        let size = (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
        guard size <= maximumFileBytes else {
            throw SBOMError(.tooLarge, "\(file.relativePath) is \(size) bytes; the limit is \(maximumFileBytes).")
        }
        do {
            return try Data(contentsOf: url)
        } catch {
            throw SBOMError(.io, "cannot read \(file.relativePath): \(ErrorText.describe(error))")
        }
    }

    /// Merges parsed lockfiles into one SBOM (public so tests and other front ends can reuse it).
    public static func assemble(_ results: [LockfileParseResult], subjectName: String) -> SBOM {
        var components: [String: SBOMComponent] = [:]
        var sources: [String: Set<String>] = [:]
        // ref of each package per lockfile, for edge resolution within that lockfile.
        var edges: [String: Set<String>] = [:]
        for result in results {
            var refs: [Int: String] = [:]
            var byName: [String: [Int]] = [:]
            for (index, package) in result.packages.enumerated() {
                let ref = reference(package)
                refs[index] = ref
                byName[package.name, default: []].append(index)
                sources[ref, default: []].insert(result.path)
                if var existing = components[ref] {
                    existing.hashes = Array(Set(existing.hashes + package.hashes)).sorted()
                    existing.scope = stronger(existing.scope, package.scope)
                    components[ref] = existing
                } else {
                    var properties: [SBOMProperty] = [SBOMProperty(name: "tollgate:ecosystem", value: package.ecosystem)]
                    if let source = package.sourceURL { properties.append(SBOMProperty(name: "tollgate:source-url", value: source)) }
                    components[ref] = SBOMComponent(
                        bomRef: ref, type: "library", name: package.name,
                        version: package.version.isEmpty ? nil : package.version, purl: package.purl,
                        hashes: Array(Set(package.hashes)).sorted(), scope: package.scope, properties: properties)
                }
            }
            for (index, package) in result.packages.enumerated() {
                guard let from = refs[index] else { continue }
                for dependency in package.dependencies {
                    let candidates = byName[dependency.name] ?? []
                    let target = candidates.first { dependency.version == nil || result.packages[$0].version == dependency.version }
                        ?? candidates.first
                    if let target, let to = refs[target], to != from { edges[from, default: []].insert(to) }
                }
            }
        }
        for (ref, files) in sources {
            components[ref]?.sourceFile = files.sorted().joined(separator: ", ")
        }
        let subjectRef = "tollgate:subject:" + subjectName
        let dependedOn = Set(edges.values.flatMap { $0 })
        let roots = components.keys.filter { !dependedOn.contains($0) }.sorted()
        var dependencies = edges.keys.sorted().map { SBOMDependency(ref: $0, dependsOn: (edges[$0] ?? []).sorted()) }
        dependencies.insert(SBOMDependency(ref: subjectRef, dependsOn: roots), at: 0)
        return SBOM(
            format: nil, specVersion: nil, serialNumber: nil,
            subject: SBOMComponent(bomRef: subjectRef, type: "application", name: subjectName),
            components: components.keys.sorted().compactMap { components[$0] },
            dependencies: dependencies)
    }

    /// The bom-ref of a package: its purl when it has a version, else ecosystem, name and version.
    static func reference(_ package: LockfilePackage) -> String {
        if let purl = package.purl, purl.version != nil { return purl.description }
        return "tollgate:" + package.ecosystem + "/" + package.name + (package.version.isEmpty ? "" : "@" + package.version)
    }

    private static func stronger(_ a: SBOMComponentScope?, _ b: SBOMComponentScope) -> SBOMComponentScope {
        switch (a, b) {
        case (.required?, _), (_, .required): .required
        case (.optional?, _), (_, .optional): .optional
        default: .development
        }
    }
}

extension FileManager {
    /// Whether `path` names a directory.
    fileprivate func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
