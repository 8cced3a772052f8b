import TollgateModel
import TollgatePolicy

/// The rules that read build and source facts: provenance presence and version, builder, build
/// type, source repository, ref, commit, trigger event and pinned dependencies. Facts come from
/// `Evidence.build`: trusted provenance overlaid by its signing certificate's extensions.
enum ProvenanceEvaluator {
    /// `artifact.provenance`: provenance from a trusted provenance signer, of an accepted version,
    /// that does not contradict its signing certificate.
    static func presence(_ rule: ProvenanceRule, in context: RuleContext) -> Finding {
        let signers = context.policy.signers(for: .provenance)
        let expected = "SLSA provenance \(rule.versions.joined(separator: " or ")) signed by \(Format.alternatives(signers.names))"
        guard let provenance = context.evidence.provenance else {
            if !rule.required {
                return context.skipped(.artifactProvenance, reason: "no trusted provenance; not required",
                                       expected: expected, actual: "no trusted provenance")
            }
            let actual = context.missing("no trusted provenance", .provenance)
            return context.verdict(.artifactProvenance, action: rule.action, passed: false,
                                   reason: "expected \(expected); found \(actual)", expected: expected,
                                   actual: actual, evidence: context.problems(.provenance))
        }
        let facts = provenance.facts
        let evidence = ["\(provenance.source): SLSA \(facts.slsaVersion.rawValue), builder \(facts.builderID), signed by \(provenance.signedBy)"]
            + context.problems(.provenance)
        let contradictions = context.evidence.build?.contradictions ?? []
        let actual: String
        let passed: Bool
        if !contradictions.isEmpty {
            actual = "provenance that contradicts its signing certificate: \(contradictions.joined(separator: "; "))"
            passed = false
        } else if !rule.versions.contains(facts.slsaVersion.rawValue) {
            actual = "SLSA \(facts.slsaVersion.rawValue) provenance"
            passed = false
        } else {
            actual = "SLSA \(facts.slsaVersion.rawValue) provenance signed by \(provenance.signedBy)"
            passed = true
        }
        return context.verdict(.artifactProvenance, action: rule.action, passed: passed,
                               reason: passed ? actual : "expected \(expected); found \(actual)",
                               expected: expected, actual: actual, evidence: evidence)
    }

    /// A build fact against allowed patterns (builders, build types, repositories, refs, workflows).
    static func patterns(_ id: RuleID, what: String, patterns: [GlobPattern], fact: BuildFact,
                         action: RuleAction, in context: RuleContext) -> Finding {
        let expected = "\(what) matching \(Format.alternatives(patterns.map(\.pattern)))"
        guard let build = context.evidence.build else { return missing(id, expected: expected, in: context) }
        let evidence = ["\(build.source): \(build.describe(fact, as: what))"]
        if let refused = refuseContradicted(id, expected: expected, action: action, in: context) { return refused }
        guard let actualValue = build.value(fact) else {
            return context.verdict(id, action: action, passed: false,
                                   reason: "expected \(expected); the provenance and certificate name no \(what)",
                                   expected: expected, actual: "no \(what)", evidence: evidence)
        }
        let passed = patterns.contains { $0.matches(actualValue) }
        let actual = "\(what) \(actualValue)"
        return context.verdict(id, action: action, passed: passed,
                               reason: passed ? actual : "expected \(expected); found \(actualValue)",
                               expected: expected, actual: actual, evidence: evidence)
    }

    /// `source.commit`: the build names the exact source commit, so the artifact is traceable.
    static func commit(_ rule: SourceRules, in context: RuleContext) -> Finding {
        let expected = "an exact source commit (40 or 64 hex digits)"
        guard let build = context.evidence.build else { return missing(.sourceCommit, expected: expected, in: context) }
        if let refused = refuseContradicted(.sourceCommit, expected: expected, action: rule.action, in: context) { return refused }
        let commit = build.sourceCommit
        let passed = commit.map { ($0.count == 40 || $0.count == 64) && Hex.decode($0) != nil } ?? false
        let actual = commit.map { "source commit \($0)" } ?? "no source commit"
        return context.verdict(.sourceCommit, action: rule.action, passed: passed,
                               reason: passed ? actual : "expected \(expected); found \(actual)",
                               expected: expected, actual: actual,
                               evidence: ["\(build.source): \(build.describe(.sourceCommit, as: "source commit"))"])
    }

