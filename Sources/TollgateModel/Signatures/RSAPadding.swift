/// RSA signature paddings (RFC 8017 §8).
public enum RSAPadding: String, Sendable, Hashable, CaseIterable, Codable {
    /// RSASSA-PKCS1-v1_5.
    case pkcs1v15 = "pkcs1v15"
    /// RSASSA-PSS with MGF1 over the same hash and a salt as long as the hash.
    case pss
}
