import Crypto
import Foundation
import TollgateModel

/// An API token: `tg_<id>_<secret>`, where `id` is 16 hex digits (public: listed, logged, the
/// handle for revocation) and `secret` is 256 random bits in base64url.
///
/// The store keeps only SHA-256 of the whole token. A presented token is looked up by its id and
/// its hash compared in constant time, so neither the lookup nor the comparison tells an attacker
/// how much of a guess was right.
public struct APIToken: Sendable {
    /// The whole token, shown once.
    public let text: String
    public let id: String

    static let prefix = "tg_"

    /// A new random token (the system's cryptographic random number generator, through swift-crypto).
    public static func generate() -> APIToken {
        let idBytes = SymmetricKey(size: .init(bitCount: 64)).withUnsafeBytes { Array($0) }
        let secret = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        let id = Hex.encode(idBytes)
        return APIToken(text: prefix + id + "_" + Self.base64URL(secret), id: id)
    }

    private init(text: String, id: String) {
        self.text = text
        self.id = id
    }

    /// Reads a presented token; nil when it does not have the token's shape (so it is not one).
    public init?(presented text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == Self.prefix.count + 16 + 1 + 43, text.hasPrefix(Self.prefix) else { return nil }
        let id = bytes[3..<19]
        let secret = bytes[20...]
        guard bytes[19] == UInt8(ascii: "_"),
              id.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }),
              secret.allSatisfy({ Self.isBase64URL($0) }) else { return nil }
        self.text = text
        self.id = String(decoding: id, as: UTF8.self)
    }

    /// SHA-256 of the token text: what the store keeps.
    public var hash: [UInt8] { Array(SHA256.hash(data: Data(text.utf8))) }

    /// Whether this token's hash equals `stored`, compared in constant time (swift-crypto's
    /// `SymmetricKey` equality).
    public func matches(hash stored: [UInt8]) -> Bool {
        SymmetricKey(data: hash) == SymmetricKey(data: stored)
    }

    private static func isBase64URL(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }

    private static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
