import TollgateModel

/// What the signer must be: a Fulcio certificate identity (SAN and OIDC issuer, each exact or
/// by regular expression) or a known public key ("managed key").
///
/// Conflicting or unusable options are rejected when the policy is built (DESIGN.md style rule 4).
public struct IdentityPolicy: Sendable {
    /// How one string is matched.
    public enum Matcher: Sendable, CustomStringConvertible {
        /// Equal to this string.
        case exact(String)
        /// Matched as a whole by this pattern (TollgateModel's ``RegexPattern``).
        case regexp(RegexPattern)

        /// The string quoted, or the pattern between slashes.
        public var description: String {
            switch self {
            case .exact(let value): "\"\(value)\""
            case .regexp(let pattern): "/\(pattern)/"
            }
        }

        func matches(_ value: String) -> Bool {
            switch self {
            case .exact(let expected):
                return value == expected
            case .regexp(let pattern):
                return pattern.matches(value)
            }
        }
    }

    /// What the policy requires of the signer.
    public enum Kind: Sendable {
        /// A Fulcio certificate whose SAN and OIDC issuer match.
        case certificate(subject: Matcher, issuer: Matcher)
        /// A bundle signed by this managed key (TollgateModel's ``PublicKey``).
        case publicKey(PublicKey)
    }

    /// What the signer must be.
    public let kind: Kind

    /// A certificate identity. Exactly one of `subject`/`subjectRegexp` and one of
    /// `issuer`/`issuerRegexp` must be given.
    public static func certificate(subject: String? = nil, subjectRegexp: String? = nil,
                                   issuer: String? = nil, issuerRegexp: String? = nil) throws(SigstoreError) -> IdentityPolicy {
        let subjectMatcher = try matcher(exact: subject, regexp: subjectRegexp, what: "certificate identity")
        let issuerMatcher = try matcher(exact: issuer, regexp: issuerRegexp, what: "certificate OIDC issuer")
        return IdentityPolicy(kind: .certificate(subject: subjectMatcher, issuer: issuerMatcher))
    }

    /// A managed key, given as PEM (`PUBLIC KEY` SubjectPublicKeyInfo or `RSA PUBLIC KEY`),
    /// loaded by TollgateModel's ``PublicKey``.
    public static func publicKey(pem: String) throws(SigstoreError) -> IdentityPolicy {
        do {
            return IdentityPolicy(kind: .publicKey(try PublicKey(pem: pem)))
        } catch {
            throw SigstoreError(.invalidKey, "the key is not a usable PEM public key (P-256/P-384/P-521, RSA or Ed25519): \(error.reason)")
        }
    }

    /// A managed key already loaded.
    public static func publicKey(_ key: PublicKey) -> IdentityPolicy {
        IdentityPolicy(kind: .publicKey(key))
    }

    private static func matcher(exact: String?, regexp: String?, what: String) throws(SigstoreError) -> Matcher {
        switch (exact, regexp) {
        case (let value?, nil):
            return .exact(value)
        case (nil, let pattern?):
            guard let compiled = RegexPattern(pattern) else {
                throw SigstoreError(.invalidPolicy, "the \(what) regular expression \"\(pattern.prefix(200))\" does not compile (or is over 4096 bytes)")
            }
            return .regexp(compiled)
        case (nil, nil):
            throw SigstoreError(.invalidPolicy, "a \(what) (exact or regexp) is required")
        case (_?, _?):
            throw SigstoreError(.invalidPolicy, "give the \(what) exactly or as a regexp, not both")
        }
    }
}
