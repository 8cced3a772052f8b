import Foundation
import JWTKit
import TollgateModel

/// One issuer's verification keys (a JWKS), as jwt-kit verifies with them, plus what each key id
/// may sign with: the algorithm family of its key type, and its `alg` when the JWKS names one.
struct JWKSKeys: Sendable {
    let collection: JWTKeyCollection
    /// Key id → the algorithms that key may verify.
    let algorithms: [String: Set<String>]

    /// The algorithms a token may name at all: asymmetric ones only. `none` and the HMAC family are
    /// never accepted, so a public key can never be used as an HMAC secret (RS256/HS256 confusion).
    static let accepted: Set<String> = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"]

    /// Reads a JWKS document. Refuses private keys (a JWKS for verification holds none), keys without
    /// an id, and symmetric keys.
    static func parse(_ data: Data, source: String) async throws -> JWKSKeys {
        guard data.count <= 1 << 20, (try? JSONValue.parse(data, maxBytes: 1 << 20, maxDepth: 16)) != nil else {
            throw ServerError(.invalidConfiguration, "\(source): not a JWKS JSON document (or over 1 MiB)")
        }
        let jwks: JWKS
        do {
            jwks = try JSONDecoder().decode(JWKS.self, from: data)
        } catch {
            throw ServerError(.invalidConfiguration, "\(source): not a JWKS document: \(ErrorText.describe(error))")
        }
        let collection = JWTKeyCollection()
        var algorithms: [String: Set<String>] = [:]
        for key in jwks.keys {
            guard let kid = key.keyIdentifier?.string, !kid.isEmpty else {
                throw ServerError(.invalidConfiguration, "\(source): every key needs a kid")
            }
            guard key.privateExponent == nil else {
                throw ServerError(.invalidConfiguration, "\(source): key \(kid) holds a private key; a JWKS for verification must not")
            }
            let family: Set<String>
            switch key.keyType {
            case .rsa: family = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512"]
            case .ecdsa: family = ["ES256", "ES384", "ES512"]
            case .octetKeyPair: family = ["EdDSA"]
            default: throw ServerError(.invalidConfiguration, "\(source): key \(kid) has an unsupported key type")
            }
            let allowed = key.algorithm.map { family.intersection([$0.rawValue]) } ?? family
            guard !allowed.isEmpty else {
                throw ServerError(.invalidConfiguration, "\(source): key \(kid) names alg \(key.algorithm?.rawValue ?? "?"), which its key type cannot sign with")
            }
            do {
                try await collection.add(jwk: key)
            } catch {
                throw ServerError(.invalidConfiguration, "\(source): key \(kid) is not usable: \(ErrorText.describe(error))")
            }
            algorithms[kid] = allowed
        }
        guard !algorithms.isEmpty else { throw ServerError(.invalidConfiguration, "\(source): the JWKS holds no keys") }
        return JWKSKeys(collection: collection, algorithms: algorithms)
    }
}
