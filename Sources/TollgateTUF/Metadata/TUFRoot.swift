/// Root metadata (spec §4.3): the keys and thresholds of the four top-level roles, including its own.
public struct TUFRoot: Sendable {
    public let metadata: UnverifiedTUFMetadata
    public let keys: [String: TUFKey]
    /// Exactly `root`, `timestamp`, `snapshot` and `targets`.
    public var roles: [TUFRoleType: TUFRoleKeys] {
        [.root: rootRole, .timestamp: timestampRole, .snapshot: snapshotRole, .targets: targetsRole]
    }
    private let rootRole, timestampRole, snapshotRole, targetsRole: TUFRoleKeys
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
        self.metadata = metadata
        self.keys = keys
        rootRole = try TUFRoleKeys(role: "root", roleFields.fields("root"))
        timestampRole = try TUFRoleKeys(role: "timestamp", roleFields.fields("timestamp"))
        snapshotRole = try TUFRoleKeys(role: "snapshot", roleFields.fields("snapshot"))
        targetsRole = try TUFRoleKeys(role: "targets", roleFields.fields("targets"))
        self.consistentSnapshot = try fields.optionalBool("consistent_snapshot") ?? false
    }

    /// The keys of a top-level role.
    public func roleKeys(_ type: TUFRoleType) -> TUFRoleKeys {
        switch type {
        case .root: rootRole
        case .timestamp: timestampRole
        case .snapshot: snapshotRole
        case .targets: targetsRole
        }
    }

    /// Checks `metadata` against this root's keys for `type`.
    public func verdict(for metadata: UnverifiedTUFMetadata, as type: TUFRoleType) -> TUFThresholdVerdict {
        TUFThresholdVerifier.verdict(metadata, role: roleKeys(type), keys: keys)
    }

    func requireSigned(_ metadata: UnverifiedTUFMetadata, as type: TUFRoleType) throws(TUFError) {
        try TUFThresholdVerifier.require(metadata, role: roleKeys(type), keys: keys, signer: "root version \(version)")
    }
}
