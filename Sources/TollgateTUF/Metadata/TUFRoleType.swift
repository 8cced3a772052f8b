/// The `_type` of TUF metadata (spec §4.2) and the names of the four top-level roles.
public enum TUFRoleType: String, Sendable, CaseIterable {
    case root
    case timestamp
    case snapshot
    case targets

    /// Whether `name` is a top-level role name, which a delegation may not use.
    public static func isTopLevel(_ name: String) -> Bool { TUFRoleType(rawValue: name) != nil }
}
