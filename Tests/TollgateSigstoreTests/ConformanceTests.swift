import Foundation
import Testing
import TollgateSigstore

/// The sigstore-conformance bundle-verify suite (70 cases): every case must give its expected
/// result, and every failing case must fail for its expected reason (docs/sigstore.md).
@Suite("sigstore-conformance bundle verification")
struct ConformanceTests {
    /// The reason each `_fail` case must fail for, derived from the case's README.
    static let expectedReasons: [String: String] = [
        "bundle-empty-certificate-chain_fail": "sigstore.bundle-malformed",
        "bundle-from-wrong-instance_fail": "sigstore.log-unknown",
        "bundle-invalid-base64-signature_fail": "sigstore.bundle-malformed",
        "bundle-malformed-json_fail": "sigstore.bundle-malformed",
        "bundle-negative-log-index_fail": "sigstore.bundle-malformed",
        "bundle-unknown-version_fail": "sigstore.bundle-unsupported-version",
        "bundle-with-root-cert_fail": "sigstore.root-certificate-in-bundle",
        "checkpoint-bad-keyhint_fail": "sigstore.checkpoint-invalid",
        "checkpoint-wrong-roothash_fail": "sigstore.checkpoint-invalid",
        "dsse-invalid-sig_fail": "sigstore.signature-invalid",
        "dsse-mismatch-envelope_fail": "sigstore.entry-mismatch",
        "dsse-mismatch-sig_fail": "sigstore.entry-mismatch",
        "inclusion-proof-corrupted-hash_fail": "sigstore.inclusion-proof-invalid",
        "incorrect-public-key_fail": "sigstore.set-invalid",
        "integrated-time-in-future_fail": "sigstore.time-outside-certificate-validity",
        "intoto-expired-certificate_fail": "sigstore.certificate-chain-invalid",
        "intoto-log-entry-mismatch_fail": "sigstore.entry-mismatch",
        "intoto-missing-inclusion-proof_fail": "sigstore.inclusion-proof-missing",
        "intoto-set-outside-signing-cert-validity_fail": "sigstore.time-outside-certificate-validity",
        "intoto-tsa-timestamp-outside-cert-validity_fail": "sigstore.time-outside-certificate-validity",
        "invalid-checkpoint-signature_fail": "sigstore.checkpoint-invalid",
        "invalid-ct-key_fail": "sigstore.sct-invalid",
        "invalid-inclusion-proof_fail": "sigstore.inclusion-proof-invalid",
        "managed-key-no-key_fail": "sigstore.material-mismatch",
        "managed-key-wrong-key_fail": "sigstore.key-invalid",
        "message-digest-mismatch_fail": "sigstore.artifact-mismatch",
        "rekor2-checkpoint-missing-log-signature_fail": "sigstore.checkpoint-invalid",
        "rekor2-checkpoint-missing-origin_fail": "sigstore.checkpoint-invalid",
        "rekor2-checkpoint-missing-root-hash_fail": "sigstore.checkpoint-invalid",
        "rekor2-checkpoint-missing-size_fail": "sigstore.checkpoint-invalid",
        "rekor2-checkpoint-no-matching-signature_fail": "sigstore.checkpoint-invalid",
        "rekor2-dsse-invalid-sig_fail": "sigstore.signature-invalid",
        "rekor2-dsse-mismatch-envelope_fail": "sigstore.entry-mismatch",
        "rekor2-dsse-mismatch-sig_fail": "sigstore.entry-mismatch",
        "rekor2-no-inclusion-proof_fail": "sigstore.inclusion-proof-missing",
        "rekor2-no-timestamp_fail": "sigstore.no-verified-time",
        "rekor2-timestamp-outside-trust-root-tsa-validity_fail": "sigstore.timestamp-invalid",
        "rekor2-timestamp-outside-tsa-cert-validity_fail": "sigstore.timestamp-invalid",
        "rekor2-timestamp-payload-mismatch_fail": "sigstore.timestamp-invalid",
        "rekor2-timestamp-untrusted-tsa-with-embedded-cert_fail": "sigstore.timestamp-invalid",
        "rekor2-timestamp-untrusted-tsa-without-embedded-cert_fail": "sigstore.timestamp-invalid",
        "rekor2-timestamp-with-incorrect-time_fail": "sigstore.time-outside-certificate-validity",
        "set-invalid-signature_fail": "sigstore.set-invalid",
        "signature-mismatch_fail": "sigstore.signature-invalid",
        "trust-root-tlog-missing-validity-start_fail": "sigstore.trusted-root-invalid",
        "wrong-hashedrekord-artifact_fail": "sigstore.entry-mismatch",
        "wrong-hashedrekord-cert-and-sig_fail": "sigstore.entry-mismatch",
        "wrong-hashedrekord-entry_fail": "sigstore.entry-mismatch",
        "wrong-material_fail": "sigstore.artifact-mismatch",
    ]

    @Test("the manifest lists all 70 cases and every failing case has an expected reason")
    func manifestIsComplete() {
        #expect(ConformanceCase.all.count == 70)
        let failing = ConformanceCase.all.filter { $0.expected == "fail" }.map(\.id)
        #expect(failing.count == 49)
        #expect(Set(failing) == Set(Self.expectedReasons.keys))
    }

    @Test("each conformance case gives its expected result for the artifact's bytes", arguments: ConformanceCase.all)
    func caseByBytes(_ testCase: ConformanceCase) async throws {
        let (outcome, message) = try await testCase.run(byDigest: false)
        if testCase.expected == "pass" {
            #expect(outcome == "verified", "\(testCase.id): \(message)")
        } else {
            #expect(outcome == Self.expectedReasons[testCase.id], "\(testCase.id): \(message)")
        }
    }

    @Test("each conformance case gives its expected result for the artifact given as sha256 digest", arguments: ConformanceCase.all)
    func caseByDigest(_ testCase: ConformanceCase) async throws {
        let (outcome, message) = try await testCase.run(byDigest: true)
        if testCase.expected == "pass" {
            #expect(outcome == "verified", "\(testCase.id): \(message)")
        } else {
            #expect(outcome == Self.expectedReasons[testCase.id], "\(testCase.id): \(message)")
        }
    }
}
