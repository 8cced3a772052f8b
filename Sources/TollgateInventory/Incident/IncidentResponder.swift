import Foundation
import TollgateModel
import TollgatePolicy
import TollgateStore

/// Answers an incident query from the inventory (and the advisory database and policy, when
/// given): the six parts of `IncidentAnswer`, each from indexed queries, and how complete the data
/// behind them is. The same code serves `tollgate incident`, `tollgate drill` and, later, the server.
public struct IncidentResponder: Sendable {
    public let inventory: any InventoryStore
    public let advisories: (any AdvisoryStore)?
    public let policy: Policy?

    /// Above this many affected artifacts with a purl, the dependency order between them is not
    /// computed (one lookup each); the recovery part says so.
    public static let maxDependencyLookups = 200

    public init(inventory: any InventoryStore, advisories: (any AdvisoryStore)? = nil, policy: Policy? = nil) {
        self.inventory = inventory
        self.advisories = advisories
        self.policy = policy
    }

    public func answer(_ query: IncidentQuery) async throws -> IncidentAnswer {
        let coverage = try await inventory.coverage()

        // 1. What is affected, and which artifacts it selects.
        var affectedPart: AffectedComponentPart
        var matches: [Digest: [ArtifactSearchPart.Match]] = [:]
        var selectedBy: [Digest: String] = [:]
        var fixedVersions: [String] = []
        let search = ComponentSearch(inventory: inventory, advisories: advisories)
        switch query.kind {
        case .component:
            let result = try await search.component(query.value, versions: query.versions)
            (affectedPart, matches) = (result.part, result.matches)
        case .advisory:
            let result = try await search.advisory(query.value)
            (affectedPart, matches, fixedVersions) = (result.part, result.matches, result.fixedVersions)
        case .builder, .workflow, .repository:
            (affectedPart, selectedBy) = try await ciPath(query)
        case .artifact:
            let digest: Digest
            do {
                digest = try Digest(parsing: query.value)
            } catch {
                throw InventoryError(.invalidQuery, "--artifact: \(error.reason)")
            }
            selectedBy[digest] = "the compromised artifact itself"
            affectedPart = AffectedComponentPart(kind: .artifact, value: digest.description, versions: nil, packages: [], advisory: nil,
                                                 statement: "the artifact \(digest) itself is compromised")
        }
        let candidates = Set(matches.keys).union(selectedBy.keys).sorted()
        let rows = try await inventory.artifacts(candidates)
        let rowByDigest = Dictionary(rows.map { ($0.digest, $0) }, uniquingKeysWith: { first, _ in first })
        let deploymentRows = candidates.isEmpty ? [] : try await inventory.deployments(of: candidates)
        let deployed = Set(deploymentRows.compactMap(\.digest))
        let affected = candidates.filter { rowByDigest[$0] != nil || deployed.contains($0) }
        let affectedSet = Set(affected)

        // 2. artifact_search
        try Task.checkCancellation()
        let artifacts = affected.map { digest -> ArtifactSearchPart.Artifact in
            let row = rowByDigest[digest]
            let found = (matches[digest] ?? []).sorted { ($0.purl, $0.relationship.rawValue) < ($1.purl, $1.relationship.rawValue) }
            let reason = selectedBy[digest] ?? "contains " + found.map { "\($0.purl) (\($0.relationship.rawValue))" }.joined(separator: ", ")
            return ArtifactSearchPart.Artifact(digest: digest, name: row?.name, version: row?.version, purl: row?.purl,
                                               firstSeen: row?.firstSeen, lastSeen: row?.lastSeen, hasSBOM: (row?.sbomCount ?? 0) > 0,
                                               matches: found, reason: row == nil ? reason + "; not in the inventory, only deployed" : reason)
        }
        let (searchedCount, searchedPhrase) = CompletenessPart.searched(query.kind, coverage)
        let completeness = CompletenessPart(coverage, for: query.kind)
        var artifactStatement = artifacts.isEmpty ? "no affected artifacts among \(searchedPhrase)"
                                                  : "\(Counted.noun(artifacts.count, "affected artifact")) among \(searchedPhrase)"
        if !completeness.complete { artifactStatement += "; " + completeness.gaps.joined(separator: "; ") }
        let artifactSearch = ArtifactSearchPart(artifacts: artifacts, searched: searchedCount, statement: artifactStatement)

        // 3. runtime_search
        try Task.checkCancellation()
        let deployments = Self.sorted(deploymentRows.map(Self.deployment))
        let running = deployments.filter(\.running)
        let tagRows = affected.isEmpty ? [] : try await inventory.tagHistory(of: affected)
        let repositories = Set(tagRows.map(\.repository))
        var unresolved: [RuntimeSearchPart.Deployment] = []
        if !repositories.isEmpty, coverage.deploymentsWithoutDigest > 0 {
            unresolved = Self.sorted(try await inventory.deploymentsWithoutDigest().filter { row in
                guard let reference = row.reference, let parsed = try? ImageReference(parsing: reference) else { return false }
                return repositories.contains(parsed.repository)
            }.map(Self.deployment))
        }
        let environments = Array(Set(running.map(\.environment))).sorted()
        var runtimeStatement = running.isEmpty
            ? (deployments.isEmpty ? "no recorded deployment of an affected artifact" : "no affected artifact is still running (\(Counted.noun(deployments.count, "past deployment")))")
            : "\(Counted.noun(running.count, "running deployment")) of affected artifacts in \(environments.joined(separator: ", "))"
        if !unresolved.isEmpty {
            runtimeStatement += "; \(Counted.clause(unresolved.count, "deployment", "no digest but an image repository an affected artifact was tagged in: they may run it"))"
        }
        let runtimeSearch = RuntimeSearchPart(deployments: deployments, runningEnvironments: environments, running: running.count,
                                              unresolved: unresolved, statement: runtimeStatement)

        // 4. provenance_check
        try Task.checkCancellation()
        let provenanceRows = affected.isEmpty ? [] : try await inventory.provenance(of: affected)
        let decisionRows = affected.isEmpty ? [] : try await inventory.decisions(of: affected)
        let provenanceByDigest = Dictionary(grouping: provenanceRows, by: \.artifact)
        let decisionsByDigest = Dictionary(grouping: decisionRows, by: \.artifact)
        let judge = ProvenanceJudge(policy: policy)
        let verdicts = judge.judge(affected, names: rowByDigest.compactMapValues(\.name), records: provenanceByDigest,
                                   decisions: decisionsByDigest)
        let verdictByDigest = Dictionary(verdicts.map { ($0.digest, $0) }, uniquingKeysWith: { first, _ in first })
        var outside: [ProvenanceCheckPart.OutsidePipeline] = []
        for deployment in running {
            guard let digest = deployment.digest else { continue }
            var reasons: [String] = []
            let passed = (decisionsByDigest[digest] ?? []).contains { $0.decision == "allow" || $0.decision == "warn" }
            if !passed { reasons.append("no allow decision is recorded for this digest: it did not pass the gate") }
            switch verdictByDigest[digest]?.verdict {
            case .noTrustedProvenance?, nil: reasons.append("no provenance from a trusted source: nobody the policy trusts vouches for who built it")
            case .untrusted?: reasons.append("built outside what the policy trusts: " + (verdictByDigest[digest]?.reasons.joined(separator: "; ") ?? ""))
            default: break
            }
            if !reasons.isEmpty { outside.append(ProvenanceCheckPart.OutsidePipeline(digest: digest, slot: deployment.slot, reasons: reasons)) }
        }
        let trustedCount = verdicts.filter { $0.verdict == .trusted }.count
        var provenanceStatement: String
        if verdicts.isEmpty {
            provenanceStatement = "no affected artifacts to check"
        } else if !judge.judges {
            provenanceStatement = policy == nil ? "no --policy given: trust in the builders and workflows could not be judged"
                                                : "policy \(policy?.name ?? "") names no trusted builders, workflows or repositories: not judged"
            let noTrusted = verdicts.filter { $0.verdict == .noTrustedProvenance }.count
            if noTrusted > 0 { provenanceStatement += "; \(Counted.clause(noTrusted, "affected artifact", "no provenance from a trusted source"))" }
        } else {
            provenanceStatement = "\(trustedCount) of \(Counted.noun(verdicts.count, "affected artifact")): built by a builder and workflow policy \(policy?.name ?? "") trusts"
        }
        if !outside.isEmpty { provenanceStatement += "; \(Counted.clause(outside.count, "running deployment", has: "is", have: "are", "outside the expected pipeline"))" }
        let provenanceCheck = ProvenanceCheckPart(policy: policy?.name, judged: judge.judges, artifacts: verdicts,
                                                  outsidePipeline: outside, statement: provenanceStatement)

        // 5. containment
        try Task.checkCancellation()
        let containment = try await self.containment(query, artifacts: artifacts, affected: affectedSet, tags: tagRows, verdicts: verdicts)

        // 6. recovery
        var containedIn: [Digest: Set<Digest>] = [:]
        let withPurl = artifacts.filter { $0.purl != nil }
        let orderComputed = withPurl.count <= Self.maxDependencyLookups
        if orderComputed, !withPurl.isEmpty {
            try Task.checkCancellation()
            // One store read for every artifact's package, not one each.
            let packages = withPurl.map { artifact -> (packageKey: String, versions: [String]?) in
                let purl = artifact.purl ?? ""
                let version = InventoryPackageKey.version(of: purl) ?? artifact.version
                return (InventoryPackageKey.of(purl: purl), version.map { [$0] })
            }
            let answers = try await inventory.artifactsContaining(packages: packages)
            for (artifact, matches) in zip(withPurl, answers) {
                let inside = Set(matches.map(\.artifact)).intersection(affectedSet).subtracting([artifact.digest])
                if !inside.isEmpty { containedIn[artifact.digest] = inside }
            }
        }
        let recovery = Self.planner(query, affectedPart, fixedVersions: fixedVersions, verdicts: verdictByDigest)
            .plan(artifacts: artifacts, containedIn: containedIn, running: running, orderComputed: orderComputed)

        let status: IncidentStatus = !artifacts.isEmpty ? .affected : (completeness.complete ? .notAffected : .incomplete)
        return IncidentAnswer(query: query, status: status,
                              summary: Self.summary(status, query, artifacts: artifacts, running: running, environments: environments,
                                                    searched: searchedPhrase, completeness: completeness),
                              affectedComponent: affectedPart, artifactSearch: artifactSearch, runtimeSearch: runtimeSearch,
                              provenanceCheck: provenanceCheck, containment: containment, recovery: recovery, completeness: completeness)
    }

