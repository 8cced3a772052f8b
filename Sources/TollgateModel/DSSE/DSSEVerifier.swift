/// Verifies DSSE envelopes against a set of trusted keys and a threshold.
///
/// protocol.md: "Verify … signatures, using the PAE … Reject if the number of distinct
/// verified keys is below the threshold." A key counts once, however many of the envelope's
/// signatures it made, so duplicating a signature never helps reach the threshold. The `keyid`
/// hints are not trusted: every signature is tried against every key.
public struct DSSEVerifier: Sendable {
    public let keys: [PublicKey]
    public let threshold: Int
    public let policy: AlgorithmPolicy

    /// - Throws: `model.invalid-threshold` when `threshold` is below 1 or above the number of
    ///   distinct keys (a misconfiguration is rejected when built, not at verify time).
    public init(keys: [PublicKey], threshold: Int = 1, policy: AlgorithmPolicy = .default) throws(ModelError) {
        var seen = Set<String>()
        let distinct = keys.filter { seen.insert($0.keyID).inserted }
        guard !distinct.isEmpty else { throw ModelError(.invalidThreshold, "at least one verification key is required") }
        guard threshold >= 1, threshold <= distinct.count else {
            throw ModelError(.invalidThreshold,
                             "threshold \(threshold) must be between 1 and the number of distinct keys (\(distinct.count))")
        }
        self.keys = distinct
        self.threshold = threshold
        self.policy = policy
    }

    /// Verifies `envelope`; when `expectedPayloadType` is given, a different `payloadType` fails.
    public func verify(_ envelope: DSSEEnvelope, expectedPayloadType: String? = nil) -> DSSEVerdict {
        if let expectedPayloadType, envelope.payloadType != expectedPayloadType {
            return .failed(reasons: ["payloadType is '\(envelope.payloadType.prefix(100))', expected '\(expectedPayloadType)'"])
        }
        guard !envelope.signatures.isEmpty else { return .failed(reasons: ["the envelope has no signatures"]) }
        let message = envelope.pae
        var verified: [String] = []
        var reasons: [String] = []
        for key in keys {
            var lastReason = "no signature"
            var ok = false
            for signature in envelope.signatures {
                let verdict = key.verify(signature: signature.signature, message: message, policy: policy)
                if verdict.isValid { ok = true; break }
                lastReason = verdict.reason ?? lastReason
            }
            if ok {
                verified.append(key.keyID)
            } else {
                reasons.append("key \(key.keyID.prefix(16))… (\(key.algorithm.name)): \(lastReason)")
            }
        }
        guard verified.count >= threshold else {
            let head = "\(verified.count) of \(keys.count) trusted keys signed the envelope, threshold is \(threshold)"
            return .failed(reasons: [head] + reasons)
        }
        return .verified(DSSEVerifiedPayload(payloadType: envelope.payloadType, payload: envelope.payload,
                                             keyIDs: verified.sorted()))
    }
}
