import Foundation
import TollgateModel

/// The registry's signing keys, read from either form npm publishes:
/// - the registry endpoint `/-/npm/v1/keys`: `{"keys": [{"keyid", "keytype", "scheme", "key", "expires"}]}`;
/// - the `registry.npmjs.org/keys.json` TUF target: `{"keys": [{"keyId", "keyUsage", "publicKey":
///   {"rawBytes", "keyDetails", "validFor": {"start", "end"}}}]}` (`npm:signatures` keys sign
///   `dist.signatures`, `npm:attestations` keys sign the registry's publish attestations).
public struct NpmRegistryKeys: Sendable {
    /// The largest keys document accepted.
    public static let maxBytes = 1 << 20

    /// Keys for registry signatures (`npm:signatures`; every key of the `/-/npm/v1/keys` form).
    public let keys: [NpmRegistryKey]
    /// Keys for the registry's publish attestations (`npm:attestations`; the `/-/npm/v1/keys` form
    /// has no usage, and npm verifies attestations with those same keys).
    public let attestationKeys: [NpmRegistryKey]

    public init(keys: [NpmRegistryKey], attestationKeys: [NpmRegistryKey]? = nil) {
        self.keys = keys
        self.attestationKeys = attestationKeys ?? keys
    }

    /// The key with this id, if any.
    public func key(id: String) -> NpmRegistryKey? { keys.first { $0.keyID == id } }

    /// The publish-attestation key with this id, if any.
    public func attestationKey(id: String) -> NpmRegistryKey? { attestationKeys.first { $0.keyID == id } }

    private struct Wire: Decodable {
        struct Entry: Decodable {
            var keyid: String?
            var keytype: String?
            var scheme: String?
            var key: String?
            var expires: String?
            var keyId: String?
            var keyUsage: String?
            var publicKey: TUFKey?
        }
        struct TUFKey: Decodable {
            var rawBytes: String?
            var keyDetails: String?
            var validFor: Validity?
        }
        struct Validity: Decodable {
            var start: String?
            var end: String?
        }
        var keys: [Entry]
    }

    /// Parses either form; a key that is not ECDSA P-256 or cannot be decoded is an error.
    public init(json bytes: [UInt8], source: String) throws(InstallError) {
        guard bytes.count <= Self.maxBytes else {
            throw InstallError(.invalidKeys, "\(source): \(bytes.count) bytes, over the \(Self.maxBytes)-byte limit for a keys file")
        }
        let wire: Wire
        do {
            try JSONDepth.check(bytes, maxDepth: 16)
            wire = try JSONDecoder().decode(Wire.self, from: Data(bytes))
        } catch {
            throw InstallError(.invalidKeys, "\(source): not an npm keys document ({\"keys\": [...]}): \(ErrorText.describe(error))")
        }
        var keys: [NpmRegistryKey] = []
        var attestationKeys: [NpmRegistryKey] = []
        for (index, entry) in wire.keys.enumerated() {
            let at = "\(source): keys[\(index)]"
            if let tuf = entry.publicKey {
                let forAttestations = entry.keyUsage == "npm:attestations"
                guard entry.keyUsage == nil || entry.keyUsage == "npm:signatures" || forAttestations else { continue }
                guard let id = entry.keyId, let raw = tuf.rawBytes else { throw InstallError(.invalidKeys, "\(at): keyId or publicKey.rawBytes is missing") }
                guard tuf.keyDetails == nil || tuf.keyDetails == "PKIX_ECDSA_P256_SHA_256" else {
                    throw InstallError(.invalidKeys, "\(at): expected keyDetails PKIX_ECDSA_P256_SHA_256, found \(tuf.keyDetails ?? "")")
                }
                let key = NpmRegistryKey(keyID: id, key: try Self.key(raw, at: at),
                                         validFrom: try tuf.validFor?.start.map { text throws(InstallError) in try Self.date(text, at: at) },
                                         expires: try tuf.validFor?.end.map { text throws(InstallError) in try Self.date(text, at: at) })
                if forAttestations { attestationKeys.append(key) } else { keys.append(key) }
            } else {
                guard let id = entry.keyid, let raw = entry.key else { throw InstallError(.invalidKeys, "\(at): keyid or key is missing") }
                let type = entry.keytype ?? entry.scheme ?? ""
                guard type == "ecdsa-sha2-nistp256" else {
                    throw InstallError(.invalidKeys, "\(at): expected keytype ecdsa-sha2-nistp256, found '\(type)'")
                }
                let key = NpmRegistryKey(keyID: id, key: try Self.key(raw, at: at),
                                         expires: try entry.expires.map { text throws(InstallError) in try Self.date(text, at: at) })
                keys.append(key)
                attestationKeys.append(key)
            }
        }
        guard !keys.isEmpty else { throw InstallError(.invalidKeys, "\(source): no npm:signatures key") }
        self.keys = keys
        self.attestationKeys = attestationKeys
    }

    private static func key(_ base64: String, at: String) throws(InstallError) -> PublicKey {
        guard let der = Data(base64Encoded: base64) else { throw InstallError(.invalidKeys, "\(at): the key is not base64") }
        do {
            let key = try PublicKey(spkiDER: [UInt8](der))
            guard key.algorithm == .ecdsaP256 else {
                throw InstallError(.invalidKeys, "\(at): expected an ECDSA P-256 key, found \(key.algorithm)")
            }
            return key
        } catch let error as InstallError {
            throw error
        } catch {
            throw InstallError(.invalidKeys, "\(at): the key is not a public key: \(ErrorText.describe(error))")
        }
    }

    /// npm writes `2025-01-29T00:00:00.000Z`; plain seconds are accepted too.
    static func date(_ text: String, at: String) throws(InstallError) -> Date {
        guard let date = NpmTime.parse(text) else { throw InstallError(.invalidKeys, "\(at): '\(text)' is not an ISO 8601 time") }
        return date
    }
}