    // MARK: - CI path

    /// `--builder`, `--workflow`, `--repository`: the artifacts whose recorded provenance names it
    /// (of any trust source: a self-asserted claim still points at a suspect build).
    private func ciPath(_ query: IncidentQuery) async throws -> (AffectedComponentPart, [Digest: String]) {
        guard !query.value.isEmpty, query.value.utf8.count <= 2048 else {
            throw InventoryError(.invalidQuery, "--\(query.kind.rawValue) is 1 to 2048 characters")
        }
        let field: InventoryProvenanceField
        var values = [query.value]
        switch query.kind {
        case .builder: field = .builder
        case .workflow: field = .workflow
        default:
            field = .repository
            values = [ProvenanceFacts.normalise(repository: query.value)]
        }
        var selected: [Digest: String] = [:]
        for value in values {
            for digest in try await inventory.artifacts(withProvenance: field, equalTo: value) {
                selected[digest] = "its provenance names \(field.rawValue) \(value)"
            }
        }
        if !selected.isEmpty {
            var sources: [Digest: Set<String>] = [:]
            for record in try await inventory.provenance(of: Array(selected.keys)) where values.contains(record.value(of: field) ?? "") {
                sources[record.artifact, default: []].insert(record.source.rawValue)
            }
            for digest in Array(selected.keys) {
                let who = (sources[digest] ?? []).sorted().joined(separator: ", ")
                selected[digest] = "built through the compromised \(field.rawValue) \(values[0]) (vouched for by: \(who))"
            }
        }
        let part = AffectedComponentPart(kind: query.kind, value: values[0], versions: nil, packages: [], advisory: nil,
                                         statement: "the \(field.rawValue) \(values[0]) is compromised: every artifact recorded as built through it")
        return (part, selected)
    }

