import Foundation
import TollgateModel
import TollgateStore

/// Register, rotate and revoke Tollgate's own signing keys: each change is checked against the
/// registry, appended to the ledger (`key.added`, `key.rotated`, `key.revoked`: who, when by the
/// ledger's clock, why), then written to the registry. The ledger entry comes first: it is the
/// record; the registry is its index. Repeating a change that already happened is a no-op.
public struct KeyLifecycle: Sendable {
    public let registry: any KeyRegistry
    public let ledger: Ledger

    public init(registry: any KeyRegistry, ledger: Ledger) {
        self.registry = registry
        self.ledger = ledger
    }

    /// Registers `publicKeyPEM` for `owner` and `purpose`, valid from `validFrom` until `validUntil`.
    public func register(publicKeyPEM: String, owner: String, purpose: KeyPurpose, validFrom: Date, validUntil: Date?,
                         reason: String, actor: String) async throws -> KeyChange {
        try Self.require(reason: reason, owner: owner)
        let key = try PublicKey(pem: publicKeyPEM)
        if let validUntil, validUntil <= validFrom {
            throw LedgerError(.keyConflict, "the key would be valid until \(Self.format(validUntil)), not after its start \(Self.format(validFrom))")
        }
        let record = KeyRecord(keyID: key.keyID, algorithm: key.algorithm.name, publicKeyPEM: key.pem, owner: owner, purpose: purpose,
                               validFrom: validFrom, validUntil: validUntil, status: .active, reason: reason)
        if let existing = try await registry.key(id: key.keyID) {
            guard existing.owner == owner, existing.purpose == purpose, existing.status == .active else {
                throw LedgerError(.keyConflict, "key \(key.keyID.prefix(16))… is already registered (\(existing.status.rawValue), owner \(existing.owner), purpose \(existing.purpose.rawValue))")
            }
            return KeyChange(kind: LedgerEntryKind.keyAdded.rawValue, keys: [existing], ledgerIndex: nil, unchanged: true)
        }
        let index = try await append(.keyAdded, actor: actor, [
            "keyID": .string(record.keyID), "algorithm": .string(record.algorithm), "owner": .string(owner),
            "purpose": .string(purpose.rawValue), "validFrom": .string(Self.format(validFrom)),
            "validUntil": validUntil.map { .string(Self.format($0)) } ?? .null, "reason": .string(reason),
        ])
        try await registry.save([record])
        return KeyChange(kind: LedgerEntryKind.keyAdded.rawValue, keys: [record], ledgerIndex: index, unchanged: false)
    }

    /// Replaces active key `keyID` by `newPublicKeyPEM` (same owner and purpose) at `time`: the old
    /// key's validity ends then, so what it signed before stays valid; the new one starts then.
    public func rotate(keyID: String, to newPublicKeyPEM: String, validUntil: Date?, reason: String, actor: String,
                       at time: Date) async throws -> KeyChange {
        try Self.require(reason: reason, owner: "-")
        guard var old = try await registry.key(id: keyID) else {
            throw LedgerError(.keyUnknown, "no registered key has id \(keyID.prefix(64)); see `tollgate key list`")
        }
        let newKey = try PublicKey(pem: newPublicKeyPEM)
        if old.status == .rotated, old.replacedBy == newKey.keyID, let new = try await registry.key(id: newKey.keyID) {
            return KeyChange(kind: LedgerEntryKind.keyRotated.rawValue, keys: [old, new], ledgerIndex: nil, unchanged: true)
        }
        guard old.status == .active else {
            throw LedgerError(.keyConflict, "key \(keyID.prefix(16))… is \(old.status.rawValue); only an active key can be rotated")
        }
        guard newKey.keyID != keyID, try await registry.key(id: newKey.keyID) == nil else {
            throw LedgerError(.keyConflict, "the new key \(newKey.keyID.prefix(16))… is already registered")
        }
        let new = KeyRecord(keyID: newKey.keyID, algorithm: newKey.algorithm.name, publicKeyPEM: newKey.pem, owner: old.owner,
                            purpose: old.purpose, validFrom: time, validUntil: validUntil, status: .active, reason: reason)
        old.status = .rotated
        old.replacedBy = new.keyID
        old.reason = reason
        if old.validUntil.map({ $0 > time }) ?? true { old.validUntil = time }
        let index = try await append(.keyRotated, actor: actor, [
            "keyID": .string(old.keyID), "newKeyID": .string(new.keyID), "algorithm": .string(new.algorithm),
            "owner": .string(old.owner), "purpose": .string(old.purpose.rawValue), "rotatedAt": .string(Self.format(time)),
            "validUntil": validUntil.map { .string(Self.format($0)) } ?? .null, "reason": .string(reason),
        ])
        try await registry.save([old, new])
        return KeyChange(kind: LedgerEntryKind.keyRotated.rawValue, keys: [old, new], ledgerIndex: index, unchanged: false)
    }

    /// Revokes `keyID` at `time`: signatures made from then on are refused.
    public func revoke(keyID: String, reason: String, actor: String, at time: Date) async throws -> KeyChange {
        try Self.require(reason: reason, owner: "-")
        guard var record = try await registry.key(id: keyID) else {
            throw LedgerError(.keyUnknown, "no registered key has id \(keyID.prefix(64)); see `tollgate key list`")
        }
        if record.status == .revoked {
            return KeyChange(kind: LedgerEntryKind.keyRevoked.rawValue, keys: [record], ledgerIndex: nil, unchanged: true)
        }
        record.status = .revoked
        record.revokedAt = time
        record.reason = reason
        let index = try await append(.keyRevoked, actor: actor, [
            "keyID": .string(record.keyID), "owner": .string(record.owner), "purpose": .string(record.purpose.rawValue),
            "revokedAt": .string(Self.format(time)), "reason": .string(reason),
        ])
        try await registry.save([record])
        return KeyChange(kind: LedgerEntryKind.keyRevoked.rawValue, keys: [record], ledgerIndex: index, unchanged: false)
    }

    private func append(_ kind: LedgerEntryKind, actor: String, _ payload: [String: JSONValue]) async throws -> UInt64 {
        var payload = payload
        payload["schemaVersion"] = .string("tollgate.dev/ledger/\(kind.rawValue.replacingOccurrences(of: ".", with: "-"))/v1")
        let receipt = try await ledger.append(kind: kind, actor: actor, payload: Data(JSONValue.object(payload).encodedBytes()))
        return receipt.index
    }

    private static func require(reason: String, owner: String) throws(LedgerError) {
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw LedgerError(.keyConflict, "a key change needs a reason (--reason)")
        }
        guard !owner.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw LedgerError(.keyConflict, "a key needs an owner (--owner)")
        }
    }

    /// `YYYY-MM-DDTHH:MM:SS.sssZ`.
    static func format(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
