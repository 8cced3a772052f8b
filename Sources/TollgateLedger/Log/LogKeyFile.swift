import TollgateModel
import Crypto
import Foundation
import TollgateTransparency

/// The log's private signing key on disk, in the signed-note signer-key form
/// `PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 || Ed25519 seed)>`, created with mode 0600.
///
/// Loading refuses a key file readable by group or others: a leaked key lets anyone sign a
/// forked checkpoint.
public enum LogKeyFile {
    static let prefix = "PRIVATE+KEY+"

    /// Generates a key for `name` and writes it to `path` (which must not exist).
    public static func create(path: String, name: String) throws(LedgerError) -> Ed25519NoteSigner {
        try signer(name: name, key: createKey(path: path, name: name))
    }

    /// Generates a key for `name`, writes it to `path` (which must not exist) and returns it.
    private static func createKey(path: String, name: String) throws(LedgerError) -> Curve25519.Signing.PrivateKey {
        let key = Curve25519.Signing.PrivateKey()
        let signer = try signer(name: name, key: key)
        let text = prefix + NoteVerifierKey.format(name: name, keyID: signer.keyID,
                                                   typedKey: [Ed25519NoteVerifier.keyType] + Array(key.rawRepresentation)) + "\n"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            throw LedgerError(.io, "cannot create the key file '\(path)': \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        guard write(descriptor, bytes, bytes.count) == bytes.count, fsync(descriptor) == 0 else {
            throw LedgerError(.io, "cannot write the key file '\(path)': \(String(cString: strerror(errno)))")
        }
        return key
    }

    /// Loads the key at `path`, checking its permissions and its key ID.
    public static func load(path: String) throws(LedgerError) -> Ed25519NoteSigner {
        let (name, key) = try loadKey(path: path)
        return try signer(name: name, key: key)
    }

    /// The name and private key at `path`, checked as `load(path:)` says.
    private static func loadKey(path: String) throws(LedgerError) -> (name: String, key: Curve25519.Signing.PrivateKey) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw LedgerError(.notInitialized, "no log key at '\(path)'; run `tollgate ledger init`")
        }
        guard info.st_mode & 0o077 == 0 else {
            throw LedgerError(.invalidKey, "the log key '\(path)' has mode \(String(info.st_mode & 0o777, radix: 8)); expected 600")
        }
        guard let data = FileManager.default.contents(atPath: path), data.count < 4096 else {
            throw LedgerError(.io, "cannot read the log key '\(path)'")
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix(prefix) else { throw LedgerError(.invalidKey, "the log key does not start with \(prefix)") }
        let parts = text.dropFirst(prefix.count).split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let typed = Data(base64Encoded: String(parts[2])), typed.count == 33,
              typed.first == Ed25519NoteVerifier.keyType,
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: typed.dropFirst()) else {
            throw LedgerError(.invalidKey, "the log key is not PRIVATE+KEY+NAME+ID+base64(0x01 || 32-byte seed)")
        }
        let name = String(parts[0])
        let keyID = try signer(name: name, key: key).keyID
        guard Hex.encode(keyID) == parts[1].lowercased() else {
            throw LedgerError(.invalidKey, "the log key's ID \(parts[1]) does not match its key (\(Hex.encode(keyID)))")
        }
        return (name, key)
    }

    /// The note signer for `key`; a bad key name is a bad log key file (`ledger.invalid-key`).
    private static func signer(name: String, key: Curve25519.Signing.PrivateKey) throws(LedgerError) -> Ed25519NoteSigner {
        do {
            return try Ed25519NoteSigner(name: name, privateKey: key)
        } catch {
            throw LedgerError(.invalidKey, error.reason)
        }
    }

    /// Generates a witness cosigning key (type 0x04) at `path`, or loads the existing one.
    public static func witness(path: String, name: String) throws(LedgerError) -> CosignatureV1Signer {
        let key: (name: String, key: Curve25519.Signing.PrivateKey)
        if FileManager.default.fileExists(atPath: path) {
            key = try loadKey(path: path)
        } else {
            key = (name, try createKey(path: path, name: name))
        }
        do {
            return try CosignatureV1Signer(name: key.name, privateKey: key.key)
        } catch {
            throw LedgerError(.invalidKey, error.reason)
        }
    }
}