    // MARK: - Containment

    private func containment(_ query: IncidentQuery, artifacts: [ArtifactSearchPart.Artifact], affected: Set<Digest>,
                             tags: [TagObservationRecord], verdicts: [ProvenanceCheckPart.Artifact]) async throws -> ContainmentPart {
        let block = artifacts.map { ContainmentPart.BlockedDigest(digest: $0.digest, name: $0.name, reason: $0.reason) }
        var frozen: [ContainmentPart.FrozenTag] = []
        for history in TagHistory.group(tags) {
            guard let current = history.observations.last else { continue }
            let points = affected.contains(current.digest)
            var reason = points ? "points at an affected artifact: freeze it (registry immutability, admission pin) until it points at a rebuilt one"
                                : "pointed at an affected artifact before; now at \(current.digest)"
            if history.moved { reason += "; it has moved between digests, so it can be overwritten" }
            frozen.append(ContainmentPart.FrozenTag(
                repository: history.repository, tag: history.tag, current: current.digest, pointsAtAffected: points, moved: history.moved,
                history: history.observations.map { ContainmentPart.FrozenTag.Observation(digest: $0.digest, time: $0.time) }, reason: reason))
        }
        var credentials: [String: ContainmentPart.Credential] = [:]
        var credentialArtifacts: [String: Set<Digest>] = [:]
        func add(_ kind: String, _ value: String, _ digest: Digest?, _ reason: String) {
            let key = kind + " " + value
            if credentials[key] == nil {
                credentials[key] = ContainmentPart.Credential(kind: kind, value: value, artifacts: [], reason: reason)
            }
            if let digest { credentialArtifacts[key, default: []].insert(digest) }
        }
        let statement: String
        switch query.kind {
        case .advisory:
            statement = "a vulnerability advisory does not by itself expose build or signing credentials: block and rebuild"
        case .component, .artifact, .builder, .workflow, .repository:
            let reason: String
            switch query.kind {
            case .component: reason = "built an artifact containing the compromised component: code run at build time may have read its credentials"
            case .artifact: reason = "built the compromised artifact"
            default: reason = "the compromised CI path: rotate every secret and token it can reach"
            }
            if [.builder, .workflow, .repository].contains(query.kind) {
                add(query.kind.rawValue, query.value, nil, reason)
            }
            for verdict in verdicts {
                if let builder = verdict.builder { add("builder", builder, verdict.digest, reason) }
                if let workflow = verdict.workflow { add("workflow", workflow, verdict.digest, reason) }
            }
            if query.kind != .component, !affected.isEmpty {
                for signature in try await inventory.signatures(of: Array(affected)) where signature.signer.hasPrefix("key:") {
                    add("signing-key", signature.signer, signature.artifact,
                        "a long-lived key signed an artifact of the compromised path; if it was reachable there, it is exposed")
                }
            }
            statement = "block \(Counted.noun(block.count, "digest")), freeze \(Counted.noun(frozen.count, "tag")), rotate \(Counted.noun(credentials.count, "credential"))"
        }
        let rotate = credentials.map { key, credential -> ContainmentPart.Credential in
            var sorted = credential
            sorted.artifacts = (credentialArtifacts[key] ?? []).sorted()
            return sorted
        }.sorted { ($0.kind, $0.value) < ($1.kind, $1.value) }
        return ContainmentPart(blockDigests: block, freezeTags: frozen, rotateCredentials: rotate, statement: statement)
    }

