import Foundation
import TollgateModel

/// Checks that every file that changes what CI runs or what gets deployed has a code owner: workflows and
/// actions, GitLab CI, deployment manifests, the Tollgate policy, and CODEOWNERS itself. With "require review
/// from code owners" on, that makes each such change need a named reviewer.
struct CodeOwnersAudit {
    /// The most files walked in a checkout.
    static let maxFiles = 200_000
    /// Directories never walked.
    static let skipped: Set<String> = [".git", ".build", "node_modules"]
    /// Directory names whose files are deployment manifests.
    static let deploymentDirectories: Set<String> = ["deploy", "deployment", "deployments", "k8s", "kubernetes", "manifests", "helm", "charts"]
    static let deploymentFiles: Set<String> = ["kustomization.yaml", "kustomization.yml", "Chart.yaml", "skaffold.yaml"]

    let root: String
    let display: (String) -> String

    /// Whether `path` (relative) must have an owner, and why.
    static func requirement(_ path: String) -> String? {
        let parts = path.split(separator: "/").map(String.init)
        guard let name = parts.last else { return nil }
        if path.hasPrefix(".github/workflows/") { return "workflow" }
        if path.hasPrefix(".github/actions/") || name == "action.yml" && parts.count == 1 { return "action" }
        if path == ".gitlab-ci.yml" || path.hasPrefix(".gitlab/") { return "GitLab CI file" }
        if CodeOwners.locations.contains(path) { return "CODEOWNERS file" }
        if path.hasPrefix("tollgate/") || path.hasPrefix(".tollgate/") { return "Tollgate policy file" }
        if parts.dropLast().contains(where: deploymentDirectories.contains) || deploymentFiles.contains(name) { return "deployment manifest" }
        return nil
    }

    /// The findings, and whether every such file has an owner (nil when there are none to own).
    func audit() throws(AuditError) -> (findings: [AuditFinding], allOwned: Bool?, codeowners: String?) {
        let files = try walk()
        let required = files.compactMap { path in Self.requirement(path).map { (path, $0) } }
        let location = CodeOwners.locations.first { files.contains($0) }
        guard !required.isEmpty else { return ([], nil, location) }
        guard let location else {
            let finding = AuditFinding(
                rule: .codeownersMissing, severity: .high, file: display(".github/CODEOWNERS"), line: 1, column: 1,
                message: "no CODEOWNERS file (.github/CODEOWNERS, CODEOWNERS or docs/CODEOWNERS): \(required.count) workflow, deployment and policy files have no owner to review their changes",
                fix: "create .github/CODEOWNERS with e.g. '/.github/ @org/release-team', '/deploy/ @org/platform', '/tollgate/ @org/security'")
            return ([finding], false, nil)
        }
        let owners = try Self.load(root: root, location: location, display: display)
        var findings = owners.problems.map { problem in
            AuditFinding(rule: .codeownersInvalid, severity: .medium, file: display(location), line: problem.line, column: problem.column,
                         message: problem.message, fix: "write the line as 'PATTERN @owner …' with patterns GitHub supports")
        }
        var allOwned = true
        for (path, what) in required {
            let rule = owners.rule(for: path)
            guard rule?.owners.isEmpty != false else { continue }
            allOwned = false
            let why = rule.map { "line \($0.line) ('\($0.pattern)') matches it last and names no owner" } ?? "no CODEOWNERS rule matches it"
            findings.append(AuditFinding(
                rule: .codeownersUnowned, severity: .high, file: display(path), line: 1, column: 1,
                message: "\(what) '\(path)' has no code owner: \(why) (\(location)); a change to it needs no owner's review",
                fix: "add a rule for it at the end of \(location), e.g. '/\(path.split(separator: "/").dropLast().joined(separator: "/"))/ @org/team'"))
        }
        return (findings, allOwned, location)
    }

    /// Reads and parses the CODEOWNERS file at `location` in `root` (GitHub's 3 MB limit, UTF-8).
    static func load(root: String, location: String, display: (String) -> String) throws(AuditError) -> CodeOwners {
        let text: String
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: "\(root)/\(location)"))
            guard data.count <= CodeOwners.maxBytes, let decoded = String(data: data, encoding: .utf8) else {
                throw AuditError(.tooLarge, "\(display(location)): over GitHub's 3 MB limit for CODEOWNERS, or not UTF-8")
            }
            text = decoded
        } catch let error as AuditError {
            throw error
        } catch {
            throw AuditError(.unreadable, "\(display(location)): \(ErrorText.describe(error))")
        }
        return CodeOwners(text: text)
    }

    private func walk() throws(AuditError) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: root) else {
            throw AuditError(.unreadable, "\(root): cannot be listed")
        }
        var files: [String] = []
        while let next = enumerator.nextObject() as? String {
            let name = (next as NSString).lastPathComponent
            if Self.skipped.contains(name) { enumerator.skipDescendants(); continue }
            if enumerator.fileAttributes?[.type] as? FileAttributeType == .typeRegular { files.append(next) }
            guard files.count <= Self.maxFiles else {
                throw AuditError(.tooLarge, "\(root): more than \(Self.maxFiles) files to check against CODEOWNERS")
            }
        }
        return files.sorted()
    }
}
