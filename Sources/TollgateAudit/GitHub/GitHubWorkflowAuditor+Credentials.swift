import TollgateModel
import Yams

extension GitHubWorkflowAuditor {
    /// Secret names that hold long-lived cloud keys (AWS access keys, GCP service-account keys, Azure
    /// client secrets and SDK auth files).
    static let staticKeyName = ShellPattern(#"secrets\.[A-Z0-9_]*(AWS_SECRET|AWS_ACCESS_KEY|SECRET_ACCESS_KEY|ACCESS_KEY_ID|GCP_[A-Z0-9_]*KEY|GCLOUD_[A-Z0-9_]*KEY|GOOGLE_[A-Z0-9_]*CREDENTIALS|SERVICE_ACCOUNT_KEY|SA_KEY|AZURE_CREDENTIALS|AZURE_CLIENT_SECRET|ARM_CLIENT_SECRET)"#)
    /// Environment variables the cloud SDKs read long-lived keys from.
    static let staticKeyVariables: Set<String> = [
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "GOOGLE_CREDENTIALS", "GOOGLE_APPLICATION_CREDENTIALS_JSON",
        "GCP_SA_KEY", "GCLOUD_SERVICE_KEY", "AZURE_CLIENT_SECRET", "ARM_CLIENT_SECRET", "AZURE_CREDENTIALS",
    ]
    static let oidcFix = "use OIDC federation: permissions: id-token: write, then aws-actions/configure-aws-credentials with role-to-assume, google-github-actions/auth with workload_identity_provider, or azure/login with client-id, tenant-id and subscription-id; delete the stored key"

    /// `static-cloud-credentials` in an `env:` map: a cloud key variable set from a secret.
    func credentialFindings(env: Node?, job: String?) -> [AuditFinding] {
        (env?.entries ?? []).compactMap { key, _, value in
            guard let text = value.text, text.contains("secrets."),
                  Self.staticKeyVariables.contains(key) || Self.staticKeyName.matches(text) else { return nil }
            return source.finding(.staticCloudCredentials, .high, at: source.position(of: value), job: job,
                                  "'\(key)' carries a long-lived cloud key from a repository secret; a leaked runner or log exposes it until someone rotates it",
                                  fix: Self.oidcFix)
        }
    }

    /// `static-cloud-credentials` in a step: the cloud login actions given keys instead of a federated
    /// identity, and key secrets passed in `with:`, `env:` or a script.
    func credentialFindings(step: WorkflowStep, job: String?) -> [AuditFinding] {
        var findings = credentialFindings(env: step.env, job: job)
        var flagged = Set(findings.map(\.line))
        func add(_ node: Node, _ message: String) {
            let position = source.position(of: node)
            guard flagged.insert(position.line).inserted else { return }
            findings.append(source.finding(.staticCloudCredentials, .high, at: position, job: job, message, fix: Self.oidcFix))
        }
        if let action = step.action {
            let keyed: [String: [String]] = [
                "aws-actions/configure-aws-credentials": ["aws-access-key-id", "aws-secret-access-key"],
                "google-github-actions/auth": ["credentials_json"],
                "azure/login": ["creds"],
            ]
            for (name, inputs) in keyed where action.isAction(name) {
                for input in inputs {
                    if let value = step.with?.child(input) {
                        add(value, "\(name) is given '\(input)', a long-lived key, where the provider accepts a short-lived OIDC token from GitHub")
                    }
                }
            }
        }
        for (key, _, value) in step.with?.entries ?? [] {
            if let text = value.text, Self.staticKeyName.matches(text) {
                add(value, "input '\(key)' passes a long-lived cloud key secret to an action")
            }
        }
        if let run = step.runNode, let script = run.text, Self.staticKeyName.matches(script) {
            let line = script.split(separator: "\n", omittingEmptySubsequences: false)
                .first { Self.staticKeyName.matches(String($0)) }.map { $0.trimmingCharacters(in: .whitespaces) }
            let position = line.flatMap { source.locate($0, from: source.position(of: run)) } ?? source.position(of: run)
            if flagged.insert(position.line).inserted {
                findings.append(source.finding(.staticCloudCredentials, .high, at: position, job: job,
                                               "the script reads a long-lived cloud key from a repository secret", fix: Self.oidcFix))
            }
        }
        return findings
    }
}