    // MARK: - Recovery and summary

    private static func planner(_ query: IncidentQuery, _ part: AffectedComponentPart, fixedVersions: [String],
                                verdicts: [Digest: ProvenanceCheckPart.Artifact]) -> RecoveryPlanner {
        let signAgain = "sign the rebuilt artifact and attest its provenance and SBOM"
        switch query.kind {
        case .component:
            let package = part.packages.first?.package ?? query.value
            let outside = part.versions.map { "outside \($0)" } ?? "at a version that is not compromised"
            return RecoveryPlanner(rebuildReason: "rebuild with \(package) \(outside)", resignReason: signAgain)
        case .advisory:
            let packages = part.packages.filter { !$0.affectedVersions.isEmpty }.map(\.package).joined(separator: ", ")
            let fix = fixedVersions.isEmpty ? "no fixed version is known: remove or replace it" : "upgrade to a fixed version (\(fixedVersions.joined(separator: ", ")))"
            return RecoveryPlanner(rebuildReason: "rebuild with \(packages.isEmpty ? "the affected packages" : packages): \(fix)", resignReason: signAgain)
        case .builder, .workflow, .repository:
            return RecoveryPlanner(rebuildReason: "rebuild from a verified source commit on a builder the policy trusts, after the credentials are rotated",
                                   resignReason: "sign and attest with new credentials: signatures made through the compromised path must not be trusted")
        case .artifact:
            let commit = verdicts.values.first?.commit.map { " (\($0))" } ?? ""
            return RecoveryPlanner(rebuildReason: "rebuild from its source commit\(commit) on a builder the policy trusts",
                                   resignReason: "sign and attest with new credentials")
        }
    }

