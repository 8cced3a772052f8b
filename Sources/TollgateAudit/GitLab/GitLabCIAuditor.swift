import TollgateModel
import Yams

/// Audits a `.gitlab-ci.yml` (https://docs.gitlab.com/ci/yaml/): includes not pinned to a commit,
/// images without digests, long-lived cloud keys written into `variables:`, and the shell rules on every
/// `script`, `before_script` and `after_script` line.
struct GitLabCIAuditor {
    let source: AuditSource

    /// Top-level keywords that are not jobs.
    static let globalKeywords: Set<String> = [
        "stages", "variables", "include", "default", "workflow", "image", "services", "cache", "before_script",
        "after_script", "spec", "pages",
    ]

    func audit() throws(AuditError) -> [AuditFinding] {
        guard case .mapping = source.root else {
            throw AuditError(.invalidWorkflow, "\(source.file): a GitLab CI file is a YAML mapping of jobs and keywords")
        }
        var findings = includeFindings(source.root.child("include"))
        findings += variableFindings(source.root.child("variables"), job: nil)
        findings += imageFindings(source.root, job: nil)
        findings += scriptFindings(source.root, job: nil)
        if let defaults = source.root.child("default") {
            findings += imageFindings(defaults, job: nil)
            findings += scriptFindings(defaults, job: nil)
        }
        for (name, _, job) in source.root.entries where !Self.globalKeywords.contains(name) || name == "pages" && job.child("script") != nil {
            guard case .mapping = job else { continue }
            findings += variableFindings(job.child("variables"), job: name)
            findings += imageFindings(job, job: name)
            findings += scriptFindings(job, job: name)
        }
        return findings
    }

    /// `unpinned-include`: remote includes are fetched as they are at pipeline time; project and
    /// component includes are pinned only by a commit SHA.
    private func includeFindings(_ include: Node?) -> [AuditFinding] {
        guard let include else { return [] }
        let entries = include.items.isEmpty ? [include] : include.items
        return entries.compactMap { entry in
            if let url = entry.text ?? entry.child("remote")?.text, url.hasPrefix("http://") || url.hasPrefix("https://") {
                let node = entry.child("remote") ?? entry
                if entry.child("integrity") != nil { return nil }
                return source.finding(.unpinnedInclude, .high, at: source.position(of: node),
                                      "remote include '\(url)' is fetched as it is when the pipeline runs, with no integrity check",
                                      fix: "add 'integrity: sha256-…' to the include, or vendor the file into the repository")
            }
            if let project = entry.child("project") {
                let ref = entry.child("ref")?.text
                guard ref.map(ActionReference.isCommitSHA) != true else { return nil }
                return source.finding(.unpinnedInclude, .medium, at: source.position(of: entry.child("ref") ?? project),
                                      "include from project '\(project.text ?? "?")' follows \(ref.map { "'\($0)'" } ?? "the default branch"), which can move",
                                      fix: "pin 'ref:' to a full commit SHA")
            }
            if let component = entry.child("component"), let text = component.text {
                let version = text.split(separator: "@").last.map(String.init) ?? ""
                guard !ActionReference.isCommitSHA(version) else { return nil }
                return source.finding(.unpinnedInclude, .medium, at: source.position(of: component),
                                      "component '\(text)' is pinned to '\(version)', which can move",
                                      fix: "pin the component to a full commit SHA: …@<sha>")
            }
            return nil
        }
    }

    private func variableFindings(_ variables: Node?, job: String?) -> [AuditFinding] {
        (variables?.entries ?? []).compactMap { key, _, value in
            let text = value.text ?? value.child("value")?.text ?? ""
            guard GitHubWorkflowAuditor.staticKeyVariables.contains(key), !text.isEmpty, !text.hasPrefix("$") else { return nil }
            return source.finding(.staticCloudCredentials, .critical, at: source.position(of: value), job: job,
                                  "'\(key)' is written into the CI file: a long-lived cloud key in the repository itself",
                                  fix: "revoke the key; use GitLab's id_tokens with the provider's OIDC federation (AWS AssumeRoleWithWebIdentity, GCP workload identity, Azure federated credentials)")
        }
    }

    private func imageFindings(_ node: Node, job: String?) -> [AuditFinding] {
        var images: [Node] = []
        if let image = node.child("image") { images.append(image.child("name") ?? image) }
        for service in node.child("services")?.items ?? [] { images.append(service.child("name") ?? service) }
        return images.compactMap { image in
            guard let text = image.text, !text.contains("@sha256:"), !text.hasPrefix("$") else { return nil }
            return source.finding(.unpinnedImage, .low, at: source.position(of: image), job: job,
                                  "image '\(text)' is not pinned by digest", fix: "pin it: \(text.split(separator: ":").first ?? "")@sha256:<digest>")
        }
    }

    private func scriptFindings(_ node: Node, job: String?) -> [AuditFinding] {
        var findings: [AuditFinding] = []
        for key in ["before_script", "script", "after_script"] {
            guard let scripts = node.child(key) else { continue }
            for line in scripts.items.isEmpty ? [scripts] : scripts.items {
                guard let text = line.text else { continue }
                let start = source.position(of: line)
                for issue in ShellScriptAudit.audit(text) {
                    let at = source.locate(issue.lineText, from: start).map { AuditPosition(line: $0.line, column: $0.column + issue.offset) } ?? start
                    findings.append(source.finding(issue.rule, issue.severity, at: at, job: job, issue.message, fix: issue.fix))
                }
            }
        }
        return findings
    }
}
