/// The `delegations` of targets metadata (spec §4.5): keys, and either ordered `roles` or
/// `succinct_roles`.
public struct TUFDelegations: Sendable {
    public let keys: [String: TUFKey]
    /// In the order listed: the order of the pre-order depth-first search.
    public let roles: [TUFDelegatedRole]
    public let succinctRoles: TUFSuccinctRoles?

    init(_ fields: TUFFields) throws(TUFError) {
        let keyFields = try fields.fields("keys")
        var keys: [String: TUFKey] = [:]
        for (keyID, value) in keyFields.object {
            keys[keyID] = try TUFKey(TUFFields(value, context: "\(fields.context).keys.\(keyID.prefix(16))"))
        }
        self.keys = keys
        let hasRoles = fields.has("roles"), hasSuccinct = fields.has("succinct_roles")
        guard hasRoles != hasSuccinct else {
            throw TUFError(.malformed, "\(fields.context) must have exactly one of roles and succinct_roles")
        }
        if hasRoles {
            guard let array = fields.object["roles"]?.arrayValue else { throw TUFError(.malformed, "\(fields.context).roles must be an array") }
            var roles: [TUFDelegatedRole] = []
            var names = Set<String>()
            for (index, element) in array.enumerated() {
                let role = try TUFDelegatedRole(TUFFields(element, context: "\(fields.context).roles[\(index)]"))
                guard names.insert(role.name).inserted else {
                    throw TUFError(.malformed, "\(fields.context).roles names '\(role.name.prefix(80))' twice")
                }
                roles.append(role)
            }
            self.roles = roles
            self.succinctRoles = nil
        } else {
            self.roles = []
            self.succinctRoles = try TUFSuccinctRoles(fields.fields("succinct_roles"))
        }
    }

    /// Spec §5.6.7.2: the roles trusted for `targetPath`, in order, with whether each is terminating.
    public func roles(for targetPath: String) -> [(role: TUFRoleKeys, terminating: Bool)] {
        if let succinctRoles {
            let name = succinctRoles.role(for: targetPath)
            guard let keys = try? succinctRoles.keys(forBin: name) else { return [] }
            return [(keys, false)]
        }
        return roles.filter { $0.isDelegated(targetPath: targetPath) }.map { ($0.keys, $0.terminating) }
    }
}
