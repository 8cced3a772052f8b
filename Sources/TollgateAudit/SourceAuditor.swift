import Foundation
import TollgateModel

/// `tollgate audit`'s library entry point: finds the CI files under the given paths (GitHub workflows
/// in `.github/workflows`, composite actions, `.gitlab-ci.yml`) and audits each one, offline.
public struct SourceAuditor: Sendable {
    /// The most files one audit reads.
    public static let maxFiles = 10_000

    public init() {}

    /// Audits files and directories. A directory is a checkout (its `.github/workflows`, `.github/actions`,
    /// `action.yml` and `.gitlab-ci.yml`) or, when it has none of those, a folder of workflow files.
    public func audit(paths: [String]) throws(AuditError) -> AuditReport {
        var inputs: [(path: String, display: String)] = []
        for path in paths {
            inputs += try collect(path)
            guard inputs.count <= Self.maxFiles else {
                throw AuditError(.tooLarge, "more than \(Self.maxFiles) files to audit under \(paths.joined(separator: ", "))")
            }
        }
        var files: [AuditedFile] = []
        var findings: [AuditFinding] = []
        for input in inputs {
            let bytes = try read(input.path)
            let (kind, found) = try audit(file: input.display, bytes: bytes)
            files.append(AuditedFile(path: input.display, kind: kind))
            findings += found
        }
        return AuditReport(files: files, findings: findings)
    }

    /// Audits one file's bytes; `file` is the name findings carry. The kind is told by the name
    /// (`.gitlab-ci.yml`, `action.yml`) or else by the document (`jobs:` makes a GitHub workflow).
    public func audit(file: String, bytes: [UInt8]) throws(AuditError) -> (AuditedFile.Kind, [AuditFinding]) {
        let source = try AuditSource(file: file, bytes: bytes)
        let name = (file as NSString).lastPathComponent
        if name.hasSuffix("gitlab-ci.yml") || name.hasSuffix("gitlab-ci.yaml")
            || source.root.child("jobs") == nil && source.root.child("runs") == nil && source.root.child("on") == nil {
            return (.gitlabCI, try GitLabCIAuditor(source: source).audit())
        }
        let kind: AuditedFile.Kind = source.root.child("jobs") == nil ? .githubAction : .githubWorkflow
        return (kind, try GitHubWorkflowAuditor(source: source).audit())
    }

    private func collect(_ path: String) throws(AuditError) -> [(path: String, display: String)] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw AuditError(.unreadable, "\(path): no such file or directory")
        }
        guard isDirectory.boolValue else { return [(path, path)] }
        let base = path.hasSuffix("/") ? String(path.dropLast()) : path
        func display(_ relative: String) -> String { base == "." || base.isEmpty ? relative : "\(base)/\(relative)" }
        var found: [String] = []
        found += yamlFiles(in: base, under: ".github/workflows")
        for action in (try? FileManager.default.contentsOfDirectory(atPath: "\(base)/.github/actions"))?.sorted() ?? [] {
            for name in ["action.yml", "action.yaml"] where FileManager.default.fileExists(atPath: "\(base)/.github/actions/\(action)/\(name)") {
                found.append(".github/actions/\(action)/\(name)")
            }
        }
        for name in ["action.yml", "action.yaml", ".gitlab-ci.yml", ".gitlab-ci.yaml"] where FileManager.default.fileExists(atPath: "\(base)/\(name)") {
            found.append(name)
        }
        if found.isEmpty { found = yamlFiles(in: base, under: "") }
        guard !found.isEmpty else {
            throw AuditError(.noInput, "\(path): no GitHub workflows (.github/workflows), actions or .gitlab-ci.yml to audit")
        }
        return found.map { ("\(base)/\($0)", display($0)) }
    }

    private func yamlFiles(in base: String, under folder: String) -> [String] {
        let directory = folder.isEmpty ? base : "\(base)/\(folder)"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted().map { folder.isEmpty ? $0 : "\(folder)/\($0)" }
    }

    private func read(_ path: String) throws(AuditError) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw AuditError(.unreadable, "\(path): cannot be read")
        }
        defer { try? handle.close() }
        do {
            let data = try handle.read(upToCount: AuditSource.maxBytes + 1) ?? Data()
            return [UInt8](data)
        } catch {
            throw AuditError(.unreadable, "\(path): \(ErrorText.describe(error))")
        }
    }
}
