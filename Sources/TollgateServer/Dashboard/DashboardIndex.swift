import Foundation
import TollgateInventory
import TollgateLedger
import TollgateModel
import TollgateStore
import TollgateVerify

/// What the dashboard's overview, lists and plots need across the whole inventory, kept in memory
/// and brought up to date from the ledger (the source of truth) before each page: every entry is
/// read once, in order, so a page costs the new entries since the last one, never a scan.
///
/// It reads `artifact.registered`, `decision.made`, `findings.observed` and `deployment.recorded`
/// entries; anything it cannot decode is counted in `skipped` and otherwise ignored (the inventory
/// and the API still have it).
actor DashboardIndex {
    struct Artifact: Sendable {
        let digest: Digest
        var name: String?
        var version: String?
        let firstSeen: Date
        /// The first entry that named it.
        let ledgerIndex: UInt64
    }

    struct DecisionSummary: Sendable {
        let digest: Digest
        let name: String?
        let policy: String
        let outcome: String
        let time: Date
        let ledgerIndex: UInt64
        /// The reasons of the failed rules.
        let reasons: [String]
    }

    /// An exception seen applied (or expired) in a decision: how many artifacts it covered, and the
    /// first `sampleSize` of them (a page lists those, not ten thousand).
    struct CoveringException: Sendable {
        var exception: AppliedException
        let policy: String
        var artifactCount = 0
        var sample: [Digest] = []
        static let sampleSize = 50
    }

    struct Deployment: Sendable {
        let environment: String
        let digest: Digest?
        let running: Bool
    }

    /// One finding: an advisory in a component (purl) of an artifact.
    struct FindingKey: Sendable, Hashable {
        let advisory: String
        let purl: String
    }

    private let ledger: Ledger
    private let store: any LedgerStore
    private(set) var size: UInt64 = 0
    private(set) var skipped = 0
    private var artifacts: [Digest: Artifact] = [:]
    private var sortedDigests: [Digest] = []
    private var sortedIsCurrent = true
    private var decisions: [DecisionSummary] = []
    private var decisionsPerDay: [String: [String: Int]] = [:]
    private var deployments: [String: Deployment] = [:]
    private var findings: [Digest: Set<FindingKey>] = [:]
    /// Per day with a `findings.observed` entry: how many open findings each advisory had at its end.
    private var findingHistory: [String: [String: Int]] = [:]
    /// Open findings per advisory now.
    private var openPerAdvisory: [String: Int] = [:]
    private var exceptions: [String: CoveringException] = [:]
    /// Which exceptions already counted an artifact ("POLICY/ID" → digests).
    private var covered: [String: Set<Digest>] = [:]
    /// Positions in `decisions` per artifact, oldest first.
    private var decisionsByArtifact: [Digest: [Int]] = [:]
    /// Rebuild verdicts recorded per artifact (`attestation.stored` entries of kind `rebuild`).
    private var rebuilds: [Digest: [RebuildVerdict]] = [:]
    /// Findings a later `findings.observed` of the same artifact no longer had, with that entry's time
    /// (the remediation queue's `fixed` items); a finding seen again is open again.
    private var fixed: [Digest: [FindingKey: Date]] = [:]
    /// The CODEOWNERS owners the newest `artifact.registered` entry with them records per artifact.
    private var codeOwners: [Digest: RecordedCodeOwners] = [:]
    private(set) var denialCount = 0
    /// The latest refresh: callers take turns, as two interleaved refreshes (the actor is reentrant
    /// at each read) would apply the same entries twice and skip later ones.
    private var refreshing: Task<Void, any Error>?

    init(ledger: Ledger, store: any LedgerStore) {
        self.ledger = ledger
        self.store = store
    }

    /// Reads the entries appended since the last call; one refresh at a time (each waits for the
    /// one before it, then reads what is still new).
    func refresh() async throws {
        let previous = refreshing
        let task = Task {
            _ = try? await previous?.value
            try await self.readAppended()
        }
        refreshing = task
        try await task.value
    }

    private func readAppended() async throws {
        let head = try await ledger.size()
        while size < head {
            let end = min(head, size + 512)
            let batch = try await store.entries(in: size..<end)
            for (offset, data) in batch.enumerated() {
                let index = size + UInt64(offset)
                do {
                    var entry = try LedgerEntry(decoding: data)
                    if entry.payload == nil { entry = try await ledger.entry(at: index) }
                    apply(entry, index: index)
                } catch {
                    skipped += 1
                }
            }
            guard !batch.isEmpty else { break }
            size += UInt64(batch.count)
        }
    }

    private func apply(_ entry: LedgerEntry, index: UInt64) {
        guard let payload = entry.payload else {
            skipped += 1
            return
        }
        switch entry.kind {
        case .artifactRegistered:
            guard let registered = try? LedgerJSON.decode(ArtifactRegisteredEntry.self, from: payload) else { skipped += 1; return }
            note(registered.digest, name: registered.name, version: registered.version, time: entry.time, index: index)
            if let owners = registered.codeOwners { codeOwners[registered.digest] = owners }
        case .decisionMade:
            guard let decision = try? LedgerJSON.decode(DecisionDigest.self, from: payload) else { skipped += 1; return }
            record(decision, index: index, time: entry.time)
        case .findingsObserved:
            guard let observed = try? LedgerJSON.decode(FindingsObservedEntry.self, from: payload), let digest = observed.artifact else {
                skipped += 1
                return
            }
            let latest = Set(observed.findings.map { FindingKey(advisory: $0.advisory, purl: $0.purl) })
            // The open counts change by what this observation replaced: no pass over every artifact.
            for finding in findings[digest] ?? [] {
                openPerAdvisory[finding.advisory, default: 0] -= 1
                if openPerAdvisory[finding.advisory] == 0 { openPerAdvisory[finding.advisory] = nil }
            }
            for finding in latest { openPerAdvisory[finding.advisory, default: 0] += 1 }
            for gone in (findings[digest] ?? []).subtracting(latest) { fixed[digest, default: [:]][gone] = entry.time }
            for finding in latest where fixed[digest]?[finding] != nil { fixed[digest]?[finding] = nil }
            findings[digest] = latest
            findingHistory[Self.day(entry.time)] = openPerAdvisory
        case .attestationStored:
            // Other stored evidence shares the kind: only rebuild verdicts are indexed.
            if let verdict = RebuildVerdict(entry, payload: payload, index: index) { rebuilds[verdict.subject, default: []].append(verdict) }
        case .deploymentRecorded:
            guard let deployment = try? LedgerJSON.decode(DeploymentRecordedEntry.self, from: payload) else { skipped += 1; return }
            let slot = DeploymentSlot.describe(environment: deployment.environment, cluster: deployment.cluster,
                                               namespace: deployment.namespace, service: deployment.service)
            deployments[slot] = Deployment(environment: deployment.environment, digest: deployment.digest, running: deployment.running)
        default:
            return
        }
    }

    private func note(_ digest: Digest, name: String?, version: String?, time: Date, index: UInt64) {
        if var known = artifacts[digest] {
            known.name = known.name ?? name
            known.version = known.version ?? version
            artifacts[digest] = known
        } else {
            artifacts[digest] = Artifact(digest: digest, name: name, version: version, firstSeen: time, ledgerIndex: index)
            sortedIsCurrent = false
        }
    }

    private func record(_ decision: DecisionDigest, index: UInt64, time: Date) {
        let digest = decision.artifact.digest
        note(digest, name: decision.artifact.name, version: nil, time: time, index: index)
        let outcome = decision.decision
        decisionsByArtifact[digest, default: []].append(decisions.count)
        if outcome == Outcome.deny.rawValue { denialCount += 1 }
        decisions.append(DecisionSummary(digest: digest, name: decision.artifact.name, policy: decision.policy, outcome: outcome,
                                         time: time, ledgerIndex: index,
                                         reasons: decision.rules.filter { $0.result == FindingResult.fail.rawValue }.map(\.reason)))
        decisionsPerDay[Self.day(time), default: [:]][outcome, default: 0] += 1
        for rule in decision.rules {
            for applied in rule.exceptions ?? [] {
                let key = "\(decision.policy)/\(applied.id)"
                var covering = exceptions[key] ?? CoveringException(exception: applied, policy: decision.policy)
                covering.exception = applied
                if covered[key, default: []].insert(digest).inserted {
                    covering.artifactCount += 1
                    if covering.sample.count < CoveringException.sampleSize { covering.sample.append(digest) }
                }
                exceptions[key] = covering
            }
        }
    }

    // MARK: Reading

    var artifactCount: Int { artifacts.count }
    var decisionCount: Int { decisions.count }

    func artifact(_ digest: Digest) -> Artifact? { artifacts[digest] }

    /// A page of artifacts in digest order after `after`.
    func artifactPage(after: Digest?, limit: Int) -> [Artifact] {
        if !sortedIsCurrent {
            sortedDigests = artifacts.keys.sorted { $0.description < $1.description }
            sortedIsCurrent = true
        }
        var start = 0
        if let after {
            let key = after.description
            var low = 0, high = sortedDigests.count
            while low < high {
                let middle = (low + high) / 2
                if sortedDigests[middle].description <= key { low = middle + 1 } else { high = middle }
            }
            start = low
        }
        return sortedDigests[start..<min(sortedDigests.count, start + limit)].compactMap { artifacts[$0] }
    }

    /// The newest decisions that denied, newest first.
    func recentDenials(_ limit: Int) -> [DecisionSummary] {
        Array(decisions.reversed().lazy.filter { $0.outcome == Outcome.deny.rawValue }.prefix(limit))
    }

    /// The decisions of one artifact, newest first.
    func decisions(of digest: Digest, limit: Int) -> [DecisionSummary] {
        (decisionsByArtifact[digest] ?? []).reversed().prefix(limit).map { decisions[$0] }
    }

    /// The digests running somewhere now (each slot's latest deployment, when running), with their
    /// environments.
    func running() -> [Digest: Set<String>] {
        var out: [Digest: Set<String>] = [:]
        for deployment in deployments.values where deployment.running {
            if let digest = deployment.digest { out[digest, default: []].insert(deployment.environment) }
        }
        return out
    }

    /// Running deployments per environment.
    func deploymentsByEnvironment() -> [(environment: String, running: Int, artifacts: Int)] {
        var running: [String: Int] = [:]
        var digests: [String: Set<Digest>] = [:]
        for deployment in deployments.values where deployment.running {
            running[deployment.environment, default: 0] += 1
            if let digest = deployment.digest { digests[deployment.environment, default: []].insert(digest) }
        }
        return running.keys.sorted().map { ($0, running[$0] ?? 0, digests[$0]?.count ?? 0) }
    }

    /// The open findings (the latest observation of each artifact), per advisory.
    func openFindingsPerAdvisory() -> [String: Int] { openPerAdvisory }

    /// The rebuild verdicts recorded for `digest`, newest first.
    func rebuilds(of digest: Digest) -> [RebuildVerdict] { (rebuilds[digest] ?? []).reversed() }

    func findings(of digest: Digest) -> Set<FindingKey> { findings[digest] ?? [] }

    /// The findings of `digest` a later scan no longer found, with that scan's time.
    func fixedFindings(of digest: Digest) -> [FindingKey: Date] { fixed[digest] ?? [:] }

    /// The CODEOWNERS owners recorded for `digest` from a trusted source audit, if any.
    func codeOwners(of digest: Digest) -> RecordedCodeOwners? { codeOwners[digest] }

    /// Open findings per advisory at the end of each day that had an observation, oldest first.
    func findingHistoryByDay(last days: Int) -> [(day: String, perAdvisory: [String: Int])] {
        findingHistory.keys.sorted().suffix(days).map { ($0, findingHistory[$0] ?? [:]) }
    }

    /// Decisions per day and outcome, oldest first.
    func decisionHistoryByDay(last days: Int) -> [(day: String, outcomes: [String: Int])] {
        decisionsPerDay.keys.sorted().suffix(days).map { ($0, decisionsPerDay[$0] ?? [:]) }
    }

    /// Exceptions seen in decisions, by "POLICY/ID".
    func coveringExceptions() -> [String: CoveringException] { exceptions }

    static func day(_ time: Date) -> String {
        String(ISO8601DateFormatter.string(from: time, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate]))
    }
}
