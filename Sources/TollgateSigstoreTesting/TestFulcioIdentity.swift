import Foundation

/// The identity a test Fulcio certifies: the SAN (a URI, as for CI workloads, or an email), the
/// OIDC issuer, and the Fulcio CI extensions under 1.3.6.1.4.1.57264.1 (Fulcio `docs/oid-info.md`),
/// keyed by their last OID arc (9 build signer URI, 12 source repository URI, 14 ref, ...).
public struct TestFulcioIdentity: Sendable, Hashable {
    public enum SubjectAlternativeName: Sendable, Hashable {
        case uri(String)
        case email(String)
    }

    public var subjectAlternativeName: SubjectAlternativeName
    public var issuer: String
    /// V2 extensions (arc 9 and above), written as DER UTF8String as Fulcio does.
    public var extensions: [UInt: String]

    public init(subjectAlternativeName: SubjectAlternativeName, issuer: String, extensions: [UInt: String] = [:]) {
        self.subjectAlternativeName = subjectAlternativeName
        self.issuer = issuer
        self.extensions = extensions
    }

    /// The SAN as text (what `--certificate-identity` names).
    public var subject: String {
        switch subjectAlternativeName {
        case .uri(let uri): uri
        case .email(let email): email
        }
    }

    /// The GitHub Actions issuer.
    public static let githubIssuer = "https://token.actions.githubusercontent.com"

    /// A GitHub Actions workflow identity as Fulcio certifies it: SAN
    /// `https://github.com/OWNER/REPO/.github/workflows/WORKFLOW@REF` and the CI extensions a
    /// real GitHub Actions certificate carries (build signer, source repository, ref, digest,
    /// trigger, run invocation, runner, visibility).
    public static func githubActions(repository: String, workflow: String = "release.yml", ref: String = "refs/tags/v1.0.0",
                                     commit: String = String(repeating: "a1", count: 20)) -> TestFulcioIdentity {
        let workflowURI = "https://github.com/\(repository)/.github/workflows/\(workflow)@\(ref)"
        let owner = repository.split(separator: "/").first.map(String.init) ?? repository
        return TestFulcioIdentity(subjectAlternativeName: .uri(workflowURI), issuer: githubIssuer, extensions: [
            9: workflowURI,
            10: commit,
            11: "github-hosted",
            12: "https://github.com/\(repository)",
            13: commit,
            14: ref,
            15: "123456789",
            16: "https://github.com/\(owner)",
            17: "987654321",
            18: workflowURI,
            19: commit,
            20: "push",
            21: "https://github.com/\(repository)/actions/runs/1/attempts/1",
            22: "public",
        ])
    }
}
