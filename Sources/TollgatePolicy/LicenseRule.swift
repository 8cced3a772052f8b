/// `artifact.licenses`: component licenses, as SPDX expressions, against allow and deny lists.
///
/// A component passes when its expression can be satisfied (both sides of AND, either side of
/// OR) by licenses that are not denied and, when `allow` is not empty, are allowed. A component
/// without license information fails when `allow` is not empty, unless `allowUnknown` is true.
public struct LicenseRule: Sendable, Hashable {
    public var allow: [SPDXLicense]
    public var deny: [SPDXLicense]
    public var allowUnknown: Bool
    public var action: RuleAction

    public init(allow: [SPDXLicense] = [], deny: [SPDXLicense] = [], allowUnknown: Bool = false,
                action: RuleAction = .deny) {
        self.allow = allow
        self.deny = deny
        self.allowUnknown = allowUnknown
        self.action = action
    }

    /// Whether one license term is acceptable on its own.
    public func accepts(_ license: SPDXLicense) -> Bool {
        if deny.contains(where: { $0.sameLicense(as: license) }) { return false }
        if allow.isEmpty { return true }
        return allow.contains(where: { $0.sameLicense(as: license) })
    }
}
