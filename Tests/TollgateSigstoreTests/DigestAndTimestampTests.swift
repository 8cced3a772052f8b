import Foundation
import Testing
import TollgateModel
@testable import TollgateSigstore

/// Artifact digests (sha256/384/512), subject matching, several RFC 3161 timestamps and the
/// dsse 0.0.1 envelope hash.
@Suite("artifact digests, timestamps and envelope hashes")
struct DigestAndTimestampTests {
    static let conformance = ConformanceCase.fixtures.appendingPathComponent("conformance")
    static let identity = VerifierBehaviourTests.identity
    static let issuer = VerifierBehaviourTests.issuer

    static func json(_ relative: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: conformance.appendingPathComponent(relative))) as? [String: Any])
    }

    static func verifier(root relative: String) throws -> SigstoreVerifier {
        let root = try TrustedRoot(json: [UInt8](try Data(contentsOf: conformance.appendingPathComponent(relative))))
        return SigstoreVerifier(trustedRoot: root, options: VerificationOptions(now: { ConformanceCase.fixedNow }))
    }

    static func artifact() throws -> Artifact {
        Artifact(bytes: [UInt8](try Data(contentsOf: conformance.appendingPathComponent("cases/a.txt"))))
    }

    // MARK: digests

    @Test("sha256:, sha384: and sha512: digests of the right length are read as digests",
          arguments: [(DigestAlgorithm.sha256, 64), (.sha384, 96), (.sha512, 128)])
    func digestStrings(_ algorithm: DigestAlgorithm, _ hexLength: Int) throws {
        let text = "\(algorithm.rawValue):" + String(repeating: "ab", count: hexLength / 2)
        #expect(Artifact.isDigestString(text))
        let artifact = try Artifact(digestString: text)
        #expect(artifact.digest(algorithm) == [UInt8](repeating: 0xab, count: hexLength / 2))
        #expect(artifact.bytes == nil)
        for other in Artifact.acceptedAlgorithms where other != algorithm { #expect(artifact.digest(other) == nil) }
    }

    @Test("malformed or unaccepted digest strings are refused",
          arguments: ["sha512:abcd", "sha256:" + String(repeating: "a", count: 63), "sha1:" + String(repeating: "a", count: 40),
                      "md5:" + String(repeating: "a", count: 32), "sha384:" + String(repeating: "z", count: 96)])
    func badDigestStrings(_ text: String) {
        #expect(throws: SigstoreError.self) { try Artifact(digestString: text) }
    }

    @Test("an artifact given as bytes is hashed with every accepted algorithm")
    func bytesGiveEveryDigest() {
        let bytes = Array("npm tarball".utf8)
        let artifact = Artifact(bytes: bytes)
        for algorithm in Artifact.acceptedAlgorithms { #expect(artifact.digest(algorithm) == algorithm.hash(bytes).bytes) }
    }

    @Test("subjects match by any accepted algorithm; a subject whose other accepted digest disagrees, or with only unaccepted ones, does not")
    func subjectMatching() throws {
        let bytes = Array("package.tgz".utf8)
        let sha256 = DigestAlgorithm.sha256.hash(bytes).hex
        let sha512 = DigestAlgorithm.sha512.hash(bytes).hex
        let file = Artifact(bytes: bytes)
        let npm = InTotoSubject(name: "pkg:npm/x@1", digest: ["sha512": sha512])
        let both = InTotoSubject(name: "both", digest: ["sha256": sha256, "sha512": sha512.uppercased()])
        let conflicting = InTotoSubject(name: "conflict", digest: ["sha256": sha256, "sha512": String(repeating: "0", count: 128)])
        let gitOnly = InTotoSubject(name: "git", digest: ["gitCommit": "0123456789abcdef0123456789abcdef01234567", "sha1": String(repeating: "a", count: 40)])
        #expect(SigstoreVerifier.subjects([npm, both, conflicting, gitOnly], matching: file).map(\.name) == ["pkg:npm/x@1", "both"])
        // Known only by sha256: the sha512-only subject cannot be matched; the sha256 one can.
        let bySHA256 = try Artifact(digestString: "sha256:" + sha256)
        #expect(SigstoreVerifier.subjects([npm, both, conflicting], matching: bySHA256).map(\.name) == ["both", "conflict"])
        let bySHA512 = try Artifact(digestString: "sha512:" + sha512)
        #expect(SigstoreVerifier.subjects([npm, both, conflicting], matching: bySHA512).map(\.name) == ["pkg:npm/x@1", "both"])
    }

    @Test("a Git commit (a source audit's subject) matches only its gitCommit subject, has no file digest, and must be a full id")
    func gitCommitSubjects() throws {
        let commit = "0123456789ABCDEF0123456789abcdef01234567"
        let audited = InTotoSubject(name: "git+https://github.com/acme/app", digest: ["gitCommit": commit.lowercased()])
        let other = InTotoSubject(name: "other", digest: ["gitCommit": String(repeating: "1", count: 40)])
        let file = InTotoSubject(name: "file", digest: ["sha256": DigestAlgorithm.sha256.hash(Array(commit.utf8)).hex])
        let artifact = try Artifact(gitCommit: commit)
        #expect(artifact.gitCommit == commit.lowercased())
        #expect(SigstoreVerifier.subjects([other, file, audited], matching: artifact).map(\.name) == ["git+https://github.com/acme/app"])
        #expect(artifact.sha256 == nil && artifact.digestDescription == "gitCommit:\(commit.lowercased())")
        // A file artifact never matches a commit subject, whatever its bytes.
        #expect(SigstoreVerifier.subjects([audited], matching: Artifact(bytes: Array(commit.utf8))).isEmpty)
        for bad in ["0123456", String(repeating: "g", count: 40), String(repeating: "a", count: 41)] {
            #expect(throws: SigstoreError.self) { try Artifact(gitCommit: bad) }
        }
        #expect(try Artifact(gitCommit: String(repeating: "b", count: 64)).gitCommit?.count == 64)
    }

    @Test("a message-signature bundle verifies by its sha256 digest and not by a sha512 one, which it does not sign")
    func messageSignatureDigests() async throws {
        let verifier = try Self.verifier(root: "trusted_root.production.json")
        let bundle = try UnverifiedBundle(json: [UInt8](try Data(contentsOf: Self.conformance.appendingPathComponent("cases/happy-path-v0.3/bundle.sigstore.json"))))
        let policy = try IdentityPolicy.certificate(subject: Self.identity, issuer: Self.issuer)
        let file = try Self.artifact()
        #expect(await verifier.verify(bundle, artifact: file, policy: policy).failure == nil)
        let bySHA512 = Artifact(digest: DigestAlgorithm.sha512.hash(try #require(file.bytes)))
        let failure = await verifier.verify(bundle, artifact: bySHA512, policy: policy).failure
        #expect(failure?.reason == .artifactMismatch)
        #expect(failure?.message.contains("known only as sha512:") == true, "\(failure?.message ?? "")")
    }

    // MARK: timestamps

    /// The rekor2 happy-path bundle (its only signing time is its RFC 3161 timestamp) with the
    /// timestamp list rewritten.
    static func rekor2Bundle(_ edit: ([[String: Any]]) -> [[String: Any]]) throws -> UnverifiedBundle {
        var bundle = try json("cases/rekor2-happy-path/bundle.sigstore.json")
        var material = try #require(bundle["verificationMaterial"] as? [String: Any])
        var data = try #require(material["timestampVerificationData"] as? [String: Any])
        let stamps = try #require(data["rfc3161Timestamps"] as? [[String: Any]])
        data["rfc3161Timestamps"] = edit(stamps)
        material["timestampVerificationData"] = data
        bundle["verificationMaterial"] = material
        return try UnverifiedBundle(json: [UInt8](try JSONSerialization.data(withJSONObject: bundle)))
    }

    /// A timestamp from the same TSA over another bundle's signature: its imprint does not match.
    static func unrelatedTimestamp() throws -> [String: Any] {
        let other = try json("cases/rekor2-dsse-happy-path/bundle.sigstore.json")
        let stamps = ((other["verificationMaterial"] as? [String: Any])?["timestampVerificationData"] as? [String: Any])?["rfc3161Timestamps"] as? [[String: Any]]
        return try #require(stamps?.first)
    }

    static func rekor2Verify(_ bundle: UnverifiedBundle) async throws -> SigstoreVerificationResult {
        let verifier = try verifier(root: "cases/rekor2-happy-path/trusted_root.json")
        return await verifier.verify(bundle, artifact: try artifact(), policy: try IdentityPolicy.certificate(subject: identity, issuer: issuer))
    }

    @Test("an unrelated timestamp beside a valid one is reported as a warning and skipped", arguments: [false, true])
    func unrelatedTimestampIsSkipped(_ unrelatedFirst: Bool) async throws {
        let unrelated = try Self.unrelatedTimestamp()
        let bundle = try Self.rekor2Bundle { unrelatedFirst ? [unrelated] + $0 : $0 + [unrelated] }
        #expect(bundle.rfc3161Timestamps.count == 2)
        let result = try await Self.rekor2Verify(bundle)
        let verified = try #require(result.verifiedBundle, "\(result.failure?.description ?? "")")
        #expect(verified.signingTimes.count == 1)
        #expect(verified.signingTimes.first?.source == .timestampAuthority)
        #expect(verified.warnings.count == 1)
        #expect(verified.warnings.first?.contains("message imprint mismatch") == true, "\(verified.warnings)")
    }

    @Test("a bundle whose only timestamp is unrelated, with no SET, still fails")
    func onlyUnrelatedTimestampFails() async throws {
        let unrelated = try Self.unrelatedTimestamp()
        let failure = try await Self.rekor2Verify(try Self.rekor2Bundle { _ in [unrelated] }).failure
        #expect(failure?.reason == .timestampInvalid)
        #expect(failure?.message.contains("no verified signing time") == true)
    }

    @Test("the same timestamp twice is refused")
    func duplicateTimestampRefused() async throws {
        let failure = try await Self.rekor2Verify(try Self.rekor2Bundle { $0 + $0 }).failure
        #expect(failure?.reason == .timestampInvalid)
        #expect(failure?.message.contains("duplicates timestamp 0") == true)
    }

    @Test("more than 32 timestamps are refused when the bundle is read")
    func tooManyTimestamps() throws {
        let unrelated = try Self.unrelatedTimestamp()
        #expect(throws: SigstoreError.self) { try Self.rekor2Bundle { $0 + Array(repeating: unrelated, count: 32) } }
        let atLimit = try Self.rekor2Bundle { $0 + Array(repeating: unrelated, count: 31) }
        #expect(atLimit.rfc3161Timestamps.count == 32)
    }

    // MARK: dsse 0.0.1 envelope hash

    /// The conformance dsse 0.0.1 bundle with its entry body's envelope hash replaced.
    static func dsseBundle(envelopeHash: String?) throws -> UnverifiedBundle {
        var bundle = try json("cases/happy-path-intoto-in-dsse-v3/bundle.sigstore.json")
        if let envelopeHash {
            var material = try #require(bundle["verificationMaterial"] as? [String: Any])
            var entries = try #require(material["tlogEntries"] as? [[String: Any]])
            let bodyText = try #require(entries[0]["canonicalizedBody"] as? String)
            let bodyBytes = try #require(Data(base64Encoded: bodyText))
            var body = try #require(try JSONSerialization.jsonObject(with: bodyBytes) as? [String: Any])
            var spec = try #require(body["spec"] as? [String: Any])
            spec["envelopeHash"] = ["algorithm": "sha256", "value": envelopeHash]
            body["spec"] = spec
            entries[0]["canonicalizedBody"] = try JSONSerialization.data(withJSONObject: body).base64EncodedString()
            material["tlogEntries"] = entries
            bundle["verificationMaterial"] = material
        }
        return try UnverifiedBundle(json: [UInt8](try JSONSerialization.data(withJSONObject: bundle)))
    }

    @Test("the dsse 0.0.1 envelope hash is recomputed from the envelope and must equal the entry's")
    func dsseEnvelopeHash() throws {
        let verifier = try Self.verifier(root: "trusted_root.production.json")
        let original = try Self.dsseBundle(envelopeHash: nil)
        let entry = try #require(original.tlogEntries.first)
        #expect(entry.kindVersion == "dsse/0.0.1")
        guard case .certificate(_, let leafDER, _) = original.material, case .dsseEnvelope(let envelope) = original.content else {
            Issue.record("expected a certificate DSSE bundle")
            return
        }
        let body = try RekorEntryBody(body: entry.canonicalizedBody, kind: entry.kind, version: entry.version)
        let recorded = try #require(body.envelopeHash)
        #expect(envelope.rekorSubmissionCandidates.contains { DigestAlgorithm.sha256.hash($0).bytes == recorded.digest })
        try verifier.verifyEntryBody(entry, content: original.content, artifact: try Self.artifact(), isSigner: { $0 == leafDER })

        let tampered = try Self.dsseBundle(envelopeHash: String(repeating: "0", count: 64))
        let tamperedEntry = try #require(tampered.tlogEntries.first)
        let error = #expect(throws: VerificationFailure.self) {
            try verifier.verifyEntryBody(tamperedEntry, content: tampered.content, artifact: try Self.artifact(), isSigner: { $0 == leafDER })
        }
        #expect(error?.reason == .entryMismatch)
        #expect(error?.message.contains("envelope hash") == true, "\(error?.message ?? "")")
    }

    @Test("the SET payload bytes are Rekor's canonical JSON of the entry")
    func setPayload() throws {
        let entry = try #require(try Self.dsseBundle(envelopeHash: nil).tlogEntries.first)
        let time = try #require(entry.integratedTime)
        let expected = "{\"body\":\"\(Base64Text.encode(entry.canonicalizedBody))\",\"integratedTime\":\(time),\"logID\":\"\(Hex.encode(entry.logID))\",\"logIndex\":\(entry.logIndex)}"
        #expect(SigstoreVerifier.setPayload(entry, integratedTime: time) == Array(expected.utf8))
        #expect(SigstoreVerifier.setPayload(entry, integratedTime: -1).starts(with: Array("{\"body\":\"".utf8)))
        #expect(String(decoding: SigstoreVerifier.setPayload(entry, integratedTime: -1), as: UTF8.self).contains("\"integratedTime\":-1,"))
    }

    @Test("envelope JSON escapes quotes, backslashes and control characters in the payload type",
          arguments: [("a\"b", "\"a\\\"b\""), ("a\\b", "\"a\\\\b\""), ("a\nb", "\"a\\nb\""), ("a\u{01}b", "\"a\\u0001b\""),
                      ("application/vnd.in-toto+json", "\"application/vnd.in-toto+json\"")])
    func envelopeJSONEscaping(_ input: String, _ expected: String) {
        #expect(BundleDSSEEnvelope.jsonString(input) == expected)
    }
}
