import Crypto
import Foundation
import TollgateLedger

/// The ledger's checkpoint signing key on disk: a raw 32-byte Ed25519 seed, base64, mode 0600.
/// Created on first use so `tollgate verify --record` works on a fresh state directory.
public enum LedgerKeyFile {
    public static func signer(path: String, name: String) throws -> Ed25519NoteSigner {
        let url = URL(fileURLWithPath: path)
        if FileManager.default.fileExists(atPath: path) {
            let text = try String(contentsOf: url, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            guard let seed = Data(base64Encoded: text), seed.count == 32 else {
                throw VerifyError(.ledger, "ledger key '\(path)' is not a base64 32-byte Ed25519 seed")
            }
            return try Ed25519NoteSigner(name: name, privateKey: try Curve25519.Signing.PrivateKey(rawRepresentation: seed))
        }
        let key = Curve25519.Signing.PrivateKey()
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data((key.rawRepresentation.base64EncodedString() + "\n").utf8).write(to: url, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        return try Ed25519NoteSigner(name: name, privateKey: key)
    }
}
