import TollgateModel

/// Orders recovery: rebuild every affected artifact (those another affected artifact contains
/// first, so a base image or library is fixed before what is built on it), sign and attest each
/// rebuilt artifact, then redeploy each environment where an affected artifact still runs.
struct RecoveryPlanner: Sendable {
    /// What the rebuild must change, per query kind.
    let rebuildReason: String
    /// Why re-signing is needed beyond "it is a new artifact".
    let resignReason: String

    /// - Parameters:
    ///   - artifacts: the affected artifacts.
    ///   - containedIn: for an affected artifact, the affected artifacts that contain it.
    ///   - running: running deployments of affected artifacts.
    func plan(artifacts: [ArtifactSearchPart.Artifact], containedIn: [Digest: Set<Digest>],
              running: [RuntimeSearchPart.Deployment], orderComputed: Bool) -> RecoveryPart {
        let byDigest = Dictionary(artifacts.map { ($0.digest, $0) }, uniquingKeysWith: { first, _ in first })
        // dependsOn[B] = the affected artifacts B contains (rebuilt before B).
        var dependsOn: [Digest: Set<Digest>] = [:]
        for (inner, outers) in containedIn where byDigest[inner] != nil {
            for outer in outers where outer != inner && byDigest[outer] != nil { dependsOn[outer, default: []].insert(inner) }
        }
        func label(_ digest: Digest) -> String { byDigest[digest]?.name ?? byDigest[digest]?.purl ?? digest.description }
        let stableOrder = artifacts.map(\.digest).sorted { (label($0), $0.description) < (label($1), $1.description) }
        // Kahn's algorithm, ties broken by name: deterministic.
        var remaining = dependsOn
        var ordered: [Digest] = []
        var placed: Set<Digest> = []
        var cycle = false
        while ordered.count < stableOrder.count {
            guard let next = stableOrder.first(where: { !placed.contains($0) && (remaining[$0] ?? []).isSubset(of: placed) })
                ?? stableOrder.first(where: { !placed.contains($0) }) else { break }
            if !(remaining[next] ?? []).isSubset(of: placed) { cycle = true }
            ordered.append(next)
            placed.insert(next)
            remaining[next] = nil
        }
        var steps: [RecoveryPart.Step] = []
        var rebuildStep: [Digest: Int] = [:]
        for digest in ordered {
            let order = steps.count + 1
            let inner = (dependsOn[digest] ?? []).sorted { $0.description < $1.description }
            var reason = rebuildReason
            if !inner.isEmpty { reason += "; after rebuilding what it contains (\(inner.map(label).joined(separator: ", ")))" }
            steps.append(RecoveryPart.Step(order: order, action: .rebuild, digest: digest, name: byDigest[digest]?.name,
                                           environment: nil, targets: [], after: inner.compactMap { rebuildStep[$0] }.sorted(),
                                           reason: reason))
            rebuildStep[digest] = order
        }
        var resignStep: [Digest: Int] = [:]
        for digest in ordered {
            let order = steps.count + 1
            steps.append(RecoveryPart.Step(order: order, action: .resign, digest: digest, name: byDigest[digest]?.name,
                                           environment: nil, targets: [], after: rebuildStep[digest].map { [$0] } ?? [],
                                           reason: resignReason))
            resignStep[digest] = order
        }
        let environments = Dictionary(grouping: running, by: \.environment)
        for environment in environments.keys.sorted() {
            let deployments = (environments[environment] ?? []).sorted { ($0.slot, $0.digest?.description ?? "") < ($1.slot, $1.digest?.description ?? "") }
            let digests = Set(deployments.compactMap(\.digest))
            let after = digests.compactMap { resignStep[$0] }.sorted()
            let replaced = digests.sorted { label($0) < label($1) }.map { "\(label($0)) (\($0.description.prefix(19))…)" }
            steps.append(RecoveryPart.Step(order: steps.count + 1, action: .redeploy, digest: nil, name: nil, environment: environment,
                                           targets: deployments.map(\.slot), after: after,
                                           reason: "replace \(replaced.joined(separator: ", ")) with the rebuilt, re-signed artifacts"))
        }
        var statement: String
        if artifacts.isEmpty {
            statement = "nothing to rebuild, re-sign or redeploy"
        } else {
            statement = "\(Counted.noun(ordered.count, "artifact")) to rebuild and re-sign, \(Counted.noun(environments.count, "environment")) to redeploy"
            if !orderComputed {
                statement += "; dependency order between artifacts was not computed (too many affected artifacts): order by hand"
            } else if cycle {
                statement += "; the artifacts contain each other in a cycle: the order breaks it arbitrarily"
            } else if !dependsOn.isEmpty {
                statement += ", in dependency order (contained artifacts first)"
            }
        }
        return RecoveryPart(steps: steps, statement: statement)
    }
}
