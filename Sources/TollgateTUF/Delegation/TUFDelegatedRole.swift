import TollgateModel

/// One entry of `delegations.roles` (spec §4.5): a delegated role's name, keys, threshold, whether
/// it is terminating, and which target paths it is trusted for (`paths` or `path_hash_prefixes`).
public struct TUFDelegatedRole: Sendable, Hashable {
    public let keys: TUFRoleKeys
    public let terminating: Bool
    public let paths: [String]?
    public let pathHashPrefixes: [String]?

    public var name: String { keys.role }

    init(_ fields: TUFFields) throws(TUFError) {
        let name = try fields.string("name")
        guard !name.isEmpty, !TUFRoleType.isTopLevel(name) else {
            throw TUFError(.malformed, "a delegated role may not be named '\(name.prefix(40))' (empty or a top-level role)")
        }
        keys = try TUFRoleKeys(role: name, fields)
        terminating = try fields.bool("terminating")
        paths = fields.has("paths") ? try fields.strings("paths") : nil
        pathHashPrefixes = fields.has("path_hash_prefixes") ? try fields.strings("path_hash_prefixes") : nil
        guard (paths == nil) != (pathHashPrefixes == nil) else {
            throw TUFError(.malformed, "delegated role '\(name.prefix(80))' must have exactly one of paths and path_hash_prefixes")
        }
    }

    /// Spec §5.6.7.2: whether this role is trusted for `targetPath`.
    public func isDelegated(targetPath: String) -> Bool {
        if let pathHashPrefixes {
            let hash = DigestAlgorithm.sha256.hash(Array(targetPath.utf8)).hex
            return pathHashPrefixes.contains { hash.hasPrefix($0) }
        }
        return (paths ?? []).contains { TUFPathPattern.matches(path: targetPath, pattern: $0) }
    }
}