    /// `build.triggers`: refuse forbidden trigger events (e.g. `pull_request_target`), or accept only the allowed ones.
    static func triggers(_ rule: BuildRules, in context: RuleContext) -> Finding {
        var parts: [String] = []
        if !rule.allowedTriggers.isEmpty { parts.append("a trigger in [\(rule.allowedTriggers.joined(separator: ", "))]") }
        if !rule.forbiddenTriggers.isEmpty { parts.append("not [\(rule.forbiddenTriggers.joined(separator: ", "))]") }
        let expected = "trigger event " + parts.joined(separator: " and ")
        guard let build = context.evidence.build else { return missing(.buildTriggers, expected: expected, in: context) }
        if let refused = refuseContradicted(.buildTriggers, expected: expected, action: rule.action, in: context) { return refused }
        let evidence = ["\(build.source): \(build.describe(.trigger, as: "trigger"))"]
        guard let event = build.triggerEvent else {
            return context.verdict(.buildTriggers, action: rule.action, passed: false,
                                   reason: "expected \(expected); the provenance and certificate name no trigger event",
                                   expected: expected, actual: "no trigger event", evidence: evidence)
        }
        let forbidden = rule.forbiddenTriggers.contains(event)
        let allowed = rule.allowedTriggers.isEmpty || rule.allowedTriggers.contains(event)
        let passed = !forbidden && allowed
        return context.verdict(.buildTriggers, action: rule.action, passed: passed,
                               reason: passed ? "trigger event \(event)" : "expected \(expected); found \(event)",
                               expected: expected, actual: "trigger event \(event)", evidence: evidence)
    }

    /// `build.pinnedDependencies`: every resolved dependency pinned by a content digest.
    static func pinned(_ rule: BuildRules, in context: RuleContext) -> Finding {
        let expected = "every resolved dependency pinned by digest"
        guard rule.pinnedDependencies == true else {
            return context.skipped(.buildPinnedDependencies, reason: "not required by the policy", expected: "nothing", actual: "not checked")
        }
        guard let provenance = context.evidence.provenance else {
            return missing(.buildPinnedDependencies, expected: expected, in: context)
        }
        let dependencies = provenance.facts.dependencies
        let unpinned = provenance.facts.unpinnedDependencies
        // No resolved dependencies at all checks nothing: it must not read as "all pinned".
        guard !dependencies.isEmpty else {
            let actual = "no resolved dependencies in \(provenance.source), so nothing shows what the build used"
            return context.verdict(.buildPinnedDependencies, action: rule.action, passed: false,
                                   reason: "expected \(expected); found \(actual)", expected: expected, actual: actual,
                                   evidence: [provenance.source])
        }
        let actual = unpinned.isEmpty
            ? "\(dependencies.count) resolved \(dependencies.count == 1 ? "dependency" : "dependencies"), all pinned"
            : "\(unpinned.count) not pinned: \(Format.list(unpinned.map { $0.uri ?? $0.name ?? "(unnamed)" }))"
        return context.verdict(.buildPinnedDependencies, action: rule.action, passed: unpinned.isEmpty,
                               reason: unpinned.isEmpty ? actual : "expected \(expected); found \(actual)",
                               expected: expected, actual: actual,
                               evidence: dependencies.prefix(Format.listLimit).map { $0.uri ?? $0.name ?? "(unnamed)" })
    }

    /// Provenance that contradicts its certificate fails every rule that reads build facts.
    static func refuseContradicted(_ id: RuleID, expected: String, action: RuleAction, in context: RuleContext) -> Finding? {
        guard let build = context.evidence.build, !build.contradictions.isEmpty else { return nil }
        let actual = "provenance that contradicts its signing certificate: \(build.contradictions.joined(separator: "; "))"
        return context.verdict(id, action: action, passed: false, reason: "expected \(expected); found \(actual)",
                               expected: expected, actual: actual, evidence: context.problems(.provenance))
    }

    /// A build rule without trusted build facts: skipped when the policy makes provenance
    /// optional, otherwise the check cannot run.
    static func missing(_ id: RuleID, expected: String, in context: RuleContext) -> Finding {
        if let rule = context.policy.artifact.provenance, !rule.required {
            return context.skipped(id, reason: "no trusted provenance; not required", expected: expected, actual: "no provenance")
        }
        return context.unavailable(id, expected: expected, missing: context.missing("no trusted provenance or certificate build facts", .provenance))
    }
}
