import Foundation
import TollgateModel

/// One key of Tollgate's own key registry (docs/keys.md#registry): who owns it, what it signs,
/// when it may sign, and its status. Every change is also a ledger entry (`key.added`,
/// `key.rotated`, `key.revoked`): the registry is the queryable index, the ledger the record.
public struct KeyRecord: Sendable, Codable, Hashable {
    /// `PublicKey.keyID`: lowercase hex SHA-256 of the SubjectPublicKeyInfo DER.
    public let keyID: String
    /// `KeyAlgorithm.name` (`ecdsa-p256`, `ed25519`, `rsa-3072`, …).
    public let algorithm: String
    /// The public key, SPKI PEM.
    public let publicKeyPEM: String
    public let owner: String
    public let purpose: KeyPurpose
    public let validFrom: Date
    /// Nil: no end date.
    public var validUntil: Date?
    public var status: KeyStatus
    /// The key that replaced this one (status `rotated`).
    public var replacedBy: String?
    /// When the key was revoked (status `revoked`).
    public var revokedAt: Date?
    /// The reason given with the last change.
    public var reason: String

    public init(keyID: String, algorithm: String, publicKeyPEM: String, owner: String, purpose: KeyPurpose,
                validFrom: Date, validUntil: Date?, status: KeyStatus, replacedBy: String? = nil,
                revokedAt: Date? = nil, reason: String) {
        self.keyID = keyID
        self.algorithm = algorithm
        self.publicKeyPEM = publicKeyPEM
        self.owner = owner
        self.purpose = purpose
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.status = status
        self.replacedBy = replacedBy
        self.revokedAt = revokedAt
        self.reason = reason
    }
}

extension KeyRecord {
    /// Times are stored as Unix milliseconds in both databases.
    public static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    /// The date of a stored Unix-milliseconds value.
    public static func date(milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }
}

extension KeyRecord {
    /// A digest of every record as given (`KeyRegistry.keys()`, in its order): any registration,
    /// rotation or revocation changes it. Admission keeps it in its decision cache key, so a key
    /// change reaches a cached decision at the next request, as a policy change does.
    public static func revision(of records: [KeyRecord]) -> String {
        // Every field but the PEM (the key id is its digest), unit-separated; read per request, so no encoder.
        var text = ""
        for record in records {
            let fields: [String] = [record.keyID, record.algorithm, record.owner, record.purpose.rawValue,
                                    String(milliseconds(record.validFrom)), record.validUntil.map { String(milliseconds($0)) } ?? "-",
                                    record.status.rawValue, record.replacedBy ?? "-", record.revokedAt.map { String(milliseconds($0)) } ?? "-",
                                    record.reason]
            text += fields.joined(separator: "\u{1F}") + "\u{1E}"
        }
        return DigestAlgorithm.sha256.hash(Array(text.utf8)).description
    }
}
