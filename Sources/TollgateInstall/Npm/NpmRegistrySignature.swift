import Foundation
import TollgateModel
import TollgateVerify

/// npm registry signatures (https://docs.npmjs.com/about-registry-signatures): ECDSA P-256 with
/// SHA-256 over `${name}@${version}:${integrity}`, each naming its key by `keyid`.
///
/// As npm's pacote checks them, every signature must verify with a known key that was valid when
/// the version was published; unlike `npm audit signatures`, a version without signatures, a key
/// that cannot be found, or a missing publish time is a failure with its reason, never a skip.
public enum NpmRegistrySignature {
    /// The signed message.
    public static func message(name: String, version: String, integrity: String) -> [UInt8] {
        Array("\(name)@\(version):\(integrity)".utf8)
    }

    public static func verify(name: String, version: String, integrity: String, signatures: [NpmPackument.Signature],
                              published: Date?, keys: NpmRegistryKeys) -> InstallCheck {
        guard !signatures.isEmpty else {
            return .failed("\(name)@\(version) has no registry signature (the registry publishes keys, so every version must be signed)")
        }
        guard let published else {
            return .unavailable("the packument gives no publish time (time[\"\(version)\"]) to judge the registry key's validity at")
        }
        let message = message(name: name, version: version, integrity: integrity)
        var verified: [String] = []
        for signature in signatures {
            guard let key = keys.key(id: signature.keyid) else {
                return .unavailable("\(name)@\(version) is signed with keyid \(signature.keyid), but no registry key has that id")
            }
            guard key.isValid(at: published) else {
                let window = key.expires.map { "expired \(iso($0))" } ?? "valid from \(key.validFrom.map(iso) ?? "?")"
                return .failed("\(name)@\(version) was published \(iso(published)), when registry key \(key.keyID) was not valid (\(window))")
            }
            guard let bytes = Data(base64Encoded: signature.sig), !bytes.isEmpty else {
                return .failed("the registry signature by \(signature.keyid) is not base64")
            }
            switch key.key.verify(signature: [UInt8](bytes), message: message) {
            case .valid: verified.append(key.keyID)
            case .invalid(let reason):
                return .failed("invalid registry signature by \(key.keyID) over \"\(name)@\(version):\(integrity)\": \(reason)")
            }
        }
        return .verified("registry signature by \(verified.joined(separator: ", ")), key valid at publish time \(iso(published))")
    }

    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        return formatter.string(from: date)
    }
}
