@_spi(FixedExpiryValidationTime) import X509
import Crypto
import Foundation
import SwiftASN1
import TollgateModel

/// Verifies Sigstore bundles offline against a ``TrustedRoot``, following the Sigstore client
/// specification (sigstore/architecture-docs `client-spec.md`, "Verification") as implemented
/// by sigstore-go and sigstore-python, and the sigstore-conformance suite.
///
/// Steps, in order (docs/sigstore.md explains each and its reason code):
/// 0. the bundle's material fits the policy; no self-signed certificate inside the bundle other
///    than a copy of a trusted-root certificate;
/// 1. signing time: RFC 3161 timestamps (each one that verifies counts; one that does not is a
///    warning) and SET-covered integrated times; at least one;
/// 2. every verified time inside the leaf's validity (closed interval);
/// 3. the leaf chains to a Fulcio CA valid at each verified time;
/// 4. an embedded SCT verifies against a CT log key;
/// 5. identity policy (SAN and OIDC issuer);
/// 6. inclusion proof → checkpoint signed by the log;
/// 7. artifact signature (or DSSE PAE signature plus in-toto subject);
/// 8. log entry body matches signature, key and digest (CVE-2022-36056).
///
/// The verifier is immutable and `Sendable`; share one across tasks.
public struct SigstoreVerifier: Sendable {
    public let trustedRoot: TrustedRoot
    public let options: VerificationOptions
    /// This verifier's own cache of successful signature checks, when
    /// ``VerificationOptions/rememberVerifiedSignatures`` is set.
    let signatureCache: VerifiedSignatureCache?
    /// The anchors' certificate stores, one per set of certificate authorities valid at an instant.
    let anchorStores = AnchorStoreCache()

    public init(trustedRoot: TrustedRoot, options: VerificationOptions = VerificationOptions()) {
        self.trustedRoot = trustedRoot
        self.options = options
        signatureCache = options.rememberVerifiedSignatures ? VerifiedSignatureCache() : nil
    }

    /// Verifies `bundle` for `artifact` under `policy`. Never throws: every failure is a result.
    public func verify(_ bundle: UnverifiedBundle, artifact: Artifact, policy: IdentityPolicy) async -> SigstoreVerificationResult {
        do {
            return .verified(try await run(bundle, artifact: artifact, policy: policy))
        } catch {
            return .failed(error)
        }
    }

    /// Parses and verifies in one call; parse problems are thrown as ``SigstoreError``.
    public func verify(bundleJSON: [UInt8], artifact: Artifact, policy: IdentityPolicy) async throws(SigstoreError) -> SigstoreVerificationResult {
        let bundle = try UnverifiedBundle(json: bundleJSON)
        return await verify(bundle, artifact: artifact, policy: policy)
    }

