import ArgumentParser
import Foundation
import TollgateModel
import TollgateSigstore
import TollgateVerify

/// `tollgate provenance verify ARTIFACT --provenance P (--key K | --certificate-identity …) --source-uri URI`
struct ProvenanceVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify SLSA provenance for an artifact offline, as slsa-verifier does (DSSE envelope or Sigstore bundle).",
        discussion: "Exit 0 when every check passes, 1 when one fails."
    )

    @Argument(help: "The artifact file.")
    var artifact: String

    @Option(help: "Provenance: a DSSE envelope or a Sigstore bundle.")
    var provenance: String

    @Option(name: .customLong("key"), help: "Trusted public key (PEM); repeatable.")
    var keys: [String] = []

    @OptionGroup var identity: CertificateIdentityOptions

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
        if keys.isEmpty == !identity.hasIdentity {
            throw ValidationError("give --key, or --certificate-identity[-regexp] with --certificate-oidc-issuer[-regexp] (not both)")
        }
        if sourceTag != nil && sourceBranch != nil { throw ValidationError("give --source-tag or --source-branch, not both") }
    }

    func run() async throws {
        let trust: ProvenanceVerifier.Trust
        if keys.isEmpty {
            trust = .identity(try identity.policy())
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
        try await output.emit { out in
            if output.isJSON {
                try out.json(verdict)
            } else {
                for check in verdict.checks {
                    out.line("\(check.passed ? "PASS" : "FAIL")  \(check.name): \(check.passed ? check.actual : "expected \(check.expected); found \(check.actual)")")
                }
                out.line(verdict.verified ? "PASSED: SLSA provenance verified for \(digest)" : "FAILED: SLSA provenance verification")
            }
            if !verdict.verified { throw ExitCode(ExitStatus.failed.rawValue) }
        }
    }
}
