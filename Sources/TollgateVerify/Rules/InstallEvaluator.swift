import TollgatePolicy

/// The `install` rules, for one package file (`Evidence.install`): what `tollgate pip install` and
/// `tollgate npm ci` check before anything of the package runs. A check that could not run denies
/// with its reason; nothing is skipped silently. `install.malicious` ignores every exception.
enum InstallEvaluator {
    static func evaluate(_ rule: RuleID, in context: RuleContext) -> Finding {
        let rules = context.policy.install ?? InstallRules()
        guard let facts = context.evidence.install else {
            return context.unavailable(rule, expected: "a package verified at the install boundary",
                                       missing: "no install facts (the install rules apply to tollgate pip and tollgate npm)")
        }
        switch rule {
        case .installMalicious: return malicious(facts, in: context)
        case .installIntegrity: return check(rule, facts.integrity, expected: "the file matches its pinned hash", facts, rules, in: context)
        case .installRegistrySignature:
            // An offered publish attestation (npm, signed with a registry key) must verify too.
            var outcome = facts.registrySignature
            if case .verified(let signature) = outcome, let publish = facts.publishAttestation {
                switch publish {
                case .verified(let text): outcome = .verified("\(signature); \(text)")
                case .failed(let text): outcome = .failed("registry publish attestation: \(text)")
                case .unavailable(let text): outcome = .unavailable("registry publish attestation: \(text)")
                case .notApplicable: break
                }
            }
            return check(rule, outcome, expected: "a valid registry signature by a registry key valid at publish time",
                         facts, rules, in: context)
        case .installAttestations: return attestations(facts, rules, in: context)
        case .installSdist:
            let passed = !facts.isSourceDistribution || rules.allowSdist
            let actual = facts.isSourceDistribution ? "source distribution \(facts.file ?? facts.purl)" : "built distribution \(facts.file ?? facts.purl)"
            return item(rule, passed: passed, facts, rules,
                        reason: passed ? actual : "\(actual) refused: building it runs arbitrary code (install.allowSdist is false)",
                        expected: rules.allowSdist ? "any distribution" : "a built distribution (wheel); no source distribution", in: context)
        case .installInternalNamespaces: return internalNamespace(facts, rules, in: context)
        case .installVulnerabilities:
            return VulnerabilityEvaluator.maxSeverity(rules.vulnerabilities ?? VulnerabilityRule(),
                                                      (rules.vulnerabilities ?? VulnerabilityRule()).maxSeverity,
                                                      id: .installVulnerabilities, in: context)
        default:
            return context.unavailable(rule, expected: "an install rule", missing: "\(rule.rawValue) is not an install rule")
        }
    }

    /// One package, one item: a failure an active component exception listing the rule may cover.
    private static func item(_ rule: RuleID, passed: Bool, _ facts: InstallFacts, _ rules: InstallRules, reason: String,
                             expected: String, evidence: [String] = [], in context: RuleContext) -> Finding {
        guard !passed else {
            return Finding(rule: rule, result: .pass, reason: reason, expected: expected, actual: reason, evidence: evidence)
        }
        let failure = RuleItem(label: facts.purl, text: reason, purl: facts.purl)
        var finding = context.itemVerdict(rule, action: rules.action, failures: [failure], warnings: [], passReason: reason,
                                          expected: expected, evidence: evidence)
        if finding.result == .fail || finding.result == .warn { finding.reason = reason }
        return finding
    }

    private static func check(_ rule: RuleID, _ outcome: InstallCheck, expected: String, _ facts: InstallFacts,
                              _ rules: InstallRules, in context: RuleContext) -> Finding {
        switch outcome {
        case .verified(let text):
            return Finding(rule: rule, result: .pass, reason: text, expected: expected, actual: text)
        case .notApplicable(let text):
            return Finding(rule: rule, result: .skipped, reason: text, expected: expected, actual: text)
        case .failed(let text):
            return item(rule, passed: false, facts, rules, reason: text, expected: expected, in: context)
        case .unavailable(let text):
            // "A check that cannot run denies": never skipped, whatever settings.onUnavailable says.
            return item(rule, passed: false, facts, rules, reason: "cannot verify: \(text)", expected: expected, in: context)
        }
    }

    /// `MAL-` records deny whatever their severity; no exception covers them, and a missing
    /// advisory database denies (the check cannot run).
    private static func malicious(_ facts: InstallFacts, in context: RuleContext) -> Finding {
        let expected = "no OSV MAL- (malicious package) record for \(facts.purl)"
        guard let scan = context.evidence.scan else {
            let missing = VulnerabilityEvaluator.noScan(context)
            return Finding(rule: .installMalicious, result: .fail, reason: "cannot evaluate: \(missing); expected \(expected)",
                           expected: expected, actual: missing)
        }
        guard facts.malicious.isEmpty else {
            let actual = "malicious package: \(facts.malicious.joined(separator: ", "))"
            return Finding(rule: .installMalicious, result: .fail, reason: "\(actual) (no exception covers a MAL- record)",
                           expected: expected, actual: actual, evidence: [scan.source])
        }
        return Finding(rule: .installMalicious, result: .pass, reason: "no MAL- record", expected: expected,
                       actual: "no MAL- record", evidence: [scan.source])
    }

