import ArgumentParser
import Foundation
import TollgateModel
import TollgateSigstore
import TollgateVerify

/// `tollgate verify-provenance ARTIFACT --provenance P (--key K | --certificate-identity …) --source-uri URI`
struct VerifyProvenanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-provenance",
        abstract: "Verify SLSA provenance for an artifact offline, as slsa-verifier does (DSSE envelope or Sigstore bundle).",
        discussion: "Exit 0 when every check passes, 1 when one fails."
    )

    @Argument(help: "The artifact file.")
    var artifact: String

    @Option(help: "Provenance: a DSSE envelope or a Sigstore bundle.")
    var provenance: String

    @Option(name: .customLong("key"), help: "Trusted public key (PEM); repeatable.")
    var keys: [String] = []

    @Option(name: .customLong("certificate-identity"), help: "Expected certificate SAN (Sigstore bundles).")
    var certificateIdentity: String?

    @Option(name: .customLong("certificate-identity-regexp"), help: "Expected certificate SAN as a regular expression.")
    var certificateIdentityRegexp: String?

    @Option(name: .customLong("certificate-oidc-issuer"), help: "Expected OIDC issuer.")
    var certificateOIDCIssuer: String?

    @Option(name: .customLong("certificate-oidc-issuer-regexp"), help: "Expected OIDC issuer as a regular expression.")
    var certificateOIDCIssuerRegexp: String?

    @Option(name: .customLong("trusted-root"), help: "Sigstore trusted_root.json (default: the shipped public-good root).")
    var trustedRoot: String?

    @Option(name: .customLong("source-uri"), help: "Expected source repository, e.g. github.com/org/repo.")
    var sourceURI: String

    @Option(name: .customLong("source-tag"), help: "Expected tag.")
    var sourceTag: String?

    @Option(name: .customLong("source-branch"), help: "Expected branch.")
    var sourceBranch: String?

    @Option(name: .customLong("builder-id"), help: "Expected builder id (without @version: any version).")
    var builderID: String?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        let identity = certificateIdentity != nil || certificateIdentityRegexp != nil
        if keys.isEmpty == !identity {
            throw ValidationError("give --key, or --certificate-identity[-regexp] with --certificate-oidc-issuer[-regexp] (not both)")
        }
        if sourceTag != nil && sourceBranch != nil { throw ValidationError("give --source-tag or --source-branch, not both") }
    }

    func run() async throws {
        let trust: ProvenanceVerifier.Trust
        if keys.isEmpty {
            trust = .identity(try IdentityPolicy.certificate(subject: certificateIdentity, subjectRegexp: certificateIdentityRegexp,
                                                             issuer: certificateOIDCIssuer, issuerRegexp: certificateOIDCIssuerRegexp))
        } else {
            trust = .keys(try keys.map { try PublicKey(pem: String(decoding: try InputFile.read($0, limit: 1 << 20), as: UTF8.self)) })
        }
        let root: TrustedRoot? = if let trustedRoot {
            try TrustedRoot(json: [UInt8](try InputFile.read(trustedRoot)))
        } else {
            try? TrustedRoot.publicGoodProduction()
        }
        let digest = try FileDigester(algorithm: .sha256).digest(path: artifact)
        let bytes = [UInt8](try InputFile.read(provenance))
        let verifier = ProvenanceVerifier(trust: trust, trustedRoot: root, now: { Date() })
        let verdict = await verifier.verify(provenance: bytes, artifact: digest,
                                            expectations: ProvenanceExpectations(sourceURI: sourceURI, sourceTag: sourceTag,
                                                                                 sourceBranch: sourceBranch, builderID: builderID))
        if output.isJSON {
            try Console.json(verdict)
        } else {
            for check in verdict.checks {
                Console.out("\(check.passed ? "PASS" : "FAIL")  \(check.name): \(check.passed ? check.actual : "expected \(check.expected); found \(check.actual)")")
            }
            Console.out(verdict.verified ? "PASSED: SLSA provenance verified for \(digest)" : "FAILED: SLSA provenance verification")
        }
        if !verdict.verified { throw ExitCode(ExitStatus.failed.rawValue) }
    }
}
