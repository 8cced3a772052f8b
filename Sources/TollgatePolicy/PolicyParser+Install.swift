import TollgateModel

/// The `install` and `components` blocks (docs/install-gates.md).
extension PolicyParser {
    func parseInstall(_ value: YAMLValue) throws(PolicyError) -> InstallRules {
        let fields = try value.mapping(allowed: ["trustedPublishers", "requireAttestations", "allowSdist", "internalNamespaces",
                                                 "internalIndex", "vulnerabilities", "installScripts", "action"])
        var rules = InstallRules(requireAttestations: try fields["requireAttestations"]?.bool() ?? false,
                                 allowSdist: try fields["allowSdist"]?.bool() ?? false,
                                 internalNamespaces: try globs(fields["internalNamespaces"]),
                                 installScripts: try globs(fields["installScripts"]),
                                 action: try action(fields))
        if let index = fields["internalIndex"] {
            let text = try index.nonEmptyString()
            guard text.hasPrefix("https://") || text.hasPrefix("http://") || text.hasPrefix("file://") else {
                throw index.fail(.invalidValue, "install.internalIndex: expected an http(s):// or file:// URL, found '\(text)'")
            }
            rules.internalIndex = text
        }
        if !rules.internalNamespaces.isEmpty, rules.internalIndex == nil {
            throw value.fail(.missingKey,
                             "install.internalNamespaces: internal names must come from somewhere; add 'internalIndex: URL' (internal names are refused from every other index)")
        }
        if let vulnerabilities = fields["vulnerabilities"] { rules.vulnerabilities = try parseVulnerabilities(vulnerabilities) }
        for item in try fields["trustedPublishers"]?.list() ?? [] {
            let entry = try item.mapping(allowed: ["packages", "identities", "environment"])
            guard let packages = entry["packages"] else {
                throw item.fail(.missingKey, "\(item.path): missing required key 'packages'")
            }
            let signers = try parseSigners(["identities": entry["identities"]].compactMapValues { $0 })
            guard !signers.identities.isEmpty else {
                throw item.fail(.missingKey, "\(item.path): expected 'identities' naming at least one trusted publisher (issuer and subject)")
            }
            rules.trustedPublishers.append(TrustedPublisher(packages: try globs(packages), identities: signers.identities,
                                                            environment: try entry["environment"]?.nonEmptyString()))
        }
        if rules.requireAttestations, rules.trustedPublishers.isEmpty {
            throw value.fail(.missingKey,
                             "install.requireAttestations: attestations count only from trusted publishers; add 'trustedPublishers' (packages + identities)")
        }
        return rules
    }

    func parseComponents(_ value: YAMLValue) throws(PolicyError) -> ComponentRules {
        let fields = try value.mapping(allowed: ["allow", "deny"])
        let rules = ComponentRules(allow: try globs(fields["allow"]), deny: try globs(fields["deny"]))
        guard !rules.allow.isEmpty || !rules.deny.isEmpty else {
            throw value.fail(.missingKey, "components: expected 'allow' or 'deny' with at least one package URL pattern")
        }
        for pattern in rules.allow + rules.deny where !pattern.pattern.hasPrefix("pkg:") {
            throw value.fail(.invalidValue, "components: expected package URL patterns (pkg:TYPE/NAME[@VERSION]), found '\(pattern.pattern)'")
        }
        return rules
    }
}
