import Foundation
import TollgateModel
import Yams

/// Reads a policy document from YAML bytes into a validated `Policy`.
///
/// Fails closed: unknown keys, wrong types, invalid patterns and license expressions, exceptions
/// without owner, reason or expiry, and exceptions longer than the policy's cap are all errors
/// with `file:line:column`.
public struct PolicyParser: Sendable {
    /// The largest policy document accepted.
    public static let maxBytes = 1 << 20
    /// The most exceptions one policy may list.
    public static let maxExceptions = 10_000

    public let file: String

    public init(file: String = "<policy>") { self.file = file }

    public func parse(_ bytes: some Collection<UInt8>) throws(PolicyError) -> Policy {
        guard bytes.count <= Self.maxBytes else {
            throw PolicyError(.tooLarge, "\(file): policy is \(bytes.count) bytes, over the \(Self.maxBytes)-byte limit")
        }
        guard let text = String(validating: Array(bytes), as: UTF8.self) else {
            throw PolicyError(.invalidYAML, "\(file): policy is not UTF-8 text")
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw PolicyError(.missingKey, "empty document; expected apiVersion: \(Policy.apiVersion), kind: Policy",
                                  at: SourceLocation(file: file, line: 1, column: 1))
            }
            root = node
        } catch let error as PolicyError {
            throw error
        } catch let error as YamlError {
            throw Self.translate(error, file: file)
        } catch {
            throw PolicyError(.invalidYAML, "\(file): \(ErrorText.describe(error))")
        }
        return try parseDocument(YAMLValue(node: root, path: "", file: file))
    }

    private static func translate(_ error: YamlError, file: String) -> PolicyError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            return PolicyError(.invalidYAML, "invalid YAML: \(detail)",
                               at: SourceLocation(file: file, line: mark.line, column: mark.column))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return PolicyError(.invalidYAML, "duplicate keys: \(duplicates.joined(separator: ", "))",
                               at: SourceLocation(file: file, line: context.mark.line, column: context.mark.column))
        case .reader(let problem, let offset, _, _):
            return PolicyError(.invalidYAML, "\(file): invalid YAML: \(problem)\(offset.map { " at byte \($0)" } ?? "")")
        default:
            return PolicyError(.invalidYAML, "\(file): invalid YAML: \(error)")
        }
    }

    private func require(_ map: [String: YAMLValue], _ key: String, in parent: YAMLValue) throws(PolicyError) -> YAMLValue {
        guard let value = map[key] else {
            throw parent.fail(.missingKey, "\(parent.path.isEmpty ? "document" : parent.path): missing required key '\(key)'")
        }
        return value
    }

    private func parseDocument(_ root: YAMLValue) throws(PolicyError) -> Policy {
        let map = try root.mapping(allowed: ["apiVersion", "kind", "metadata", "source", "build", "artifact",
                                             "deploy", "exceptions", "settings", "install", "components",
                                             "remediation"])
        let apiVersion = try require(map, "apiVersion", in: root)
        guard try apiVersion.string() == Policy.apiVersion else {
            throw apiVersion.fail(.unsupportedVersion, "apiVersion: expected \(Policy.apiVersion), found '\(try apiVersion.string())'")
        }
        let kind = try require(map, "kind", in: root)
        guard try kind.string() == Policy.kind else {
            throw kind.fail(.invalidValue, "kind: expected Policy, found '\(try kind.string())'")
        }
        var policy = Policy(name: "unnamed", file: file)
        if let metadata = map["metadata"] {
            let fields = try metadata.mapping(allowed: ["name", "description"])
            policy.name = try require(fields, "name", in: metadata).nonEmptyString()
            policy.description = try fields["description"]?.string()
        }
        if let value = map["settings"] { policy.settings = try parseSettings(value) }
        if let value = map["source"] { policy.source = try parseSource(value) }
        if let value = map["build"] { policy.build = try parseBuild(value) }
        let audited: [RuleID] = [.sourceBranchProtection, .sourceWorkflowOwners, .buildOIDCCredentials, .buildPinnedActions,
                                 .buildUntrustedCodeIsolated]
        if let rule = policy.enabledRules.first(where: audited.contains), policy.signers(for: .sourceAudit).isEmpty {
            throw (map[rule == .sourceBranchProtection || rule == .sourceWorkflowOwners ? "source" : "build"] ?? root).fail(.missingKey,
                "\(rule.rawValue) is read from a source-audit attestation, but no auditor is trusted to sign one; add 'source.auditors' with keys or identities")
        }
        if let value = map["artifact"] {
            policy.artifact = try parseArtifact(value)
            try requireSigners(policy, artifact: value)
        }
        if let value = map["deploy"] {
            let fields = try value.mapping(allowed: ["byDigest", "action"])
            guard fields["byDigest"] != nil else {
                throw value.fail(.missingKey, "deploy: the block checks nothing; give 'byDigest: true' or remove it")
            }
            policy.deploy = DeployRules(byDigest: try fields["byDigest"]?.bool(),
                                        action: try fields["action"]?.oneOf(RuleAction.self) ?? .deny)
        }
        if let value = map["install"] { policy.install = try parseInstall(value) }
        if let value = map["components"] { policy.components = try parseComponents(value) }
        if let value = map["remediation"] { policy.remediation = try parseRemediation(value) }
        if let value = map["exceptions"] {
            let items = try value.list()
            guard items.count <= Self.maxExceptions else {
                throw value.fail(.invalidValue, "exceptions: at most \(Self.maxExceptions) allowed, found \(items.count)")
            }
            var seen: Set<String> = []
            for item in items {
                let exception = try parseException(item, cap: policy.settings.maxExceptionDuration)
                guard seen.insert(exception.id).inserted else {
                    throw item.fail(.invalidException, "\(item.path): duplicate exception id '\(exception.id)'")
                }
                policy.exceptions.append(exception)
            }
        }
        return policy
    }

    /// `remediation: { defaultOwner }`: the owner is written as CODEOWNERS writes one.
    private func parseRemediation(_ value: YAMLValue) throws(PolicyError) -> RemediationSettings {
        let fields = try value.mapping(allowed: ["defaultOwner"])
        guard let node = fields["defaultOwner"] else {
            throw value.fail(.missingKey, "remediation: the block sets nothing; give 'defaultOwner' or remove it")
        }
        let owner = try node.nonEmptyString()
        guard owner.count <= 256, OwnerName.isValid(owner) else {
            throw node.fail(.invalidValue, "remediation.defaultOwner: expected @user, @org/team or an email address, found '\(owner.prefix(64))'")
        }
        return RemediationSettings(defaultOwner: owner)
    }

    /// "A policy that requires provenance or an attested SBOM but names no signer anywhere is
    /// rejected": evidence nobody is trusted to sign could never count.
    private func requireSigners(_ policy: Policy, artifact value: YAMLValue) throws(PolicyError) {
        let fields = try value.mapping(allowed: ["signature", "algorithms", "provenance", "sbom", "vulnerabilities", "licenses", "reproducible"])
        for (kind, key, required) in [(EvidenceKind.provenance, "provenance", policy.artifact.provenance?.required ?? false),
                                      (EvidenceKind.sbom, "sbom", policy.artifact.sbom?.required ?? false)] where required {
            if policy.signers(for: kind).isEmpty, let node = fields[key] {
                throw node.fail(.missingKey,
                                "artifact.\(key): \(kind.rawValue) is required but no signer is trusted for it; add '\(kind.policyPath)' or keys/identities to 'artifact.signature'")
            }
        }
    }

    private func parseSettings(_ value: YAMLValue) throws(PolicyError) -> PolicySettings {
        let fields = try value.mapping(allowed: ["onUnavailable", "maxExceptionDuration", "unknownSigningTime", "maxKeyAge"])
        var settings = PolicySettings()
        if let action = fields["onUnavailable"] { settings.onUnavailable = try action.oneOf(RuleAction.self) }
        if let duration = fields["maxExceptionDuration"] { settings.maxExceptionDuration = try parseDuration(duration) }
        if let rule = fields["unknownSigningTime"] { settings.unknownSigningTime = try rule.oneOf(UnknownSigningTime.self) }
        if let duration = fields["maxKeyAge"] { settings.maxKeyAge = try parseDuration(duration) }
        return settings
    }

    private func parseDuration(_ value: YAMLValue) throws(PolicyError) -> PolicyDuration {
        let text = try value.string()
        guard let duration = PolicyDuration(parsing: text) else {
            throw value.fail(.invalidDuration, "\(value.path): expected a duration like 30m, 12h, 14d or 2w, found '\(text)'")
        }
        return duration
    }

    func globs(_ value: YAMLValue?) throws(PolicyError) -> [GlobPattern] {
        guard let value else { return [] }
        let items = try value.list()
        guard !items.isEmpty else { throw value.fail(.invalidValue, "\(value.path): expected at least one pattern, found an empty list") }
        var result: [GlobPattern] = []
        for item in items { result.append(GlobPattern(try item.nonEmptyString())) }
        return result
    }

    func action(_ fields: [String: YAMLValue]) throws(PolicyError) -> RuleAction {
        try fields["action"]?.oneOf(RuleAction.self) ?? .deny
    }

    private func parseSource(_ value: YAMLValue) throws(PolicyError) -> SourceRules {
        let fields = try value.mapping(allowed: ["repositories", "refs", "requireCommit", "continuity", "branchProtection", "workflowOwners",
                                                 "auditors", "action"])
        guard ["repositories", "refs", "requireCommit", "continuity", "branchProtection", "workflowOwners"].contains(where: { fields[$0] != nil }) else {
            throw value.fail(.missingKey, "source: the block checks nothing; give repositories, refs, requireCommit, continuity, branchProtection or workflowOwners, or remove it")
        }
        var rules = SourceRules(repositories: try globs(fields["repositories"]), refs: try globs(fields["refs"]),
                                requireCommit: try fields["requireCommit"]?.bool(), action: try action(fields))
        if let continuity = fields["continuity"] {
            if case .scalar = continuity.node {
                if try continuity.bool() { rules.continuity = ContinuityRule() }
            } else {
                let options = try continuity.mapping(allowed: ["repository", "builder", "action"])
                rules.continuity = ContinuityRule(repository: try options["repository"]?.bool() ?? true,
                                                  builder: try options["builder"]?.bool() ?? true,
                                                  action: try action(options))
            }
        }
        try parseSourceAudit(fields, into: &rules)
        return rules
    }

    /// `source.auditors`, `source.branchProtection`, `source.workflowOwners`: read from a source-audit
    /// attestation, so they need someone trusted to sign one.
    private func parseSourceAudit(_ fields: [String: YAMLValue], into rules: inout SourceRules) throws(PolicyError) {
        rules.auditors = try fields["auditors"].map(parseSignerBlock)
        rules.workflowOwners = try fields["workflowOwners"]?.bool()
        if let protection = fields["branchProtection"] {
            let options = try protection.mapping(allowed: ["minReviews", "codeOwnerReview", "dismissStale"])
            rules.branchProtection = BranchProtectionRule(minReviews: try options["minReviews"]?.int(in: 0...10),
                                                          codeOwnerReview: try options["codeOwnerReview"]?.bool(),
                                                          dismissStale: try options["dismissStale"]?.bool())
        }
    }

    private func parseBuild(_ value: YAMLValue) throws(PolicyError) -> BuildRules {
        let audited = ["oidcCredentials", "pinnedActions", "untrustedCodeIsolated"]
        let fields = try value.mapping(allowed: ["builders", "buildTypes", "workflows", "triggers", "pinnedDependencies", "recordedInputs", "action"] + audited)
        guard (["builders", "buildTypes", "workflows", "triggers", "pinnedDependencies", "recordedInputs"] + audited).contains(where: { fields[$0] != nil }) else {
            throw value.fail(.missingKey, "build: the block checks nothing; give builders, buildTypes, workflows, triggers, pinnedDependencies, recordedInputs, oidcCredentials, pinnedActions or untrustedCodeIsolated, or remove it")
        }
        var rules = BuildRules(builders: try globs(fields["builders"]), buildTypes: try globs(fields["buildTypes"]),
                               workflows: try globs(fields["workflows"]),
                               pinnedDependencies: try fields["pinnedDependencies"]?.bool(), action: try action(fields))
        rules.oidcCredentials = try fields["oidcCredentials"]?.bool()
        rules.pinnedActions = try fields["pinnedActions"]?.bool()
        rules.untrustedCodeIsolated = try fields["untrustedCodeIsolated"]?.bool()
        rules.recordedInputs = try fields["recordedInputs"]?.bool()
        if let triggers = fields["triggers"] {
            let options = try triggers.mapping(allowed: ["allow", "deny"])
            rules.allowedTriggers = try options["allow"]?.stringList() ?? []
            rules.forbiddenTriggers = try options["deny"]?.stringList() ?? []
            if rules.allowedTriggers.isEmpty, rules.forbiddenTriggers.isEmpty {
                throw triggers.fail(.missingKey, "build.triggers: expected 'allow' or 'deny' with at least one trigger event")
            }
        }
        return rules
    }

    private func parseArtifact(_ value: YAMLValue) throws(PolicyError) -> ArtifactRules {
        let fields = try value.mapping(allowed: ["signature", "algorithms", "provenance", "sbom", "vulnerabilities", "licenses", "reproducible"])
        var rules = ArtifactRules()
        if let signature = fields["signature"] { rules.signature = try parseSignature(signature) }
        if let algorithms = fields["algorithms"] {
            let options = try algorithms.mapping(allowed: ["signatures", "minimumRSABits", "digests", "action"])
            let digests = try options["digests"]?.stringList() ?? AlgorithmRule.acceptedDigests
            for (index, name) in digests.enumerated() where !AlgorithmRule.acceptedDigests.contains(name) {
                throw (try options["digests"]?.list()[index] ?? algorithms)
                    .fail(.invalidValue, "artifact.algorithms.digests: expected sha256, sha384 or sha512, found '\(name)'")
            }
            rules.algorithms = AlgorithmRule(
                signatures: try options["signatures"]?.stringList() ?? AlgorithmRule.acceptedSignatures,
                minimumRSABits: try options["minimumRSABits"]?.int(in: 1024...16384) ?? AlgorithmRule.acceptedMinimumRSABits,
                digests: digests, action: try action(options))
        }
        if let provenance = fields["provenance"] {
            let options = try provenance.mapping(allowed: ["required", "versions", "builders", "sourceRepositories", "signers", "action"])
            let versions = try options["versions"]?.stringList() ?? ["v0.2", "v1"]
            for version in versions where version != "v0.2" && version != "v1" {
                throw (options["versions"] ?? provenance).fail(.invalidValue, "artifact.provenance.versions: expected v0.2 or v1, found '\(version)'")
            }
            rules.provenance = ProvenanceRule(
                required: try options["required"]?.bool() ?? true, versions: versions,
                builders: try globs(options["builders"]), sourceRepositories: try globs(options["sourceRepositories"]),
                signers: try options["signers"].map(parseSignerBlock), action: try action(options))
        }
        if let sbom = fields["sbom"] {
            let options = try sbom.mapping(allowed: ["required", "attested", "signers", "minComponents", "matchesArtifact", "action"])
            if let attested = options["attested"], try attested.bool() == false {
                throw attested.fail(.invalidValue,
                                    "artifact.sbom.attested: an unsigned SBOM is self-asserted and never passes a rule; remove 'attested: false' and sign the SBOM (tollgate attest --predicate-type https://cyclonedx.org/bom)")
            }
            rules.sbom = SBOMRule(required: try options["required"]?.bool() ?? true,
                                  signers: try options["signers"].map(parseSignerBlock),
                                  minComponents: try options["minComponents"]?.int(in: 0...10_000_000) ?? 1,
                                  matchesArtifact: try options["matchesArtifact"]?.bool() ?? false,
                                  action: try action(options))
        }
        if let vulnerabilities = fields["vulnerabilities"] { rules.vulnerabilities = try parseVulnerabilities(vulnerabilities) }
        if let licenses = fields["licenses"] { rules.licenses = try parseLicenses(licenses) }
        if let reproducible = fields["reproducible"] { rules.reproducible = try parseReproducible(reproducible) }
        return rules
    }

    private func parseSignature(_ value: YAMLValue) throws(PolicyError) -> SignatureRule {
        let fields = try value.mapping(allowed: ["required", "keys", "identities", "threshold", "action", "imageIndex"])
        let rule = SignatureRule(required: try fields["required"]?.bool() ?? true, signers: try parseSigners(fields),
                                 action: try action(fields),
                                 imageIndex: try fields["imageIndex"]?.oneOf(ImageSignatureScope.self) ?? .either)
        if rule.required, rule.signers.isEmpty {
            throw value.fail(.missingKey, "artifact.signature: a required signature needs 'keys' or 'identities' to say whose signature counts")
        }
        return rule
    }

    /// `artifact.reproducible: { rebuilders: {keys, identities} | [KEYID…], threshold: N, action }`.
    private func parseReproducible(_ value: YAMLValue) throws(PolicyError) -> ReproducibleRule {
        let options = try value.mapping(allowed: ["rebuilders", "threshold", "action"])
        guard let block = options["rebuilders"] else {
            throw value.fail(.missingKey, "artifact.reproducible: expected 'rebuilders' naming the trusted rebuilders (keys or identities)")
        }
        let rebuilders: TrustedSigners
        if case .sequence = block.node {
            rebuilders = TrustedSigners(keys: try block.stringList())
            guard !rebuilders.isEmpty else { throw block.fail(.missingKey, "artifact.reproducible.rebuilders: expected at least one trusted rebuilder") }
        } else {
            rebuilders = try parseSignerBlock(block)
        }
        let threshold = try options["threshold"]?.int(in: 1...100) ?? 1
        let count = rebuilders.keys.count + rebuilders.identities.count
        guard threshold <= count else {
            throw (options["threshold"] ?? value).fail(.invalidValue,
                "artifact.reproducible.threshold: \(threshold) distinct rebuilders cannot match when only \(count) \(count == 1 ? "is" : "are") trusted")
        }
        return ReproducibleRule(rebuilders: rebuilders, threshold: threshold, action: try action(options))
    }

    /// A signer block on its own (`signers`, `scanners`, `vexAuthors`): it must name someone.
    private func parseSignerBlock(_ value: YAMLValue) throws(PolicyError) -> TrustedSigners {
        let signers = try parseSigners(try value.mapping(allowed: ["keys", "identities", "threshold"]))
        guard !signers.isEmpty else {
            throw value.fail(.missingKey, "\(value.path): expected 'keys' or 'identities' naming at least one trusted signer")
        }
        return signers
    }

    /// `keys`, `identities` and `threshold`, as `artifact.signature` writes them.
    func parseSigners(_ fields: [String: YAMLValue]) throws(PolicyError) -> TrustedSigners {
        var signers = TrustedSigners(keys: try fields["keys"]?.stringList() ?? [],
                                     threshold: try fields["threshold"]?.int(in: 1...100) ?? 1)
        for item in try fields["identities"]?.list() ?? [] {
            let entry = try item.mapping(allowed: ["issuer", "issuerRegExp", "subject", "subjectRegExp", "sourceRepository",
                                                   "sourceRef", "sourceRefRegExp", "buildSignerURI", "buildSignerURIRegExp",
                                                   "runnerEnvironment", "trigger"])
            var identity = IdentityRequirement(issuer: try matcher(entry, exact: "issuer", regexp: "issuerRegExp", in: item),
                                               subject: try matcher(entry, exact: "subject", regexp: "subjectRegExp", in: item))
            identity.sourceRepository = try entry["sourceRepository"].map { value throws(PolicyError) in GlobPattern(try value.nonEmptyString()) }
            if entry["sourceRef"] != nil || entry["sourceRefRegExp"] != nil {
                identity.sourceRef = try matcher(entry, exact: "sourceRef", regexp: "sourceRefRegExp", in: item)
            }
            if entry["buildSignerURI"] != nil || entry["buildSignerURIRegExp"] != nil {
                identity.buildSignerURI = try matcher(entry, exact: "buildSignerURI", regexp: "buildSignerURIRegExp", in: item)
            }
            if let runner = entry["runnerEnvironment"] {
                let text = try runner.nonEmptyString()
                guard text == "github-hosted" || text == "self-hosted" else {
                    throw runner.fail(.invalidValue, "\(runner.path): expected github-hosted or self-hosted, found '\(text)'")
                }
                identity.runnerEnvironment = text
            }
            identity.trigger = try entry["trigger"]?.nonEmptyString()
            signers.identities.append(identity)
        }
        if signers.threshold > signers.keys.count + signers.identities.count, !signers.isEmpty {
            throw (fields["threshold"] ?? fields["keys"] ?? fields["identities"]!).fail(
                .invalidValue, "threshold \(signers.threshold) is more than the \(signers.keys.count + signers.identities.count) trusted signers listed")
        }
        return signers
    }

    private func matcher(_ entry: [String: YAMLValue], exact: String, regexp: String,
                         in item: YAMLValue) throws(PolicyError) -> StringMatcher {
        switch (entry[exact], entry[regexp]) {
        case (let value?, nil):
            return .exact(try value.nonEmptyString())
        case (nil, let value?):
            let text = try value.nonEmptyString()
            guard let regex = RegexPattern(text) else {
                throw value.fail(.invalidPattern, "\(value.path): expected a valid regular expression, found '\(text)'")
            }
            return .regexp(regex)
        case (_?, _?):
            throw item.fail(.invalidValue, "\(item.path): give either '\(exact)' or '\(regexp)', not both")
        case (nil, nil):
            throw item.fail(.missingKey, "\(item.path): missing required key '\(exact)' or '\(regexp)'")
        }
    }

    func parseVulnerabilities(_ value: YAMLValue) throws(PolicyError) -> VulnerabilityRule {
        let fields = try value.mapping(allowed: ["maxSeverity", "remediationDays", "honourVEX", "maxScanAge", "maxDatabaseAge",
                                                 "unknownSeverity", "scanners", "vexAuthors", "action"])
        var rule = VulnerabilityRule(action: try action(fields))
        if let severity = fields["maxSeverity"] { rule.maxSeverity = try severity.ratedSeverity() }
        if let days = fields["remediationDays"] {
            let entries = try days.mapping(allowed: Severity.rated.map(\.rawValue))
            for (name, entry) in entries {
                guard let severity = Severity(rawValue: name) else { continue }
                rule.remediationDays[severity] = try entry.int(in: 0...3650)
            }
        }
        if let vex = fields["honourVEX"] { rule.honourVEX = try vex.bool() }
        if let age = fields["maxScanAge"] { rule.maxScanAge = try parseDuration(age) }
        if let age = fields["maxDatabaseAge"] { rule.maxDatabaseAge = try parseDuration(age) }
        if let unknown = fields["unknownSeverity"] { rule.unknownSeverity = try unknown.ratedSeverity() }
        rule.scanners = try fields["scanners"].map(parseSignerBlock)
        rule.vexAuthors = try fields["vexAuthors"].map(parseSignerBlock)
        return rule
    }

    private func parseLicenses(_ value: YAMLValue) throws(PolicyError) -> LicenseRule {
        let fields = try value.mapping(allowed: ["allow", "deny", "allowUnknown", "action"])
        var rule = LicenseRule(allowUnknown: try fields["allowUnknown"]?.bool() ?? false, action: try action(fields))
        rule.allow = try licenseList(fields["allow"])
        rule.deny = try licenseList(fields["deny"])
        if rule.allow.isEmpty, rule.deny.isEmpty {
            throw value.fail(.missingKey, "artifact.licenses: expected 'allow' or 'deny' with at least one license")
        }
        return rule
    }

    /// Allow and deny entries are SPDX expressions; every license they name is listed.
    private func licenseList(_ value: YAMLValue?) throws(PolicyError) -> [SPDXLicense] {
        guard let value else { return [] }
        var result: [SPDXLicense] = []
        for item in try value.list() {
            let text = try item.nonEmptyString()
            switch SPDXExpression.parse(text) {
            case .success(let expression): result.append(contentsOf: expression.licenses)
            case .failure(let error):
                throw item.fail(.invalidLicenseExpression, "\(item.path): expected an SPDX license expression: \(error.message)")
            }
        }
        return result
    }

    private func parseException(_ value: YAMLValue, cap: PolicyDuration?) throws(PolicyError) -> PolicyException {
        let fields = try value.mapping(allowed: ["id", "owner", "reason", "compensatingControl", "granted", "expires", "match"])
        let id = try require(fields, "id", in: value).nonEmptyString()
        let owner = try require(fields, "owner", in: value).nonEmptyString()
        let reason = try require(fields, "reason", in: value).nonEmptyString()
        let expires = try require(fields, "expires", in: value).instant(endOfDay: true)
        let granted = try fields["granted"]?.instant(endOfDay: false)
        let matchValue = try require(fields, "match", in: value)
        let matchFields = try matchValue.mapping(allowed: ["advisory", "component", "artifact", "rules"])
        var match = ExceptionMatch(advisory: try matchFields["advisory"]?.nonEmptyString(),
                                   component: try matchFields["component"]?.nonEmptyString(),
                                   artifact: try matchFields["artifact"]?.nonEmptyString())
        if let rules = matchFields["rules"] {
            for item in try rules.list() {
                let name = try item.string()
                guard let rule = RuleID(rawValue: name) else {
                    throw item.fail(.invalidValue, "\(item.path): expected a rule id (\(RuleID.allCases.map(\.rawValue).joined(separator: ", "))), found '\(name)'")
                }
                guard rule != .installMalicious else {
                    throw item.fail(.invalidException, "\(item.path): install.malicious (OSV MAL- records) cannot be excepted; remove the package instead")
                }
                match.rules.append(rule)
            }
        }
        if let component = match.component, !component.hasPrefix("pkg:") {
            throw (matchFields["component"] ?? matchValue).fail(.invalidException, "\(matchValue.path).component: expected a package URL (pkg:type/name), found '\(component)'")
        }
        guard match.advisory != nil || match.component != nil || match.artifact != nil else {
            throw matchValue.fail(.invalidException, "\(matchValue.path): an exception needs a scope: advisory, component or artifact")
        }
        if match.advisory == nil, match.component == nil, match.rules.isEmpty {
            throw matchValue.fail(.invalidException, "\(matchValue.path): an artifact-scoped exception must list the rules it covers")
        }
        if let granted, granted >= expires {
            throw value.fail(.invalidException, "\(value.path): expires must be after granted")
        }
        if let cap {
            guard let granted else {
                throw value.fail(.invalidException, "\(value.path): 'granted' is required because settings.maxExceptionDuration is \(cap)")
            }
            let length = expires.timeIntervalSince(granted)
            if length > cap.seconds {
                throw value.fail(.exceptionTooLong,
                                 "\(value.path) (\(id)): lasts \(Int((length / 86_400).rounded(.up))) days, over the policy's maximum of \(cap)")
            }
        }
        return PolicyException(id: id, owner: owner, reason: reason,
                               compensatingControl: try fields["compensatingControl"]?.nonEmptyString(),
                               granted: granted, expires: expires, match: match, location: value.location)
    }
}