    private func run(_ bundle: UnverifiedBundle, artifact: Artifact, policy: IdentityPolicy) async throws(VerificationFailure) -> VerifiedBundle {
        // Step 0: the material must fit the policy.
        let signingKey: PublicKey
        var leafDER: [UInt8]?
        var leaf: Certificate?
        switch (bundle.material, policy.kind) {
        case (.certificate(let certificate, let der, let rest), .certificate):
            // Certificates in the bundle are never trust anchors. Real v0.1 bundles carry
            // [leaf, intermediate, root]; a root that is byte for byte a certificate of the
            // trusted root adds nothing and is ignored (as sigstore-js and slsa-verifier do).
            // Any other self-signed certificate is refused (sigstore-conformance
            // `bundle-with-root-cert_fail`).
            for extra in rest where extra.subject == extra.issuer {
                guard let extraDER = Self.derBytes(extra), trustedRoot.containsCertificateAuthorityCertificate(der: extraDER) else {
                    throw VerificationFailure(.rootCertificateInBundle,
                                              "the bundle's certificate chain contains the self-signed certificate \"\(extra.subject)\", which is not a certificate of the trusted root; roots come only from the trusted root")
                }
            }
            do { signingKey = try Self.signingKey(of: certificate) } catch {
                throw VerificationFailure(.signatureInvalid, "the signing certificate's key cannot verify signatures: \(error.reason)")
            }
            leaf = certificate
            leafDER = der
        case (.publicKey, .publicKey(let key)):
            signingKey = key
        case (.publicKey, .certificate):
            throw VerificationFailure(.materialMismatch,
                                      "the bundle is signed with a key (no certificate), but a certificate identity was required; verify with --key")
        case (.certificate, .publicKey):
            throw VerificationFailure(.materialMismatch,
                                      "the bundle carries a Fulcio certificate, but a managed key was given; verify with an identity")
        }

        // Step 1: signing times.
        guard !bundle.tlogEntries.isEmpty else {
            throw VerificationFailure(.tlogMissing, "the bundle has no transparency log entry")
        }
        var logs: [TransparencyLogInstance] = []
        for entry in bundle.tlogEntries {
            guard let log = trustedRoot.transparencyLog(id: entry.logID) else {
                throw VerificationFailure(.logUnknown,
                                          "log entry \(entry.logIndex) names log \(Base64Text.encode(entry.logID)), which is not in the trusted root")
            }
            logs.append(log)
        }
        var times: [VerifiedTime] = []
        var warnings: [String] = []
        try collectTimestamps(bundle, into: &times, warnings: &warnings)
        for (entry, log) in zip(bundle.tlogEntries, logs) {
            if let time = try verifySET(entry, log: log, version: bundle.version) {
                times.append(VerifiedTime(date: time, source: .transparencyLog))
            }
        }
        guard !times.isEmpty else {
            if !warnings.isEmpty {
                throw VerificationFailure(.timestampInvalid,
                                          "no verified signing time: no RFC 3161 timestamp verified (\(warnings.joined(separator: "; "))) and no integrated time is covered by a SET")
            }
            throw VerificationFailure(.noVerifiedTime,
                                      "no verified signing time: the bundle has no RFC 3161 timestamp and no integrated time covered by a SET")
        }
        let latest = options.now().addingTimeInterval(options.clockSkew)
        if let future = times.first(where: { $0.date > latest }) {
            throw VerificationFailure(.timeInFuture, "the \(future.source.rawValue) time \(future.date) is in the future")
        }
        for (entry, log) in zip(bundle.tlogEntries, logs) {
            let relevant = entry.integratedTime.map { [Date(timeIntervalSince1970: TimeInterval($0))] } ?? times.map(\.date)
            guard relevant.contains(where: log.validFor.contains) else {
                throw VerificationFailure(.logUnknown,
                                          "the key of log \(log.baseURL) is valid \(describe(log.validFor)), which does not cover the entry's time")
            }
        }

        var identity: FulcioIdentity?
        if let leaf, let leafDER {
            // Step 2a: the leaf was issued while a Fulcio CA for its issuer was trusted by the
            // trusted root and its own certificates were valid.
            let issued = leaf.notValidBefore
            let issuingCAs = trustedRoot.certificateAuthorities.filter { $0.chain.first?.subject == leaf.issuer }
            guard issuingCAs.contains(where: { ca in
                ca.validFor.contains(issued) && ca.chain.allSatisfy { issued >= $0.notValidBefore && issued <= $0.notValidAfter }
            }) else {
                let windows = issuingCAs.map { describe($0.validFor) }.joined(separator: "; ")
                throw VerificationFailure(.certificateChainInvalid,
                                          "the signing certificate was issued at \(issued), outside the validity of every Fulcio CA named \"\(leaf.issuer)\" in the trusted root (\(windows.isEmpty ? "none" : windows))")
            }
            // Step 2b: every verified time inside the certificate's validity (closed interval).
            for time in times where time.date < leaf.notValidBefore || time.date > leaf.notValidAfter {
                throw VerificationFailure(.timeOutsideCertificateValidity,
                                          "the \(time.source.rawValue) time \(time.date) is outside the certificate's validity \(leaf.notValidBefore) – \(leaf.notValidAfter)")
            }
            // Step 3: chain to a Fulcio CA at each verified time.
            var issuer: ChainIssuer?
            for time in times {
                issuer = try await verifyChain(leaf: leaf, leafDER: leafDER, at: time.date)
            }
            // Step 4: SCT.
            if !options.skipSCTUnsafe, let issuer {
                try verifySCT(leaf: leaf, leafDER: leafDER, issuer: issuer)
            }
            // Step 5: identity.
            let found = FulcioIdentity(certificate: leaf)
            if case .certificate(let subject, let issuerMatcher) = policy.kind {
                let sanOK = found.subjectAlternativeNames.contains(where: subject.matches)
                let issuerOK = found.issuer.map(issuerMatcher.matches) ?? false
                if !sanOK || !issuerOK {
                    let actualSAN = found.subjectAlternativeNames.isEmpty ? "(none)" : found.subjectAlternativeNames.map { "\"\($0)\"" }.joined(separator: ", ")
                    let actualIssuer = found.issuer.map { "\"\($0)\"" } ?? "(none)"
                    throw VerificationFailure(.identityMismatch,
                                              "expected SAN \(subject) and issuer \(issuerMatcher); the certificate has SAN \(actualSAN) and issuer \(actualIssuer)")
                }
            }
            identity = found
        }

        // Step 6: inclusion proofs and checkpoints.
        for (entry, log) in zip(bundle.tlogEntries, logs) {
            try verifyInclusion(entry, log: log, version: bundle.version)
        }

        // Step 7: the artifact signature.
        var statement: [UInt8]?
        switch bundle.content {
        case .messageSignature(let message):
            try verifyMessageSignature(message, artifact: artifact, key: signingKey)
        case .dsseEnvelope(let envelope):
            try verifyDSSE(envelope, artifact: artifact, key: signingKey, pep740: bundle.isPEP740Attestation)
            statement = envelope.payload
        }

        // Step 8: the log entries describe exactly this signature, key and digest.
        // An entry may name the signer by certificate or, as older clients wrote, by its key.
        // The key's DER is encoded only when an entry does not name the certificate.
        let certificateDER = leafDER
        let isSigner = { (der: [UInt8]) -> Bool in der == certificateDER || der == signingKey.spkiDER }
        for entry in bundle.tlogEntries {
            try verifyEntryBody(entry, content: bundle.content, artifact: artifact, certificateDER: certificateDER, isSigner: isSigner)
        }

        let summaries = zip(bundle.tlogEntries, logs).map { entry, log in
            VerifiedBundle.LogEntrySummary(logIndex: entry.logIndex, logID: Base64Text.encode(entry.logID),
                                           kind: entry.kindVersion, integratedTime: entry.integratedTime, baseURL: log.baseURL)
        }
        return VerifiedBundle(bundle: bundle, identity: identity, signingTimes: times, logEntries: summaries,
                              statementPayload: statement, warnings: warnings)
    }

    /// The leaf's key for the artifact signature. A P-256 or P-384 key (every Fulcio leaf) is the
    /// one swift-certificates already parsed and checked with the certificate; other keys go
    /// through their DER SubjectPublicKeyInfo. Parsing a P-256 key a second time was ~1% of a
    /// `verify-bundle --batch` bundle (docs/benchmarks.md, issue #13).
    static func signingKey(of certificate: Certificate) throws(ModelError) -> PublicKey {
        if let key = P256.Signing.PublicKey(certificate.publicKey) { return PublicKey(key) }
        if let key = P384.Signing.PublicKey(certificate.publicKey) { return PublicKey(key) }
        return try PublicKey(spkiDER: SPKI.der(certificate.publicKey))
    }

    /// DER of a parsed certificate (swift-certificates keeps the original TBS bytes, so this is
    /// the encoding the bundle carried).
    static func derBytes(_ certificate: Certificate) -> [UInt8]? {
        var serializer = DER.Serializer()
        do {
            try serializer.serialize(certificate)
        } catch {
            return nil
        }
        return serializer.serializedBytes
    }

    func describe(_ range: TimeRange) -> String {
        "from \(range.start)" + (range.end.map { " to \($0)" } ?? "")
    }
}
