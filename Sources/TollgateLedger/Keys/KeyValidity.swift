import Foundation
import TollgateStore

/// Whether a registered key could sign at a given time: the key's validity **at signing time**
/// (issue #20). A signature made after the key's revocation, or outside its window, fails with that
/// reason; a signing time nobody vouches for is `signingTimeUnknown`, which the policy decides.
public enum KeyValidity: Sendable, Hashable, CustomStringConvertible {
    case valid
    case notYetValid(validFrom: Date)
    /// After `validUntil` (for a rotated key: after the rotation).
    case expired(validUntil: Date)
    case revoked(revokedAt: Date)
    /// No trusted timestamp gives the signing time.
    case signingTimeUnknown

    /// `record`'s validity at `signingTime` (nil: unknown).
    public static func of(_ record: KeyRecord, at signingTime: Date?) -> KeyValidity {
        guard let signingTime else { return .signingTimeUnknown }
        if record.status == .revoked, let revokedAt = record.revokedAt, signingTime >= revokedAt { return .revoked(revokedAt: revokedAt) }
        if signingTime < record.validFrom { return .notYetValid(validFrom: record.validFrom) }
        if let validUntil = record.validUntil, signingTime >= validUntil { return .expired(validUntil: validUntil) }
        return .valid
    }

    public var isValid: Bool { self == .valid }

    public var description: String {
        switch self {
        case .valid: "valid at signing time"
        case .notYetValid(let from): "signed before the key's validity began (\(KeyLifecycle.format(from)))"
        case .expired(let until): "signed after the key's validity ended (\(KeyLifecycle.format(until)))"
        case .revoked(let at): "signed after the key was revoked (\(KeyLifecycle.format(at)))"
        case .signingTimeUnknown: "the signing time is unknown (no trusted timestamp)"
        }
    }
}
