import Foundation
import TollgateLedger
import TollgatePolicy
import TollgateStore

/// Registered keys are judged at signing time (issue #20, docs/keys.md#registry): a signature by a
/// key of Tollgate's key registry counts only when the key was valid when it signed. The signing time
/// is the trusted one of the signature (a transparency log's integrated time or an RFC 3161 timestamp);
/// without one, `settings.unknownSigningTime` decides (the decision time by default, or never).
/// Keys the registry does not hold are judged by the policy's trusted signers alone, as before.
extension EvidenceCollector {
    /// The signatures that may count, and a `evidence.key-not-valid` problem for each one that may not.
    func admitRegisteredKeys(_ signatures: [VerifiedSignature], into evidence: inout Evidence) -> [VerifiedSignature] {
        guard !keyRecords.isEmpty else { return signatures }
        return signatures.filter { signature in
            guard let reason = keyInvalidity(signature) else { return true }
            evidence.problems.append(EvidenceProblem(.keyNotValid, signature.source, reason))
            return false
        }
    }

    /// Why `signature`'s registered key could not make it, or nil when it could (or is not registered).
    func keyInvalidity(_ signature: VerifiedSignature) -> String? {
        guard case .key(let id) = signature.signer, let record = keyRecords[id] else { return nil }
        let name = "key \(id.prefix(16))… (\(record.owner), \(record.purpose.rawValue))"
        if let signedAt = signature.signedAt {
            let validity = KeyValidity.of(record, at: signedAt)
            return validity.isValid ? nil : "signed by \(name): \(validity), at \(KeyLifecycle.format(signedAt)) by its trusted timestamp"
        }
        switch policy.settings.unknownSigningTime {
        case .deny:
            return "signed by registered \(name) with no trusted timestamp; settings.unknownSigningTime: deny needs one to place the signature inside the key's validity"
        case .decisionTime:
            let validity = KeyValidity.of(record, at: now())
            guard !validity.isValid else { return nil }
            return "signed by \(name) with no trusted timestamp, so it is judged at decision time: \(validity.atDecisionTime)"
        }
    }
}

extension KeyValidity {
    /// The validity at decision time, worded for a signature whose own time is unknown.
    var atDecisionTime: String {
        switch self {
        case .valid: "valid"
        case .notYetValid(let from): "the key is not valid before \(KeyLifecycle.format(from))"
        case .expired(let until): "the key's validity ended \(KeyLifecycle.format(until))"
        case .revoked(let at): "the key was revoked \(KeyLifecycle.format(at)), and nothing shows the signature is older"
        case .signingTimeUnknown: "the signing time is unknown"
        }
    }
}
