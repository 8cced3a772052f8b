import Crypto
import Foundation
import TollgateModel
import TollgateTUF

/// An Ed25519 key for building test repositories, listed in metadata as securesystemslib lists it.
struct TestKey: Sendable {
    let privateKey: Curve25519.Signing.PrivateKey
    /// Normally the SHA-256 of the key's canonical JSON; tests may give another id.
    let id: String

    init(id: String? = nil) {
        privateKey = Curve25519.Signing.PrivateKey()
        let publicHex = Hex.encode(privateKey.publicKey.rawRepresentation)
        self.id = id ?? DigestAlgorithm.sha256.hash(Array("ed25519:\(publicHex)".utf8)).hex
    }

    /// The same key under another id (for duplicate-key tests).
    init(_ other: TestKey, id: String) {
        privateKey = other.privateKey
        self.id = id
    }

    var json: JSONValue {
        ["keytype": "ed25519", "scheme": "ed25519",
         "keyval": ["public": .string(Hex.encode(privateKey.publicKey.rawRepresentation))]]
    }

    func sign(_ message: [UInt8]) -> String {
        // Ed25519 signing fails only on a broken RNG/platform.
        Hex.encode(try! privateKey.signature(for: message))
    }
}