    private static func summary(_ status: IncidentStatus, _ query: IncidentQuery, artifacts: [ArtifactSearchPart.Artifact],
                                running: [RuntimeSearchPart.Deployment], environments: [String], searched: String,
                                completeness: CompletenessPart) -> String {
        switch status {
        case .affected:
            var text = "\(Counted.noun(artifacts.count, "affected artifact")) (\(query.description))"
            text += running.isEmpty ? ", none still running" : ", \(running.count) running in \(environments.joined(separator: ", "))"
            if !completeness.complete { text += "; the data is incomplete: " + completeness.gaps.joined(separator: "; ") }
            return text
        case .notAffected:
            return "no affected artifacts (\(query.description)) among \(searched); \(completeness.statement)"
        case .incomplete:
            return "no affected artifacts among \(searched), but that is not the whole inventory: " + completeness.gaps.joined(separator: "; ")
        }
    }

    static func deployment(_ row: InventoryDeploymentRow) -> RuntimeSearchPart.Deployment {
        RuntimeSearchPart.Deployment(environment: row.environment, cluster: row.cluster, namespace: row.namespace, service: row.service,
                                     image: row.reference, digest: row.digest, firstSeen: row.firstSeen, lastSeen: row.lastSeen,
                                     running: row.running)
    }

    /// Deployments by slot, then digest (none first), then first sighting; each slot's text built once.
    static func sorted(_ deployments: [RuntimeSearchPart.Deployment]) -> [RuntimeSearchPart.Deployment] {
        deployments.map { ($0.slot, $0) }.sorted { a, b in
            if a.0 != b.0 { return a.0 < b.0 }
            if a.1.digest != b.1.digest {
                guard let left = a.1.digest else { return true }
                guard let right = b.1.digest else { return false }
                return left < right
            }
            return a.1.firstSeen < b.1.firstSeen
        }.map(\.1)
    }
}
