import Foundation
import Testing
import TollgateSigstore

/// One case of `Fixtures/conformance/MANIFEST.json` (sigstore-conformance bundle-verify).
struct ConformanceCase: Decodable, Sendable, CustomTestStringConvertible {
    let id: String
    let bundle: String
    let artifact: String
    let artifact_is_dsse_subject: Bool?
    let trusted_root: String
    let verification: String
    let expected: String
    let identity: String?
    let issuer: String?
    let key: String?

    var testDescription: String { id }

    struct Manifest: Decodable {
        let cases: [ConformanceCase]
    }

    static let fixtures: URL = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    static let all: [ConformanceCase] = {
        let url = fixtures.appendingPathComponent("conformance/MANIFEST.json")
        guard let data = try? Data(contentsOf: url), let manifest = try? JSONDecoder().decode(Manifest.self, from: data) else {
            return []
        }
        return manifest.cases
    }()

    func url(_ relative: String) -> URL {
        Self.fixtures.appendingPathComponent("conformance").appendingPathComponent(relative)
    }

    func bytes(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url(relative)))
    }

    func policy() throws -> IdentityPolicy {
        if verification == "key" {
            let pem = String(decoding: try bytes(key ?? ""), as: UTF8.self)
            return try IdentityPolicy.publicKey(pem: pem)
        }
        return try IdentityPolicy.certificate(subject: identity, issuer: issuer)
    }

    /// Runs the case and returns the reason code: a failure reason, a thrown error code, or
    /// "verified".
    func run(byDigest: Bool) async throws -> (code: String, message: String) {
        let artifactBytes = try bytes(artifact)
        let artifactValue = byDigest ? try Artifact(sha256: Artifact(bytes: artifactBytes).sha256 ?? []) : Artifact(bytes: artifactBytes)
        do {
            let root = try TrustedRoot(json: try bytes(trusted_root))
            let verifier = SigstoreVerifier(trustedRoot: root, options: VerificationOptions(now: { Self.fixedNow }))
            let result = try await verifier.verify(bundleJSON: try bytes(bundle), artifact: artifactValue, policy: try policy())
            switch result {
            case .verified: return ("verified", "")
            case .failed(let failure): return (failure.code, failure.message)
            }
        } catch let error as SigstoreError {
            return (error.code, error.reason)
        }
    }

    /// A fixed clock: every case was created before this instant.
    static let fixedNow = Date(timeIntervalSince1970: 1_790_000_000)
}
