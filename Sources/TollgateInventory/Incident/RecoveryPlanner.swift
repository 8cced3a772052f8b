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
        let stableOrder = artifacts.map { (label($0.digest), $0.digest) }.sorted { $0 < $1 }.map(\.1)
        let (ordered, cycle) = Self.order(stableOrder, dependsOn: dependsOn)
        var steps: [RecoveryPart.Step] = []
        var rebuildStep: [Digest: Int] = [:]
        for digest in ordered {
            let order = steps.count + 1
            let inner = (dependsOn[digest] ?? []).sorted()
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
            let deployments = IncidentResponder.sorted(environments[environment] ?? [])
            let digests = Set(deployments.compactMap(\.digest))
            let after = digests.compactMap { resignStep[$0] }.sorted()
            let replaced = digests.map { (label($0), $0) }.sorted { $0 < $1 }.map { "\($0.0) (\($0.1.description.prefix(19))…)" }
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

    /// Kahn's algorithm over positions in `stable` (ties broken by that order, so the result is
    /// deterministic): linear without edges, and with the few edges of containment near it. A cycle
    /// is broken at the earliest remaining artifact.
    static func order(_ stable: [Digest], dependsOn: [Digest: Set<Digest>]) -> (ordered: [Digest], cycle: Bool) {
        guard !dependsOn.isEmpty else { return (stable, false) }
        let position = Dictionary(stable.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var waiting = [Int](repeating: 0, count: stable.count)
        var dependents = [[Int]](repeating: [], count: stable.count)
        for (outer, inners) in dependsOn {
            guard let o = position[outer] else { continue }
            for inner in inners {
                guard let i = position[inner] else { continue }
                waiting[o] += 1
                dependents[i].append(o)
            }
        }
        var ready = (0..<stable.count).filter { waiting[$0] == 0 }.reversed() as [Int]   // popped from the end: smallest first
        var placed = [Bool](repeating: false, count: stable.count)
        var ordered: [Digest] = []
        ordered.reserveCapacity(stable.count)
        var cycle = false
        var scan = 0
        while ordered.count < stable.count {
            let next: Int
            if let popped = ready.popLast() {
                next = popped
            } else {
                while placed[scan] { scan += 1 }
                next = scan
                cycle = true
            }
            guard !placed[next] else { continue }
            placed[next] = true
            ordered.append(stable[next])
            for dependent in dependents[next] where !placed[dependent] {
                waiting[dependent] -= 1
                if waiting[dependent] == 0 {
                    // Keep `ready` sorted descending so the smallest position is popped next.
                    let at = ready.firstIndex { $0 < dependent } ?? ready.count
                    ready.insert(dependent, at: at)
                }
            }
        }
        return (ordered, cycle)
    }
}
