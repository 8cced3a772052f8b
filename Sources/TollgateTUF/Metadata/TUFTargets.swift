/// Targets metadata, top-level or delegated (spec §4.5): target files and delegations.
public struct TUFTargets: Sendable {
    public let metadata: UnverifiedTUFMetadata
    public let targets: [String: TUFTargetFile]
    public let delegations: TUFDelegations?

    public var version: Int { metadata.version }

    public init(_ metadata: UnverifiedTUFMetadata, role: String) throws(TUFError) {
        try metadata.require(type: .targets, role: role)
        let fields = try TUFFields(metadata.signed, context: "\(role.prefix(80)).signed")
        let targetFields = try fields.fields("targets")
        var targets: [String: TUFTargetFile] = [:]
        for path in targetFields.object.keys {
            targets[path] = try TUFTargetFile(path: path, targetFields.fields(path))
        }
        self.metadata = metadata
        self.targets = targets
        if let value = fields.object["delegations"], !value.isNull {
            self.delegations = try TUFDelegations(TUFFields(value, context: "\(role.prefix(80)).signed.delegations"))
        } else {
            self.delegations = nil
        }
    }
}
