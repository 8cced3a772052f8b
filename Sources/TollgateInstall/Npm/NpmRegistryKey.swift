import Foundation
import TollgateModel

/// One npm registry signing key: its key id (`SHA256:…`), the ECDSA P-256 public key, and when it
/// stopped being valid for signing (`expires`, or the TUF target's `validFor.end`).
///
/// Spec: https://docs.npmjs.com/about-registry-signatures. A signature counts when the key was
/// valid at the version's *publish time* (`time[version]`), not at verification time: a key
/// rotated since still vouches for what it signed before (npm/cli #8066, rollup/plugins #1947).
public struct NpmRegistryKey: Sendable, Hashable {
    public var keyID: String
    public var key: PublicKey
    public var validFrom: Date?
    public var expires: Date?

    public init(keyID: String, key: PublicKey, validFrom: Date? = nil, expires: Date? = nil) {
        self.keyID = keyID
        self.key = key
        self.validFrom = validFrom
        self.expires = expires
    }

    /// True when the key was valid at `published` (npm: `publishedTime < Date.parse(expires)`).
    public func isValid(at published: Date) -> Bool {
        if let expires, !(published < expires) { return false }
        if let validFrom, published < validFrom { return false }
        return true
    }
}
