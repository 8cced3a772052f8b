import TollgateModel
import TollgatePolicy

/// The rules that read SLSA provenance: presence and version, builder, build type, source
/// repository, ref, trigger event and pinned dependencies.
enum ProvenanceEvaluator {
    /// `artifact.provenance`: provenance present, signed (from a verified attestation) and of an accepted version.
    static func presence(_ rule: ProvenanceRule, in context: RuleContext) -> Finding {
        let expected = "signed SLSA provenance \(rule.versions.joined(separator: " or "))"
        guard let provenance = context.evidence.provenance else {
            if !rule.required {
                return Finding(rule: .artifactProvenance, result: .pass, reason: "no provenance supplied; not required",
                               expected: expected, actual: "no provenance")
            }
            return context.verdict(.artifactProvenance, action: rule.action, passed: false,
                                   reason: "expected \(expected); found no provenance", expected: expected,
                                   actual: "no provenance", evidence: context.evidence.problems)
        }
        let facts = provenance.facts
        var evidence = ["\(provenance.source): SLSA \(facts.slsaVersion.rawValue), builder \(facts.builderID)"]
        if let signer = provenance.signedBy { evidence.append("signed by \(signer)") }
        let actual: String
        let passed: Bool
        if provenance.signedBy == nil {
            actual = "unsigned SLSA \(facts.slsaVersion.rawValue) provenance"
            passed = false
        } else if !rule.versions.contains(facts.slsaVersion.rawValue) {
            actual = "SLSA \(facts.slsaVersion.rawValue) provenance"
            passed = false
        } else {
            actual = "SLSA \(facts.slsaVersion.rawValue) provenance signed by \(provenance.signedBy.map(\.description) ?? "")"
            passed = true
        }
        return context.verdict(.artifactProvenance, action: rule.action, passed: passed,
                               reason: passed ? actual : "expected \(expected); found \(actual)",
                               expected: expected, actual: actual, evidence: evidence)
    }

    /// A provenance fact against allowed patterns (builders, build types, repositories, refs).
    static func patterns(_ id: RuleID, what: String, patterns: [GlobPattern], value: (ProvenanceFacts) -> String?,
                         action: RuleAction, in context: RuleContext) -> Finding {
        let expected = "\(what) matching \(Format.alternatives(patterns.map(\.pattern)))"
        guard let provenance = context.evidence.provenance else { return missing(id, expected: expected, in: context) }
        let evidence = ["\(provenance.source): \(what) \(value(provenance.facts) ?? "absent")"]
        guard let actualValue = value(provenance.facts) else {
            return context.verdict(id, action: action, passed: false,
                                   reason: "expected \(expected); the provenance names no \(what)",
                                   expected: expected, actual: "no \(what)", evidence: evidence)
        }
        let passed = patterns.contains { $0.matches(actualValue) }
        let actual = "\(what) \(actualValue)"
        return context.verdict(id, action: action, passed: passed,
                               reason: passed ? actual : "expected \(expected); found \(actualValue)",
                               expected: expected, actual: actual, evidence: evidence)
    }

    /// `source.commit`: the provenance names the exact source commit, so the artifact is traceable.
    static func commit(_ rule: SourceRules, in context: RuleContext) -> Finding {
        let expected = "an exact source commit (40 or 64 hex digits)"
        guard let provenance = context.evidence.provenance else { return missing(.sourceCommit, expected: expected, in: context) }
        let commit = provenance.facts.sourceCommit
        let passed = commit.map { ($0.count == 40 || $0.count == 64) && Hex.decode($0) != nil } ?? false
        let actual = commit.map { "source commit \($0)" } ?? "no source commit"
        return context.verdict(.sourceCommit, action: rule.action, passed: passed,
                               reason: passed ? actual : "expected \(expected); found \(actual)",
                               expected: expected, actual: actual, evidence: ["\(provenance.source): \(actual)"])
    }

    /// `build.triggers`: refuse forbidden trigger events (e.g. `pull_request_target`), or accept only the allowed ones.
    static func triggers(_ rule: BuildRules, in context: RuleContext) -> Finding {
        var parts: [String] = []
        if !rule.allowedTriggers.isEmpty { parts.append("a trigger in [\(rule.allowedTriggers.joined(separator: ", "))]") }
        if !rule.forbiddenTriggers.isEmpty { parts.append("not [\(rule.forbiddenTriggers.joined(separator: ", "))]") }
        let expected = "trigger event " + parts.joined(separator: " and ")
        guard let provenance = context.evidence.provenance else { return missing(.buildTriggers, expected: expected, in: context) }
        guard let event = provenance.facts.triggerEvent else {
            return context.verdict(.buildTriggers, action: rule.action, passed: false,
                                   reason: "expected \(expected); the provenance names no trigger event",
                                   expected: expected, actual: "no trigger event", evidence: [provenance.source])
        }
        let forbidden = rule.forbiddenTriggers.contains(event)
        let allowed = rule.allowedTriggers.isEmpty || rule.allowedTriggers.contains(event)
        let passed = !forbidden && allowed
        return context.verdict(.buildTriggers, action: rule.action, passed: passed,
                               reason: passed ? "trigger event \(event)" : "expected \(expected); found \(event)",
                               expected: expected, actual: "trigger event \(event)",
                               evidence: ["\(provenance.source): trigger \(event)"])
    }

    /// `build.pinnedDependencies`: every resolved dependency pinned by a content digest.
    static func pinned(_ rule: BuildRules, in context: RuleContext) -> Finding {
        let expected = "every resolved dependency pinned by digest"
        guard rule.pinnedDependencies == true else {
            return Finding(rule: .buildPinnedDependencies, result: .pass, reason: "not required by the policy",
                           expected: "nothing", actual: "not checked")
        }
        guard let provenance = context.evidence.provenance else {
            return missing(.buildPinnedDependencies, expected: expected, in: context)
        }
        let dependencies = provenance.facts.dependencies
        let unpinned = provenance.facts.unpinnedDependencies
        let actual = unpinned.isEmpty
            ? "\(dependencies.count) resolved \(dependencies.count == 1 ? "dependency" : "dependencies"), all pinned"
            : "\(unpinned.count) not pinned: \(Format.list(unpinned.map { $0.uri ?? $0.name ?? "(unnamed)" }))"
        return context.verdict(.buildPinnedDependencies, action: rule.action, passed: unpinned.isEmpty,
                               reason: unpinned.isEmpty ? actual : "expected \(expected); found \(actual)",
                               expected: expected, actual: actual,
                               evidence: dependencies.prefix(Format.listLimit).map { $0.uri ?? $0.name ?? "(unnamed)" })
    }

    /// A provenance rule without provenance: passes when the policy makes provenance optional,
    /// otherwise the check cannot run.
    static func missing(_ id: RuleID, expected: String, in context: RuleContext) -> Finding {
        if let rule = context.policy.artifact.provenance, !rule.required {
            return Finding(rule: id, result: .pass, reason: "no provenance supplied; not required",
                           expected: expected, actual: "no provenance")
        }
        return context.unavailable(id, expected: expected, missing: "no SLSA provenance was supplied")
    }
}
