import Crypto
import _CryptoExtras

extension PrivateKey {
    /// Largest file Ed25519 signs (it needs the whole message in memory): 1 GiB.
    public static let maxEd25519FileBytes = 1 << 30

    /// Signs the contents of the file at `path`; the signature equals `sign(contentsOfFile)`.
    /// ECDSA and RSA stream the file through the hash in constant memory.
    public func sign(fileAt path: String) throws(ModelError) -> [UInt8] {
        do {
            switch backing {
            case .p256(let key): return Array(try key.signature(for: try FileMessage.hash(path, using: SHA256.self)).derRepresentation)
            case .p384(let key): return Array(try key.signature(for: try FileMessage.hash(path, using: SHA384.self)).derRepresentation)
            case .p521(let key): return Array(try key.signature(for: try FileMessage.hash(path, using: SHA512.self)).derRepresentation)
            case .rsa(let key):
                let digest = try FileMessage.hash(path, using: SHA256.self)
                return Array(try key.signature(for: digest, padding: .insecurePKCS1v1_5).rawRepresentation)
            case .ed25519:
                return try sign(try FileMessage.read(path, limit: Self.maxEd25519FileBytes))
            }
        } catch let error as ModelError {
            throw error
        } catch {
            throw ModelError(.invalidKey, "signing failed: \(ErrorText.describe(error))")
        }
    }
}
