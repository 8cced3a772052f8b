/// Root metadata (spec §4.3): the keys and thresholds of the four top-level roles, including its own.
public struct TUFRoot: Sendable {
    public let metadata: UnverifiedTUFMetadata
    public let keys: [String: TUFKey]
    /// Exactly `root`, `timestamp`, `snapshot` and `targets`.
    public let roles: [TUFRoleType: TUFRoleKeys]
    public let consistentSnapshot: Bool

    public var version: Int { metadata.version }

    /// Parses root metadata. Signatures are not checked here (`TUFUpdater` checks them).
    public init(_ metadata: UnverifiedTUFMetadata) throws(TUFError) {
        try metadata.require(type: .root, role: "root")
        let fields = try TUFFields(metadata.signed, context: "root.signed")
        let keyFields = try fields.fields("keys")
        var keys: [String: TUFKey] = [:]
        for (keyID, value) in keyFields.object {
            keys[keyID] = try TUFKey(TUFFields(value, context: "root.signed.keys.\(keyID.prefix(16))"))
        }
        let roleFields = try fields.fields("roles")
        guard Set(roleFields.object.keys) == Set(TUFRoleType.allCases.map(\.rawValue)) else {
            throw TUFError(.malformed, "root.signed.roles must name exactly root, timestamp, snapshot and targets; found \(roleFields.object.keys.sorted().joined(separator: ", ").prefix(120))")
        }
        var roles: [TUFRoleType: TUFRoleKeys] = [:]
        for type in TUFRoleType.allCases {
            roles[type] = try TUFRoleKeys(role: type.rawValue, roleFields.fields(type.rawValue))
        }
        self.metadata = metadata
        self.keys = keys
        self.roles = roles
        self.consistentSnapshot = try fields.optionalBool("consistent_snapshot") ?? false
    }

    /// The keys of a top-level role (always present once parsed).
    public func roleKeys(_ type: TUFRoleType) -> TUFRoleKeys {
        // `init` refuses a root without all four roles.
        roles[type]!
    }

    /// Checks `metadata` against this root's keys for `type`.
    public func verdict(for metadata: UnverifiedTUFMetadata, as type: TUFRoleType) -> TUFThresholdVerdict {
        TUFThresholdVerifier.verdict(metadata, role: roleKeys(type), keys: keys)
    }

    func requireSigned(_ metadata: UnverifiedTUFMetadata, as type: TUFRoleType) throws(TUFError) {
        try TUFThresholdVerifier.require(metadata, role: roleKeys(type), keys: keys, signer: "root version \(version)")
    }
}
