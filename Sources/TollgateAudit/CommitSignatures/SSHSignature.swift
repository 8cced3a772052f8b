import Crypto
import Foundation
import TollgateModel

/// An SSH signature (`ssh-keygen -Y sign`, Git's `gpg.format ssh`), per OpenSSH's PROTOCOL.sshsig:
/// an armored blob of `MAGIC_PREAMBLE "SSHSIG"`, version 1, the signer's public key, a namespace, the hash
/// algorithm and the signature over `"SSHSIG" ‖ string(namespace) ‖ string(reserved) ‖ string(hash
/// algorithm) ‖ string(H(message))`. Ed25519 and ECDSA P-256 keys are verified with swift-crypto.
public struct SSHSignature: Sendable, Equatable {
    public let publicKey: SSHPublicKey
    public let namespace: String
    public let hashAlgorithm: String
    let signatureType: String
    let signatureBlob: [UInt8]

    static let begin = "-----BEGIN SSH SIGNATURE-----"
    static let end = "-----END SSH SIGNATURE-----"

    /// Parses the armored form; nil for anything else.
    public init?(armored text: String) {
        guard let start = text.range(of: Self.begin), let stop = text.range(of: Self.end, range: start.upperBound..<text.endIndex) else {
            return nil
        }
        let base64 = text[start.upperBound..<stop.lowerBound].filter { !$0.isWhitespace }
        guard let data = Data(base64Encoded: String(base64)) else { return nil }
        var reader = SSHWireReader([UInt8](data))
        guard reader.raw(6) == Array("SSHSIG".utf8), reader.uint32() == 1,
              let keyBlob = reader.string(), let key = SSHPublicKey(blob: keyBlob),
              let namespace = reader.text(), reader.string() != nil, let hash = reader.text(),
              let signature = reader.string(), reader.isAtEnd else { return nil }
        var inner = SSHWireReader(signature)
        guard let type = inner.text(), let blob = inner.string(), inner.isAtEnd else { return nil }
        publicKey = key
        self.namespace = namespace
        hashAlgorithm = hash
        signatureType = type
        signatureBlob = blob
    }

    /// Whether the signature is valid over `message` for `namespace` (Git signs in namespace `git`).
    public func verifies(_ message: [UInt8], namespace expected: String) -> Bool {
        guard namespace == expected else { return false }
        let digest: [UInt8]
        switch hashAlgorithm {
        case "sha512": digest = Array(SHA512.hash(data: message))
        case "sha256": digest = Array(SHA256.hash(data: message))
        default: return false
        }
        let signed = Array("SSHSIG".utf8) + SSHWireReader.string(Array(namespace.utf8)) + SSHWireReader.string([])
            + SSHWireReader.string(Array(hashAlgorithm.utf8)) + SSHWireReader.string(digest)
        return publicKey.verifies(signatureType: signatureType, signature: signatureBlob, over: signed)
    }
}

/// An SSH public key (`ssh-ed25519 AAAA…`, `ecdsa-sha2-nistp256 AAAA…`) as allowed-signers files and
/// SSH signatures carry it.
public struct SSHPublicKey: Sendable, Equatable {
    public let type: String
    /// The wire-format key blob (what the base64 text encodes), compared to match signers.
    public let blob: [UInt8]
    let material: [UInt8]

    init?(blob: [UInt8]) {
        var reader = SSHWireReader(blob)
        guard let type = reader.text() else { return nil }
        switch type {
        case "ssh-ed25519":
            guard let key = reader.string(), key.count == 32, reader.isAtEnd else { return nil }
            material = key
        case "ecdsa-sha2-nistp256":
            guard reader.text() == "nistp256", let point = reader.string(), point.count == 65, reader.isAtEnd else { return nil }
            material = point
        default:
            return nil
        }
        self.type = type
        self.blob = blob
    }

    /// Parses `TYPE BASE64` (as in an allowed-signers line or a `.pub` file).
    public init?(text: String) {
        let fields = text.split(separator: " ")
        guard fields.count >= 2, let data = Data(base64Encoded: String(fields[1])), let key = SSHPublicKey(blob: [UInt8](data)),
              key.type == fields[0] else { return nil }
        self = key
    }

    func verifies(signatureType: String, signature: [UInt8], over data: [UInt8]) -> Bool {
        switch (type, signatureType) {
        case ("ssh-ed25519", "ssh-ed25519"):
            guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: material) else { return false }
            return key.isValidSignature(signature, for: data)
        case ("ecdsa-sha2-nistp256", "ecdsa-sha2-nistp256"):
            var reader = SSHWireReader(signature)
            guard let r = reader.string(), let s = reader.string(), reader.isAtEnd,
                  let raw = Self.fixed(r, 32).flatMap({ r in Self.fixed(s, 32).map { r + $0 } }),
                  let key = try? P256.Signing.PublicKey(x963Representation: material),
                  let parsed = try? P256.Signing.ECDSASignature(rawRepresentation: raw) else { return false }
            return key.isValidSignature(parsed, for: data)
        default:
            return false
        }
    }

    /// An mpint as a fixed-width big-endian integer.
    private static func fixed(_ mpint: [UInt8], _ width: Int) -> [UInt8]? {
        let trimmed = Array(mpint.drop { $0 == 0 })
        guard trimmed.count <= width else { return nil }
        return [UInt8](repeating: 0, count: width - trimmed.count) + trimmed
    }
}
