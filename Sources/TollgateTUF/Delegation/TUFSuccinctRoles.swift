import TollgateModel

/// Succinct hash-bin delegations (TAP 15, spec §4.5 `succinct_roles`): `2^bit_length` roles named
/// `PREFIX-SUFFIX` (SUFFIX the bin number in zero-padded lower-case hex) that share one set of keys;
/// a target belongs to the bin given by the first `bit_length` bits of the SHA-256 of its path.
public struct TUFSuccinctRoles: Sendable, Hashable {
    /// Key ids and threshold shared by every bin (the role name here is the prefix).
    public let keys: TUFRoleKeys
    public let bitLength: Int
    public let namePrefix: String

    init(_ fields: TUFFields) throws(TUFError) {
        namePrefix = try fields.string("name_prefix")
        bitLength = try fields.integer("bit_length", minimum: 1)
        guard bitLength <= 32 else { throw TUFError(.malformed, "succinct_roles.bit_length must be 1…32, found \(bitLength)") }
        keys = try TUFRoleKeys(role: namePrefix, fields)
    }

    var binCount: Int { 1 << bitLength }
    var suffixLength: Int { String(binCount - 1, radix: 16).count }

    /// The bin role responsible for `targetPath`.
    public func role(for targetPath: String) -> String {
        let hash = DigestAlgorithm.sha256.hash(Array(targetPath.utf8)).bytes
        let first = UInt32(hash[0]) << 24 | UInt32(hash[1]) << 16 | UInt32(hash[2]) << 8 | UInt32(hash[3])
        let bin = Int(first >> UInt32(32 - bitLength))
        let suffix = String(bin, radix: 16)
        return "\(namePrefix)-\(String(repeating: "0", count: suffixLength - suffix.count))\(suffix)"
    }

    /// Whether `name` is one of the bins.
    public func isDelegatedRole(_ name: String) -> Bool {
        guard name.hasPrefix(namePrefix + "-") else { return false }
        let suffix = name.dropFirst(namePrefix.count + 1)
        guard suffix.count == suffixLength, suffix.allSatisfy(\.isHexDigit), let bin = Int(suffix, radix: 16) else { return false }
        return bin < binCount
    }

    /// The keys of bin `name`.
    func keys(forBin name: String) throws(TUFError) -> TUFRoleKeys {
        try TUFRoleKeys(role: name, keyIDs: keys.keyIDs, threshold: keys.threshold)
    }
}
