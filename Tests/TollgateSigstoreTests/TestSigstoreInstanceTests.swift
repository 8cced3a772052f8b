import Foundation
import Testing
import TollgateModel
import TollgateSigstore
import TollgateSigstoreTesting

/// The test Sigstore instance produces what a real deployment produces: the unmodified verifier
/// accepts its bundles against its trusted root (parsed from JSON, as `--trusted-root` reads it),
/// and refuses each tampered one at the step that catches it.
@Suite("test Sigstore instance")
struct TestSigstoreInstanceTests {
    static let repository = "acme/widget"
    static let identity = TestFulcioIdentity.githubActions(repository: repository)
    static let artifact = Array("the widget release, version 1.0\n".utf8)

    static func verifier(_ instance: TestSigstoreInstance) throws -> SigstoreVerifier {
        SigstoreVerifier(trustedRoot: try TrustedRoot(json: instance.trustedRootJSON))
    }

    static func policy(_ identity: TestFulcioIdentity = identity) throws -> IdentityPolicy {
        try IdentityPolicy.certificate(subject: identity.subject, issuer: identity.issuer)
    }

    static func verify(_ bundle: [UInt8], _ instance: TestSigstoreInstance, artifact: Artifact = Artifact(bytes: artifact),
                       policy: IdentityPolicy? = nil) async throws -> SigstoreVerificationResult {
        try await verifier(instance).verify(bundleJSON: bundle, artifact: artifact, policy: policy ?? Self.policy())
    }

