import TollgatePolicy

/// `artifact.sbom`: an SBOM from a trusted SBOM signer, listing at least `minComponents` components.
enum SBOMEvaluator {
    static func evaluate(_ rule: SBOMRule, in context: RuleContext) -> Finding {
        let signers = context.policy.signers(for: .sbom)
        let expected = "an SBOM attested by \(Format.alternatives(signers.names)) with at least \(rule.minComponents) components"
        guard let sbom = context.evidence.sbom else {
            if !rule.required {
                return context.skipped(.artifactSBOM, reason: "no trusted SBOM; not required", expected: expected, actual: "no trusted SBOM")
            }
            let actual = context.missing("no trusted SBOM", .sbom)
            return context.verdict(.artifactSBOM, action: rule.action, passed: false,
                                   reason: "expected \(expected); found \(actual)", expected: expected,
                                   actual: actual, evidence: context.problems(.sbom))
        }
        let actual = "\(sbom.format) SBOM with \(sbom.components.count) components (\(sbom.origin))"
        let passed = sbom.components.count >= rule.minComponents
        return context.verdict(.artifactSBOM, action: rule.action, passed: passed,
                               reason: passed ? actual : "expected \(expected); found \(actual)",
                               expected: expected, actual: actual, evidence: ["\(sbom.source): \(sbom.digest)"])
    }
}

extension SBOMEvaluator {
    /// `artifact.sbom.matchesArtifact`: every package the gate found inside the artifact (its
    /// lockfiles, `ArtifactContents`) is listed by the trusted SBOM, by purl type, namespace, name
    /// and version. No trusted SBOM, or an artifact the gate cannot read, denies: the check cannot run.
    static func matchesArtifact(_ rule: SBOMRule, in context: RuleContext) -> Finding {
        let expected = "a trusted SBOM listing every package the artifact's own lockfiles contain"
        guard let sbom = context.evidence.sbom else {
            return context.verdict(.artifactSBOMMatchesArtifact, action: rule.action, passed: false,
                                   reason: "cannot compare: \(context.missing("no trusted SBOM", .sbom))", expected: expected,
                                   actual: "no trusted SBOM", evidence: context.problems(.sbom))
        }
        guard let contents = context.evidence.contents, contents.unreadable == nil else {
            let why = context.evidence.contents?.unreadable ?? "the artifact's contents were not read"
            return context.verdict(.artifactSBOMMatchesArtifact, action: rule.action, passed: false,
                                   reason: "cannot compare: \(why)", expected: expected, actual: why, evidence: [])
        }
        // The SBOM's own description of its subject, when it gives a hash of this algorithm, must be this artifact.
        let artifact = context.evidence.artifact.digest
        let described = sbom.subjectDigests.filter { $0.algorithm == artifact.algorithm }
        if !described.isEmpty, !described.contains(artifact) {
            let actual = "the SBOM describes \(described.map(\.description).joined(separator: ", ")) (its subject's hash), not \(artifact)"
            return context.verdict(.artifactSBOMMatchesArtifact, action: rule.action, passed: false, reason: actual,
                                   expected: expected, actual: actual, evidence: ["\(sbom.source): \(sbom.digest)"])
        }
        let listed = Set(sbom.components.compactMap { $0.purl.flatMap(ArtifactContents.key(purl:)) })
        let missing = contents.packages.keys.filter { !listed.contains($0) }.sorted()
        let actual = "\(contents.packages.count) package\(contents.packages.count == 1 ? "" : "s") in \(contents.lockfiles.count) lockfile\(contents.lockfiles.count == 1 ? "" : "s") of the artifact; the SBOM (\(sbom.origin)) lists \(missing.isEmpty ? "all" : "all but \(missing.count)")"
        let shown = missing.prefix(10).map { "\($0) (\(contents.packages[$0] ?? "?"))" }
        let reason = missing.isEmpty ? actual
            : "the SBOM leaves out \(missing.count) package\(missing.count == 1 ? "" : "s") the artifact contains: \(shown.joined(separator: ", "))\(missing.count > 10 ? ", …" : "")"
        return context.verdict(.artifactSBOMMatchesArtifact, action: rule.action, passed: missing.isEmpty, reason: reason,
                               expected: expected, actual: actual,
                               evidence: ["\(sbom.source): \(sbom.digest)"] + contents.lockfiles.prefix(20).map { "lockfile: \($0)" })
    }
}