    /// Trusted publishers: a package whose pattern names publishers needs a verified attestation by
    /// one of them; `requireAttestations` asks that of every package (an allowlisted package with a
    /// pinned hash is excused). An attestation by anyone else never counts.
    private static func attestations(_ facts: InstallFacts, _ rules: InstallRules, in context: RuleContext) -> Finding {
        let entries = rules.publisherEntries(for: facts.policyNames)
        let publishers = entries.flatMap(\.identities)
        let expected = publishers.isEmpty
            ? "an attestation by a trusted publisher (none is named for \(facts.name))"
            : "an attestation by \(Format.alternatives(entries.flatMap { entry in entry.identities.map { Self.describe($0, entry) } }))"
        let evidence = facts.attestations.map { "\($0.source): \($0.predicateType) by \($0.identity)" } + facts.attestationProblems
        // The identity must match, and the environment (when the entry names one) must be the one
        // the index vouched for beside that very attestation.
        var wrongEnvironment: [String] = []
        for attestation in facts.attestations {
            for entry in entries where entry.identities.contains(where: {
                $0.matches(issuer: attestation.issuer, subject: attestation.subject, certificate: attestation.certificate)
            }) {
                guard let environment = entry.environment else {
                    return Finding(rule: .installAttestations, result: .pass, reason: "attested by trusted publisher \(attestation.identity)",
                                   expected: expected, actual: attestation.identity, evidence: evidence)
                }
                if let stated = attestation.indexPublisher, stated.environment == environment {
                    return Finding(rule: .installAttestations, result: .pass,
                                   reason: "attested by trusted publisher \(attestation.identity); environment \(environment) vouched for by the index \(stated.vouchedBy)",
                                   expected: expected, actual: attestation.identity, evidence: evidence + ["environment \(environment): vouched for by \(stated.vouchedBy)"])
                }
                wrongEnvironment.append(attestation.indexPublisher.map { stated in
                    "\(attestation.identity) published from environment \(stated.environment ?? "(none stated)") per \(stated.vouchedBy), not \(environment)"
                } ?? "\(attestation.identity): no index vouches for its environment (expected \(environment); the certificate does not carry it)")
            }
        }
        if !wrongEnvironment.isEmpty {
            let actual = Format.list(wrongEnvironment)
            return item(.installAttestations, passed: false, facts, rules, reason: "\(actual); expected \(expected)", expected: expected,
                        evidence: evidence, in: context)
        }
        if publishers.isEmpty, !rules.requireAttestations {
            return Finding(rule: .installAttestations, result: .skipped, reason: "no trusted publisher is named for \(facts.name) and attestations are not required",
                           expected: expected, actual: "not required", evidence: evidence)
        }
        if facts.hashPinned, let components = context.policy.components, components.allowed(facts.policyNames) != nil,
           publishers.isEmpty || rules.requireAttestations, facts.attestations.isEmpty, case .verified = facts.integrity {
            return Finding(rule: .installAttestations, result: .pass,
                           reason: "allowlisted by components.allow with a pinned hash that matched: the attestation requirement is excused",
                           expected: expected, actual: "allowlisted, hash pinned", evidence: evidence)
        }
        let actual: String
        if facts.attestations.isEmpty {
            actual = facts.attestationProblems.isEmpty ? "no attestation" : "no verified attestation (\(Format.list(facts.attestationProblems)))"
        } else {
            actual = "attested only by \(Format.list(facts.attestations.map(\.identity))), not a trusted publisher"
        }
        return item(.installAttestations, passed: false, facts, rules, reason: "\(actual); expected \(expected)", expected: expected,
                    evidence: evidence, in: context)
    }

    /// "IDENTITY" or "IDENTITY in environment ENV (as the index vouches)".
    private static func describe(_ identity: IdentityRequirement, _ entry: TrustedPublisher) -> String {
        entry.environment.map { "\(identity.description) in environment \($0) (as the index vouches)" } ?? identity.description
    }

    /// Dependency confusion: an internal name comes only from the internal index, and an internal
    /// index that cannot be reached is an error, never a fallback.
    private static func internalNamespace(_ facts: InstallFacts, _ rules: InstallRules, in context: RuleContext) -> Finding {
        let internalIndex = rules.internalIndex ?? "(none)"
        guard rules.isInternal(facts.name) else {
            return Finding(rule: .installInternalNamespaces, result: .pass, reason: "\(facts.name) is not an internal name",
                           expected: "internal names only from \(internalIndex)", actual: "public name")
        }
        let expected = "\(facts.name) (internal) only from \(internalIndex)"
        if case .unavailable(let why)? = facts.internalIndex {
            return item(.installInternalNamespaces, passed: false, facts, rules,
                        reason: "the internal index \(internalIndex) is unavailable (\(why)); internal names never fall back to another index",
                        expected: expected, in: context)
        }
        let source = facts.index ?? "an unknown index"
        let passed = facts.index.map { sameIndex($0, internalIndex) } ?? false
        return item(.installInternalNamespaces, passed: passed, facts, rules,
                    reason: passed ? "\(facts.name) came from the internal index \(source)"
                                   : "\(facts.name) is internal but came from \(source), not the internal index \(internalIndex) (dependency confusion)",
                    expected: expected, in: context)
    }

    /// Index URLs compared without a trailing slash, scheme and host case-insensitively.
    static func sameIndex(_ a: String, _ b: String) -> Bool {
        func key(_ text: String) -> String {
            var value = text
            while value.hasSuffix("/") { value.removeLast() }
            return value.lowercased()
        }
        return key(a) == key(b) || key(a).hasPrefix(key(b) + "/")
    }
}