    /// Rewrites one member of a bundle's JSON.
    static func edit(_ bundle: [UInt8], _ change: (inout [String: Any]) -> Void) throws -> [UInt8] {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(bundle)) as? [String: Any])
        change(&object)
        return [UInt8](try JSONSerialization.data(withJSONObject: object))
    }

    static func firstEntry(_ object: [String: Any]) -> [String: Any] {
        ((object["verificationMaterial"] as? [String: Any])?["tlogEntries"] as? [[String: Any]])?.first ?? [:]
    }

    static func setFirstEntry(_ object: inout [String: Any], _ entry: [String: Any]) {
        var material = object["verificationMaterial"] as? [String: Any] ?? [:]
        material["tlogEntries"] = [entry]
        object["verificationMaterial"] = material
    }

    /// Flips the last byte of a base64 value.
    static func flip(_ base64: String) -> String {
        var bytes = Base64Text.decode(base64) ?? []
        if !bytes.isEmpty { bytes[bytes.count - 1] ^= 0x01 }
        return Base64Text.encode(bytes)
    }

    @Test("a message-signature bundle verifies, with the Fulcio CI extensions read from the certificate")
    func messageSignature() async throws {
        var instance = try TestSigstoreInstance()
        let bundle = try await instance.signMessage(Self.artifact, identity: Self.identity)
        let result = try await Self.verify(bundle, instance)
        let verified = try #require(result.verifiedBundle, "\(result.failure?.description ?? "")")
        #expect(verified.identity?.subjectAlternativeNames == [Self.identity.subject])
        #expect(verified.identity?.issuer == TestFulcioIdentity.githubIssuer)
        #expect(verified.identity?.facts.sourceRepository == "github.com/acme/widget")
        #expect(verified.identity?.facts.sourceRepositoryRef == "refs/tags/v1.0.0")
        #expect(verified.identity?.facts.workflowPath == ".github/workflows/release.yml")
        #expect(verified.logEntries.first?.kind == "hashedrekord/0.0.1")
        #expect(verified.signingTimes.map(\.source) == [.transparencyLog])
        // By digest too, as `verify-bundle sha256:…` does.
        let byDigest = try Artifact(sha256: DigestAlgorithm.sha256.hash(Self.artifact).bytes)
        #expect(try await Self.verify(bundle, instance, artifact: byDigest).failure == nil)
    }

    @Test("a DSSE bundle over an in-toto statement verifies for its subject, and an email identity verifies")
    func dsse() async throws {
        var instance = try TestSigstoreInstance()
        let digest = DigestAlgorithm.sha256.hash(Self.artifact).hex
        let statement = TestSigstoreInstance.statement(subjectName: "widget-1.0.tar.gz", digest: ["sha256": digest],
                                                       predicateType: "https://slsa.dev/provenance/v1")
        let bundle = try await instance.signDSSE(statement, identity: Self.identity)
        let result = try await Self.verify(bundle, instance)
        let verified = try #require(result.verifiedBundle, "\(result.failure?.description ?? "")")
        #expect(verified.statementPayload == statement)
        #expect(verified.logEntries.first?.kind == "dsse/0.0.1")

        let person = TestFulcioIdentity(subjectAlternativeName: .email("dev@acme.example"), issuer: "https://accounts.google.com")
        let signed = try await instance.signMessage(Self.artifact, identity: person)
        #expect(try await Self.verify(signed, instance, policy: Self.policy(person)).failure == nil)
    }

    @Test("a PEP 740 attestation object verifies for the distribution named by its subject")
    func pep740() async throws {
        var instance = try TestSigstoreInstance()
        let name = "widget-1.0-py3-none-any.whl"
        let statement = TestSigstoreInstance.statement(subjectName: name, digest: ["sha256": DigestAlgorithm.sha256.hash(Self.artifact).hex],
                                                       predicateType: "https://docs.pypi.org/attestations/publish/v1")
        let attestation = try await instance.attestPEP740(statement, identity: Self.identity).encodedBytes()
        #expect(try await Self.verify(attestation, instance, artifact: Artifact(bytes: Self.artifact, filename: name)).failure == nil)
        let renamed = try await Self.verify(attestation, instance, artifact: Artifact(bytes: Self.artifact, filename: "other-1.0-py3-none-any.whl"))
        #expect(renamed.failure?.reason == .artifactMismatch)
    }

    @Test("every bundle has its own leaf, log entry and checkpoint")
    func distinct() async throws {
        var instance = try TestSigstoreInstance()
        let first = try await instance.signMessage(Self.artifact, identity: Self.identity)
        let second = try await instance.signMessage(Self.artifact, identity: Self.identity)
        let one = try #require(try JSONSerialization.jsonObject(with: Data(first)) as? [String: Any])
        let two = try #require(try JSONSerialization.jsonObject(with: Data(second)) as? [String: Any])
        #expect((one["verificationMaterial"] as? [String: Any])?["certificate"] as? [String: String]
                != (two["verificationMaterial"] as? [String: Any])?["certificate"] as? [String: String])
        #expect(Self.firstEntry(one)["logIndex"] as? String != Self.firstEntry(two)["logIndex"] as? String)
        let checkpoint = { (entry: [String: Any]) in ((entry["inclusionProof"] as? [String: Any])?["checkpoint"] as? [String: String])?["envelope"] }
        #expect(checkpoint(Self.firstEntry(one)) != checkpoint(Self.firstEntry(two)))
        #expect(try await Self.verify(first, instance).failure == nil)
        #expect(try await Self.verify(second, instance).failure == nil)
    }

    @Test("another identity, another repository or another issuer is refused")
    func wrongIdentity() async throws {
        var instance = try TestSigstoreInstance()
        let bundle = try await instance.signMessage(Self.artifact, identity: Self.identity)
        let otherRepository = TestFulcioIdentity.githubActions(repository: "evil/widget")
        #expect(try await Self.verify(bundle, instance, policy: Self.policy(otherRepository)).failure?.reason == .identityMismatch)
        let otherIssuer = try IdentityPolicy.certificate(subject: Self.identity.subject, issuer: "https://accounts.google.com")
        #expect(try await Self.verify(bundle, instance, policy: otherIssuer).failure?.reason == .identityMismatch)
    }

    @Test("a changed artifact is refused")
    func changedArtifact() async throws {
        var instance = try TestSigstoreInstance()
        let bundle = try await instance.signMessage(Self.artifact, identity: Self.identity)
        let changed = Artifact(bytes: Self.artifact + Array("!".utf8))
        #expect(try await Self.verify(bundle, instance, artifact: changed).failure?.reason == .artifactMismatch)
        let statement = TestSigstoreInstance.statement(subjectName: "w", digest: ["sha256": DigestAlgorithm.sha256.hash(Self.artifact).hex],
                                                       predicateType: "https://slsa.dev/provenance/v1")
        let dsse = try await instance.signDSSE(statement, identity: Self.identity)
        #expect(try await Self.verify(dsse, instance, artifact: changed).failure?.reason == .artifactMismatch)
    }

    @Test("a bad signed entry timestamp is refused")
    func badSET() async throws {
        var instance = try TestSigstoreInstance()
        let bundle = try await instance.signMessage(Self.artifact, identity: Self.identity)
        let tampered = try Self.edit(bundle) { object in
            var entry = Self.firstEntry(object)
            var promise = entry["inclusionPromise"] as? [String: String] ?? [:]
            promise["signedEntryTimestamp"] = Self.flip(promise["signedEntryTimestamp"] ?? "")
            entry["inclusionPromise"] = promise
            Self.setFirstEntry(&object, entry)
        }
        #expect(try await Self.verify(tampered, instance).failure?.reason == .setInvalid)
        // A later integrated time than the SET covers is refused the same way.
        let moved = try Self.edit(bundle) { object in
            var entry = Self.firstEntry(object)
            entry["integratedTime"] = String((Int(entry["integratedTime"] as? String ?? "0") ?? 0) + 1)
            Self.setFirstEntry(&object, entry)
        }
        #expect(try await Self.verify(moved, instance).failure?.reason == .setInvalid)
    }

    @Test("a tampered inclusion proof or checkpoint is refused")
    func badProof() async throws {
        var instance = try TestSigstoreInstance()
        let bundle = try await instance.signMessage(Self.artifact, identity: Self.identity)
        let proofEdited = try Self.edit(bundle) { object in
            var entry = Self.firstEntry(object)
            var proof = entry["inclusionProof"] as? [String: Any] ?? [:]
            var hashes = proof["hashes"] as? [String] ?? []
            if !hashes.isEmpty { hashes[0] = Self.flip(hashes[0]) }
            proof["hashes"] = hashes
            entry["inclusionProof"] = proof
            Self.setFirstEntry(&object, entry)
        }
        #expect(try await Self.verify(proofEdited, instance).failure?.reason == .inclusionProofInvalid)
        // A checkpoint signed by another log's key.
        var other = try TestSigstoreInstance()
        let foreign = try await other.signMessage(Self.artifact, identity: Self.identity)
        let foreignCheckpoint = Self.firstEntry(try #require(try JSONSerialization.jsonObject(with: Data(foreign)) as? [String: Any]))
        let swapped = try Self.edit(bundle) { object in
            var entry = Self.firstEntry(object)
            var proof = entry["inclusionProof"] as? [String: Any] ?? [:]
            proof["checkpoint"] = (foreignCheckpoint["inclusionProof"] as? [String: Any])?["checkpoint"]
            entry["inclusionProof"] = proof
            Self.setFirstEntry(&object, entry)
        }
        #expect(try await Self.verify(swapped, instance).failure?.reason == .checkpointInvalid)
    }

    @Test("another instance's trusted root trusts none of this instance's bundles")
    func otherRoot() async throws {
        var instance = try TestSigstoreInstance()
        let bundle = try await instance.signMessage(Self.artifact, identity: Self.identity)
        let stranger = try TestSigstoreInstance()
        #expect(try await Self.verify(bundle, stranger).failure?.reason == .logUnknown)
        // The production root does not know the test log either.
        let production = SigstoreVerifier(trustedRoot: try TrustedRoot.publicGoodProduction())
        let result = try await production.verify(bundleJSON: bundle, artifact: Artifact(bytes: Self.artifact), policy: Self.policy())
        #expect(result.failure?.reason == .logUnknown)
    }

    @Test("a leaf whose SCT is by an unknown CT log, or whose CA is not the root's, is refused",
          arguments: [("ctlogs", VerificationFailure.Reason.sctInvalid), ("certificateAuthorities", .certificateChainInvalid)])
    func foreignPart(_ member: String, _ reason: VerificationFailure.Reason) async throws {
        var instance = try TestSigstoreInstance()
        let bundle = try await instance.signMessage(Self.artifact, identity: Self.identity)
        // The same instance's root with that member taken from another instance.
        var root = try #require(try JSONSerialization.jsonObject(with: Data(instance.trustedRootJSON)) as? [String: Any])
        let stranger = try #require(try JSONSerialization.jsonObject(with: Data(try TestSigstoreInstance().trustedRootJSON)) as? [String: Any])
        root[member] = stranger[member]
        let verifier = SigstoreVerifier(trustedRoot: try TrustedRoot(json: [UInt8](try JSONSerialization.data(withJSONObject: root))))
        let result = try await verifier.verify(bundleJSON: bundle, artifact: Artifact(bytes: Self.artifact), policy: Self.policy())
        #expect(result.failure?.reason == reason, "\(result.failure?.description ?? "verified")")
    }
}

