import Crypto
import Foundation
import Testing
import TollgateModel
import TollgateTransparency
import X509
@testable import TollgateSigstore

/// `VerificationOptions.rememberVerifiedSignatures` (`verify-bundle --batch`): a remembered check
/// only ever answers for exactly the same bytes. A different child certificate, issuer set, time,
/// key, signed text or signature runs the real check, failures are never remembered, and every
/// conformance case gives the same result and message through a warm cache as without one.
@Suite("remembered signature checks")
struct SignatureCacheTests {
    static let conformance = ConformanceCase.fixtures.appendingPathComponent("conformance")
    static let identity = "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main"
    static let issuer = "https://token.actions.githubusercontent.com"

    static func root() throws -> TrustedRoot {
        try TrustedRoot(json: [UInt8](try Data(contentsOf: conformance.appendingPathComponent("trusted_root.production.json"))))
    }

    static func verifier(caching: Bool) throws -> SigstoreVerifier {
        SigstoreVerifier(trustedRoot: try root(), options: VerificationOptions(now: { ConformanceCase.fixedNow }, rememberVerifiedSignatures: caching))
    }

    static func happyJSON() throws -> [String: Any] {
        let data = try Data(contentsOf: conformance.appendingPathComponent("cases/happy-path-v0.3/bundle.sigstore.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func encode(_ object: [String: Any]) throws -> [UInt8] {
        [UInt8](try JSONSerialization.data(withJSONObject: object))
    }

    static func artifact() throws -> Artifact {
        Artifact(bytes: [UInt8](try Data(contentsOf: conformance.appendingPathComponent("cases/a.txt"))))
    }

    static func policy() throws -> IdentityPolicy {
        try IdentityPolicy.certificate(subject: identity, issuer: issuer)
    }

    /// Flips the last bit of base64 `text` (the end of a DER signature: its `s` integer).
    static func flipLast(_ text: String) throws -> String {
        var bytes = try #require(Base64Text.decode(text))
        bytes[bytes.count - 1] ^= 0x01
        return Base64Text.encode(bytes)
    }

    /// The happy bundle with one edit to its first log entry or its material.
    static func tampered(_ edit: (inout [String: Any], inout [String: Any]) throws -> Void) throws -> [UInt8] {
        var json = try happyJSON()
        var material = json["verificationMaterial"] as? [String: Any] ?? [:]
        var entries = material["tlogEntries"] as? [[String: Any]] ?? []
        try edit(&material, &entries[0])
        material["tlogEntries"] = entries
        json["verificationMaterial"] = material
        return try encode(json)
    }

    static let leafSignatureFlipped: @Sendable () throws -> [UInt8] = {
        try tampered { material, _ in
            let certificate = material["certificate"] as? [String: Any] ?? [:]
            material["certificate"] = ["rawBytes": try flipLast(certificate["rawBytes"] as? String ?? "")]
        }
    }
    static let setFlipped: @Sendable () throws -> [UInt8] = {
        try tampered { _, entry in
            let promise = entry["inclusionPromise"] as? [String: Any] ?? [:]
            entry["inclusionPromise"] = ["signedEntryTimestamp": try flipLast(promise["signedEntryTimestamp"] as? String ?? "")]
        }
    }
    static let checkpointSignatureFlipped: @Sendable () throws -> [UInt8] = {
        try tampered { _, entry in
            var proof = entry["inclusionProof"] as? [String: Any] ?? [:]
            let checkpoint = proof["checkpoint"] as? [String: Any] ?? [:]
            let note = checkpoint["envelope"] as? String ?? ""
            // The last line is "— <name> <base64(key ID ‖ signature)>".
            var lines = note.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let index = try #require(lines.lastIndex { $0.hasPrefix("\u{2014} ") })
            var parts = lines[index].split(separator: " ").map(String.init)
            parts[parts.count - 1] = try flipLast(parts[parts.count - 1])
            lines[index] = parts.joined(separator: " ")
            proof["checkpoint"] = ["envelope": lines.joined(separator: "\n")]
            entry["inclusionProof"] = proof
        }
    }

    @Test("cache keys are the exact, unambiguous input bytes")
    func keys() {
        typealias Key = VerifiedSignatureCache.Key
        #expect(Key(.signedEntryTimestamp, [[1, 2], [3]]) == Key(.signedEntryTimestamp, [[1, 2], [3]]))
        #expect(Key(.signedEntryTimestamp, [[1, 2], [3]]) != Key(.signedEntryTimestamp, [[1], [2, 3]]))
        #expect(Key(.signedEntryTimestamp, [[1, 2], [3]]) != Key(.signedCertificateTimestamp, [[1, 2], [3]]))
        #expect(Key(.signedEntryTimestamp, [[1, 2], [3]]) != Key(.signedEntryTimestamp, [[1, 2], [3], []]))
        #expect(Key(.noteSignature, [[0]]) != Key(.noteSignature, [[1]]))
        let time = Date(timeIntervalSince1970: 1_710_869_186)
        let key = SigstoreVerifier.chainCacheKey(leafDER: [1, 2, 3], time: time, anchorDERs: [[4], [5]])
        #expect(key == SigstoreVerifier.chainCacheKey(leafDER: [1, 2, 3], time: time, anchorDERs: [[4], [5]]))
        #expect(key != SigstoreVerifier.chainCacheKey(leafDER: [1, 2, 4], time: time, anchorDERs: [[4], [5]]))
        #expect(key != SigstoreVerifier.chainCacheKey(leafDER: [1, 2, 3], time: time.addingTimeInterval(0.001), anchorDERs: [[4], [5]]))
        #expect(key != SigstoreVerifier.chainCacheKey(leafDER: [1, 2, 3], time: time, anchorDERs: [[4], [6]]))
        #expect(key != SigstoreVerifier.chainCacheKey(leafDER: [1, 2, 3], time: time, anchorDERs: [[4]]))
    }

    @Test("a sighting tells apart signatures by kind, length and each of their last 32 bytes")
    func sightings() {
        typealias Sighting = VerifiedSignatureCache.Sighting
        let signature = (0..<72).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        #expect(Sighting(.signedEntryTimestamp, signature: signature) == Sighting(.signedEntryTimestamp, signature: signature))
        #expect(Sighting(.signedEntryTimestamp, signature: signature) != Sighting(.noteSignature, signature: signature))
        for index in 40..<72 {
            var changed = signature
            changed[index] ^= 0x80
            #expect(Sighting(.signedEntryTimestamp, signature: signature) != Sighting(.signedEntryTimestamp, signature: changed), "byte \(index)")
        }
        // Same last 32 bytes, another length: another sighting; a change before them is not seen
        // (the full key then decides).
        #expect(Sighting(.signedEntryTimestamp, signature: signature) != Sighting(.signedEntryTimestamp, signature: [0] + signature))
        var early = signature
        early[0] ^= 1
        #expect(Sighting(.signedEntryTimestamp, signature: signature) == Sighting(.signedEntryTimestamp, signature: early))
        #expect(Sighting(.noteSignature, signature: [1, 2]) != Sighting(.noteSignature, signature: [1, 2, 0]))
        #expect(Sighting(.noteSignature, signature: []) == Sighting(.noteSignature, signature: []))
    }

    @Test("the cache empties itself at its capacity")
    func capacity() {
        let cache = VerifiedSignatureCache()
        func bytes(_ index: Int) -> [UInt8] { withUnsafeBytes(of: index) { Array($0) } }
        func key(_ index: Int) -> VerifiedSignatureCache.Key {
            VerifiedSignatureCache.Key(.noteSignature, [bytes(index)])
        }
        func sighting(_ index: Int) -> VerifiedSignatureCache.Sighting {
            VerifiedSignatureCache.Sighting(.noteSignature, signature: bytes(index))
        }
        for index in 0..<VerifiedSignatureCache.capacity { cache.remember(sighting(index), key: key(index)) }
        #expect(cache.count == VerifiedSignatureCache.capacity)
        #expect(cache.keyCount == VerifiedSignatureCache.capacity)
        cache.remember(sighting(0), key: key(0))  // already there: kept, nothing emptied
        #expect(cache.count == VerifiedSignatureCache.capacity)
        cache.remember(sighting(-1), key: key(-1))
        #expect(cache.count == 1)
        #expect(cache.keyCount == 1)
        #expect(cache.hasSeen(sighting(-1)))
        #expect(cache.lookup(key(-1)) != nil)
        #expect(!cache.hasSeen(sighting(0)))
        #expect(cache.lookup(key(0)) == nil)
    }

    @Test("only a verifier given the option has a cache, and each has its own")
    func ownership() throws {
        #expect(try Self.verifier(caching: false).signatureCache == nil)
        let a = try Self.verifier(caching: true)
        let b = try Self.verifier(caching: true)
        #expect(a.signatureCache != nil && b.signatureCache != nil && a.signatureCache !== b.signatureCache)
    }

    @Test("a warm cache verifies the same bundle with the same result")
    func warmVerifies() async throws {
        let verifier = try Self.verifier(caching: true)
        let bundle = try UnverifiedBundle(json: try Self.encode(try Self.happyJSON()))
        let first = try #require(await verifier.verify(bundle, artifact: try Self.artifact(), policy: try Self.policy()).verifiedBundle)
        // The leaf's chain, the SCT, the SET and the checkpoint signature: seen once, so no full
        // key was computed yet.
        #expect(verifier.signatureCache?.count == 4)
        #expect(verifier.signatureCache?.keyCount == 0)
        // Seen again: each check runs in full once more and stores its key.
        let second = try #require(await verifier.verify(bundle, artifact: try Self.artifact(), policy: try Self.policy()).verifiedBundle)
        #expect(verifier.signatureCache?.count == 4)
        #expect(verifier.signatureCache?.keyCount == 4)
        #expect(verifier.signatureCache?.hits == 0)
        // From the third time, the four checks are answered from the table.
        let third = try #require(await verifier.verify(bundle, artifact: try Self.artifact(), policy: try Self.policy()).verifiedBundle)
        #expect(verifier.signatureCache?.hits == 4)
        #expect(first.identity == second.identity && first.signingTimes == second.signingTimes && first.logEntries == second.logEntries)
        #expect(first.identity == third.identity && first.signingTimes == third.signingTimes && first.logEntries == third.logEntries)
    }

    struct Tamper: Sendable, CustomTestStringConvertible {
        let name: String
        let make: @Sendable () throws -> [UInt8]
        let code: String
        var testDescription: String { name }
    }

    static let tampers = [
        Tamper(name: "leaf certificate signature", make: leafSignatureFlipped, code: "sigstore.certificate-chain-invalid"),
        Tamper(name: "signed entry timestamp", make: setFlipped, code: "sigstore.set-invalid"),
        Tamper(name: "checkpoint signature", make: checkpointSignatureFlipped, code: "sigstore.checkpoint-invalid"),
    ]

    @Test("after the genuine bundle, a tampered copy fails exactly as without a cache", arguments: tampers)
    func tamperedAfterWarm(_ tamper: Tamper) async throws {
        let (name, make, code) = (tamper.name, tamper.make, tamper.code)
        let caching = try Self.verifier(caching: true)
        let plain = try Self.verifier(caching: false)
        let artifact = try Self.artifact()
        let policy = try Self.policy()
        let genuine = try UnverifiedBundle(json: try Self.encode(try Self.happyJSON()))
        // Three times: the third is answered from the table, so every key is stored and warm.
        for _ in 0..<3 {
            #expect(await caching.verify(genuine, artifact: artifact, policy: policy).verifiedBundle != nil)
        }
        #expect(caching.signatureCache?.hits == 4)
        let remembered = caching.signatureCache?.count
        let bad = try UnverifiedBundle(json: try make())
        for _ in 0..<2 {
            let cached = await caching.verify(bad, artifact: artifact, policy: policy).failure
            let reference = await plain.verify(bad, artifact: artifact, policy: policy).failure
            #expect(cached?.code == code, "\(name): \(cached?.message ?? "verified")")
            #expect(cached == reference, "\(name)")
        }
        // Failures are not remembered; the genuine bundle still verifies.
        #expect(caching.signatureCache?.count == remembered)
        #expect(await caching.verify(genuine, artifact: artifact, policy: policy).verifiedBundle != nil)
    }

    /// The happy-path bundle's first log entry, its log and its SET, with a verifier that does or
    /// does not remember checks.
    static func firstEntry(caching: Bool) throws -> (SigstoreVerifier, TransparencyLogEntry, TransparencyLogInstance, [UInt8]) {
        let verifier = try Self.verifier(caching: caching)
        let bundle = try UnverifiedBundle(json: try Self.encode(try Self.happyJSON()))
        let entry = try #require(bundle.tlogEntries.first)
        let log = try #require(verifier.trustedRoot.transparencyLog(id: entry.logID))
        return (verifier, entry, log, try #require(entry.signedEntryTimestamp))
    }

    @Test("a remembered log signature answers only for the same key, algorithm, signature and bytes")
    func logSignature() throws {
        let (verifier, entry, log, set) = try Self.firstEntry(caching: true)
        let other = try #require(verifier.trustedRoot.ctLogs.first { $0.key != nil && $0.spkiDER != log.spkiDER })
        let time = try #require(entry.integratedTime)
        let payload = Array("{\"body\":\"\(Base64Text.encode(entry.canonicalizedBody))\",\"integratedTime\":\(time),\"logID\":\"\(Hex.encode(entry.logID))\",\"logIndex\":\(entry.logIndex)}".utf8)
        let key = try #require(log.key)
        func check(_ key: TransparencyLogInstance, signature: [UInt8], data: [UInt8], algorithm: Certificate.SignatureAlgorithm = .ecdsaWithSHA256) throws -> Bool {
            verifier.isValidLogSignature(.signedEntryTimestamp, key: try #require(key.key), keyDER: key.spkiDER, signature: signature, data: data, algorithm: algorithm)
        }
        #expect(key.isValidSignature(set, for: payload, signatureAlgorithm: .ecdsaWithSHA256))
        #expect(try check(log, signature: set, data: payload))
        #expect(verifier.signatureCache?.count == 1)
        #expect(try check(log, signature: set, data: payload))  // seen before: its full key is stored
        #expect(verifier.signatureCache?.keyCount == 1)
        #expect(try check(log, signature: set, data: payload))  // and answered from the table
        #expect(verifier.signatureCache?.hits == 1)
        var flipped = set
        flipped[flipped.count - 1] ^= 1
        #expect(try !check(log, signature: flipped, data: payload))
        #expect(try !check(log, signature: set, data: payload + [0x20]))
        #expect(try !check(log, signature: set, data: Array(payload.dropLast())))
        #expect(try !check(other, signature: set, data: payload))
        #expect(try !check(log, signature: set, data: payload, algorithm: .ecdsaWithSHA384))
        #expect(verifier.signatureCache?.count == 1)
        #expect(try check(log, signature: set, data: payload))
    }

    @Test("the direct P-256 log-signature check agrees with swift-certificates' on the real SET and its tamperings, and refuses non-DER signatures")
    func directLogSignature() throws {
        let (_, entry, log, set) = try Self.firstEntry(caching: false)
        let key = try #require(log.key)
        let payload = SigstoreVerifier.setPayload(entry, integratedTime: try #require(entry.integratedTime))
        func both(_ signature: [UInt8], _ data: [UInt8], _ algorithm: Certificate.SignatureAlgorithm = .ecdsaWithSHA256) -> (Bool, Bool) {
            (SigstoreVerifier.checkLogSignature(key: key, signature: signature, data: data, algorithm: algorithm),
             key.isValidSignature(signature, for: data, signatureAlgorithm: algorithm))
        }
        #expect(both(set, payload) == (true, true))
        var flipped = set
        flipped[flipped.count - 1] ^= 1
        #expect(both(flipped, payload) == (false, false))
        #expect(both(set, payload + [0x20]) == (false, false))
        #expect(both(Array(set.dropLast()), payload) == (false, false))
        #expect(both(set, payload, .ecdsaWithSHA384) == (false, false))  // swift-certificates' path
        // Not DER: trailing bytes, a raw r‖s pair, an empty signature.
        #expect(!SigstoreVerifier.checkLogSignature(key: key, signature: set + [0], data: payload, algorithm: .ecdsaWithSHA256))
        let raw = try P256.Signing.ECDSASignature(derRepresentation: set).rawRepresentation
        #expect(!SigstoreVerifier.checkLogSignature(key: key, signature: Array(raw), data: payload, algorithm: .ecdsaWithSHA256))
        #expect(!SigstoreVerifier.checkLogSignature(key: key, signature: [], data: payload, algorithm: .ecdsaWithSHA256))
    }

    @Test("a remembered checkpoint signature answers only for the same note text and signature")
    func noteSignature() throws {
        let verifier = try Self.verifier(caching: true)
        let bundle = try UnverifiedBundle(json: try Self.encode(try Self.happyJSON()))
        let entry = try #require(bundle.tlogEntries.first)
        let log = try #require(verifier.trustedRoot.transparencyLog(id: entry.logID))
        let note = try SignedNote(parsing: try #require(entry.inclusionProof?.checkpoint))
        let origin = String(note.text.prefix { $0 != "\n" })
        let line = try #require(note.signatures.first)
        let verifiers = verifier.checkpointVerifiers(log, origin: origin)
        let chosen = try #require(verifiers.first { $0.name == line.name && $0.keyID == line.keyID })
        #expect(chosen is CachingNoteVerifier)
        let text = Array(note.text.utf8)
        #expect(chosen.verify(text: text, signature: line.signature) == .verified)
        #expect(verifier.signatureCache?.count == 1)
        #expect(chosen.verify(text: text, signature: line.signature) == .verified)
        #expect(chosen.verify(text: text, signature: line.signature) == .verified)
        #expect(verifier.signatureCache?.keyCount == 1 && verifier.signatureCache?.hits == 1)
        var flipped = line.signature
        flipped[flipped.count - 1] ^= 1
        #expect(chosen.verify(text: text, signature: flipped) != .verified)
        #expect(chosen.verify(text: text + [0x0A], signature: line.signature) != .verified)
        var otherText = text
        otherText[0] ^= 0x20
        #expect(chosen.verify(text: otherText, signature: line.signature) != .verified)
        #expect(verifier.signatureCache?.count == 1)
        // The same note verifies through TollgateTransparency with and without the cache.
        #expect(CheckpointVerifier.verify(note, verifiers: verifiers).isValid)
        #expect(CheckpointVerifier.verify(note, verifiers: log.noteVerifiers(origin: origin)).isValid)
    }

    @Test("a remembered chain answers only for the same leaf at the same instant")
    func chain() async throws {
        let verifier = try Self.verifier(caching: true)
        let bundle = try UnverifiedBundle(json: try Self.encode(try Self.happyJSON()))
        guard case .certificate(let leaf, let leafDER, _) = bundle.material else {
            Issue.record("no leaf")
            return
        }
        let time = Date(timeIntervalSince1970: TimeInterval(try #require(bundle.tlogEntries.first?.integratedTime)))
        let issuer = try await verifier.verifyChain(leaf: leaf, leafDER: leafDER, at: time)
        #expect(verifier.signatureCache?.count == 1)
        #expect(try await verifier.verifyChain(leaf: leaf, leafDER: leafDER, at: time).certificate == issuer.certificate)
        #expect(try await verifier.verifyChain(leaf: leaf, leafDER: leafDER, at: time).certificate == issuer.certificate)
        #expect(verifier.signatureCache?.hits == 1)
        // The anchors' certificate store was built once for the three validations.
        #expect(verifier.anchorStores.count == 1)
        // Outside the leaf's validity the chain fails, remembered or not.
        for outside in [leaf.notValidBefore.addingTimeInterval(-1), leaf.notValidAfter.addingTimeInterval(1)] {
            await #expect(throws: VerificationFailure.self) { try await verifier.verifyChain(leaf: leaf, leafDER: leafDER, at: outside) }
        }
        // A different child (its signature flipped) is checked, and fails.
        let flipped = try UnverifiedBundle(json: try Self.leafSignatureFlipped())
        guard case .certificate(let badLeaf, let badDER, _) = flipped.material else {
            Issue.record("no leaf")
            return
        }
        await #expect(throws: VerificationFailure.self) { try await verifier.verifyChain(leaf: badLeaf, leafDER: badDER, at: time) }
        #expect(verifier.signatureCache?.count == 1)
    }

    @Test("every conformance case gives the same result and message through a warm cache")
    func conformanceThroughCache() async throws {
        var references: [String: (String, String)] = [:]
        for testCase in ConformanceCase.all { references[testCase.id] = try await testCase.run(byDigest: false) }
        // One caching verifier per trusted root, shared by every case and pass, as in a batch.
        var verifiers: [String: Result<SigstoreVerifier, SigstoreError>] = [:]
        for testCase in ConformanceCase.all where verifiers[testCase.trusted_root] == nil {
            let rootBytes = try testCase.bytes(testCase.trusted_root)
            do throws(SigstoreError) {
                let root = try TrustedRoot(json: rootBytes)
                verifiers[testCase.trusted_root] = .success(SigstoreVerifier(
                    trustedRoot: root, options: VerificationOptions(now: { ConformanceCase.fixedNow }, rememberVerifiedSignatures: true)))
            } catch {
                verifiers[testCase.trusted_root] = .failure(error)
            }
        }
        for pass in [ConformanceCase.all, Array(ConformanceCase.all.reversed()), ConformanceCase.all] {
            for testCase in pass {
                let outcome: (String, String)
                switch verifiers[testCase.trusted_root] {
                case .success(let verifier)?:
                    do {
                        let result = try await verifier.verify(bundleJSON: try testCase.bytes(testCase.bundle),
                                                               artifact: Artifact(bytes: try testCase.bytes(testCase.artifact)),
                                                               policy: try testCase.policy())
                        switch result {
                        case .verified: outcome = ("verified", "")
                        case .failed(let failure): outcome = (failure.code, failure.message)
                        }
                    } catch let error as SigstoreError {
                        outcome = (error.code, error.reason)
                    }
                case .failure(let error)?: outcome = (error.code, error.reason)
                case nil: outcome = ("", "")
                }
                // BoringSSL's packed error number in a bad managed key's message differs from call to
                // call with or without a cache (it reflects the thread's error queue), so it is left out.
                func stable(_ outcome: (String, String)) -> (String, String) {
                    (outcome.0, outcome.1.replacing(/reported error \d+/, with: "reported error N"))
                }
                #expect(stable(outcome) == stable(references[testCase.id]!), "\(testCase.id)")
            }
        }
        #expect(verifiers.values.contains { (try? $0.get())?.signatureCache?.count ?? 0 > 0 })
    }
}
