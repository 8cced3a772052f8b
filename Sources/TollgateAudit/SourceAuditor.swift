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
    ///
    /// A checkout also has its CODEOWNERS checked, and settings exported beside it in `.tollgate/settings/*.json`
    /// read; `settings` names more settings files or directories of them. `minimumApprovals` is the number of
    /// approving reviews the default branch must require.
    public func audit(paths: [String], settings settingsPaths: [String] = [], minimumApprovals: Int = 1) throws(AuditError) -> AuditReport {
        var inputs: [(path: String, display: String)] = []
        var checkouts: [(path: String, display: (String) -> String)] = []
        for path in paths {
            let collected = try collect(path)
            inputs += collected.files
            if let checkout = collected.checkout { checkouts.append(checkout) }
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
        var owned: Bool?
        var settingsFiles: [(path: String, display: String)] = []
        for checkout in checkouts {
            let result = try CodeOwnersAudit(root: checkout.path, display: checkout.display).audit()
            findings += result.findings
            if let location = result.codeowners { files.append(AuditedFile(path: checkout.display(location), kind: .codeowners)) }
            if let allOwned = result.allOwned { owned = (owned ?? true) && allOwned }
            settingsFiles += jsonFiles(in: "\(checkout.path)/.tollgate/settings").map { ("\(checkout.path)/.tollgate/settings/\($0)", checkout.display(".tollgate/settings/\($0)")) }
        }
        for path in settingsPaths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw AuditError(.unreadable, "\(path): no such settings file or directory")
            }
            settingsFiles += isDirectory.boolValue ? jsonFiles(in: path).map { ("\(path)/\($0)", "\(path)/\($0)") } : [(path, path)]
        }
        var derived: SourceSettings?
        if !settingsFiles.isEmpty {
            var reader = SettingsReader()
            for file in settingsFiles {
                try reader.read(file: file.display, bytes: try read(file.path, limit: SettingsReader.maxBytes))
                files.append(AuditedFile(path: file.display, kind: .settings))
            }
            let settings = reader.finish()
            findings += SettingsAudit(settings: settings, sourceOf: reader.sourceOf, notes: reader.notes,
                                      minimumApprovals: minimumApprovals).findings()
            derived = settings
        }
        return AuditReport(files: files, findings: findings, workflowOwners: owned, settings: derived)
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

    private func collect(_ path: String) throws(AuditError) -> (files: [(path: String, display: String)], checkout: (path: String, display: (String) -> String)?) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw AuditError(.unreadable, "\(path): no such file or directory")
        }
        guard isDirectory.boolValue else { return ([(path, path)], nil) }
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
        // A checkout: CI files found, or a Git work tree; otherwise a folder of workflow files.
        let isCheckout = !found.isEmpty || FileManager.default.fileExists(atPath: "\(base)/.git")
        if found.isEmpty && !isCheckout { found = yamlFiles(in: base, under: "") }
        guard !found.isEmpty || isCheckout else {
            throw AuditError(.noInput, "\(path): no GitHub workflows (.github/workflows), actions or .gitlab-ci.yml to audit")
        }
        return (found.map { ("\(base)/\($0)", display($0)) }, isCheckout ? (base, display) : nil)
    }

    private func yamlFiles(in base: String, under folder: String) -> [String] {
        let directory = folder.isEmpty ? base : "\(base)/\(folder)"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted().map { folder.isEmpty ? $0 : "\(folder)/\($0)" }
    }

    private func jsonFiles(in directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
    }

    private func read(_ path: String, limit: Int = AuditSource.maxBytes) throws(AuditError) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw AuditError(.unreadable, "\(path): cannot be read")
        }
        defer { try? handle.close() }
        do {
            let data = try handle.read(upToCount: limit + 1) ?? Data()
            return [UInt8](data)
        } catch {
            throw AuditError(.unreadable, "\(path): \(ErrorText.describe(error))")
        }
    }
}
