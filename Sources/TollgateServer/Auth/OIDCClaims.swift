import Foundation
import JWTKit

/// The claims Tollgate reads from a CI job's OIDC token (GitHub Actions and GitLab CI name them
/// alike). Time claims are checked by `OIDCVerifier` with its own clock and skew, not here.
struct OIDCClaims: JWTPayload {
    let iss: String
    let aud: AudienceClaim
    let sub: String?
    let exp: ExpirationClaim
    let nbf: NotBeforeClaim?
    let iat: IssuedAtClaim?
    let repository: String?
    let workflowRef: String?
    let ref: String?
    let environment: String?

    enum CodingKeys: String, CodingKey {
        case iss, aud, sub, exp, nbf, iat, repository, ref, environment
        case workflowRef = "workflow_ref"
    }

    /// Claim checks run in `OIDCVerifier.verify`, against its injected clock.
    func verify(using algorithm: some JWTAlgorithm) async throws {}

    /// The value of a claim a trust rule may match.
    func value(of claim: String) -> String? {
        switch claim {
        case "repository": repository
        case "workflow_ref": workflowRef
        case "ref": ref
        case "environment": environment
        case "sub": sub
        default: nil
        }
    }
}