extension TestSigstoreInstanceTests {
    @Test("an RFC 3161 timestamp from the instance's TSA adds a verified time; one over another signature is skipped with a warning")
    func rfc3161() async throws {
        var instance = try TestSigstoreInstance()
        instance.timestamped = true
        let bundle = try await instance.signMessage(Self.artifact, identity: Self.identity)
        let result = try await Self.verify(bundle, instance)
        let verified = try #require(result.verifiedBundle, "\(result.failure?.description ?? "")")
        #expect(Set(verified.signingTimes.map(\.source)) == [.timestampAuthority, .transparencyLog])
        #expect(verified.warnings.isEmpty, "\(verified.warnings)")
        let statement = TestSigstoreInstance.statement(subjectName: "w", digest: ["sha256": DigestAlgorithm.sha256.hash(Self.artifact).hex],
                                                       predicateType: "https://slsa.dev/provenance/v1")
        let dsse = try await Self.verify(try await instance.signDSSE(statement, identity: Self.identity), instance)
        #expect(dsse.verifiedBundle?.signingTimes.count == 2, "\(dsse.failure?.description ?? "")")

        // The timestamp of another bundle's signature: skipped (a warning), the SET still gives the time.
        let other = try await instance.signMessage(Self.artifact, identity: Self.identity)
        let otherObject = try #require(try JSONSerialization.jsonObject(with: Data(other)) as? [String: Any])
        let swapped = try Self.edit(bundle) { object in
            var material = object["verificationMaterial"] as? [String: Any] ?? [:]
            material["timestampVerificationData"] = (otherObject["verificationMaterial"] as? [String: Any])?["timestampVerificationData"]
            object["verificationMaterial"] = material
        }
        let skipped = try #require(try await Self.verify(swapped, instance).verifiedBundle)
        #expect(skipped.signingTimes.map(\.source) == [.transparencyLog])
        #expect(skipped.warnings.count == 1 && skipped.warnings[0].contains("message imprint"), "\(skipped.warnings)")
    }
}
