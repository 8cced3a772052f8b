import Foundation
import TollgateInventory
import TollgateModel
import TollgatePolicy

/// `tollgate review ARTIFACT`: the release-review questions, answered yes, no or unknown from the
/// verified evidence, the inventory (tags, deployments) and the policy — each with its evidence.
public struct ReleaseReview: Sendable, Hashable, Codable {
    public static let schemaVersion = "tollgate.dev/review/v1"

    public var schemaVersion = ReleaseReview.schemaVersion
    public var artifact: ArtifactSubject
    public var items: [ReviewItem]

    /// Triggers whose workflows run with the repository's secrets on code from a pull request
    /// (`pull_request_target`, `workflow_run`) or on pull-request code at all (`pull_request`,
    /// GitLab `merge_request_event`).
    static let untrustedTriggers: Set<String> = ["pull_request_target", "pull_request", "workflow_run", "merge_request_event", "external_pull_request_event"]
    /// Triggers started only by people with write access to the repository.
    static let trustedTriggers: Set<String> = ["push", "release", "workflow_dispatch", "schedule", "web", "api", "trigger", "create"]
    /// OIDC issuers of CI platforms: a keyless signature from one means short-lived, per-run credentials.
    static let ciIssuers: Set<String> = ["https://token.actions.githubusercontent.com", "https://gitlab.com"]

    /// `records` is nil when there is no inventory (no data directory).
    public init(evidence: Evidence, records: ReviewRecords?, policy: Policy?) {
        artifact = evidence.artifact
        items = [
            Self.traced(evidence),
            Self.withSourceAudit(Self.credentials(evidence), evidence),
            Self.withSourceAudit(Self.untrustedCode(evidence), evidence),
            Self.withSourceAudit(Self.tagOverwrite(evidence, records, policy), evidence),
            Self.unsignedRejected(policy),
            Self.deployments(evidence, records),
        ]
    }

    /// Independent rebuilds trace the artifact to its source too: each trusted rebuild, matching or not.
    static func rebuildLines(_ evidence: Evidence) -> [String] {
        evidence.rebuilds.map { rebuild in
            let from = rebuild.sourceCommit.map { " from commit \($0)" } ?? ""
            return "rebuild by \(rebuild.rebuilder)\(from): \(rebuild.match ? "same bytes" : rebuild.summary) (\(rebuild.source))"
        }
    }

    static func traced(_ evidence: Evidence) -> ReviewItem {
        let question = "Is the artifact traced to an exact source commit and workflow?"
        guard let build = evidence.build else {
            return ReviewItem(id: "traced", question: question, answer: .no, good: false,
                              evidence: ["no trusted provenance or certificate build facts trace it"] + rebuildLines(evidence)
                                  + evidence.problems.map(\.description))
        }
        var lines = [build.describe(.sourceRepository, as: "repository"), build.describe(.sourceCommit, as: "commit"),
                     build.describe(.workflow, as: "workflow")]
        if !build.contradictions.isEmpty { lines += build.contradictions }
        lines += rebuildLines(evidence)
        let commitOK = build.sourceCommit.map { ($0.count == 40 || $0.count == 64) && Hex.decode($0) != nil } ?? false
        let yes = commitOK && build.sourceRepository != nil && build.workflowPath != nil && build.contradictions.isEmpty
        return ReviewItem(id: "traced", question: question, answer: yes ? .yes : .no, good: yes, evidence: lines)
    }

    static func credentials(_ evidence: Evidence) -> ReviewItem {
        let question = "Did the build use short-lived OIDC credentials rather than long-lived secrets?"
        var signers: [Signer] = []
        for signer in evidence.signatures.map(\.signer) + (evidence.provenance.map { [$0.signedBy] } ?? [])
        where !signers.contains(signer) {
            signers.append(signer)
        }
        var lines: [String] = []
        var keyless = false
        var longLived = false
        for signer in signers {
            switch signer {
            case .identity(let issuer, let subject):
                lines.append("keyless signature by \(subject) (issuer \(issuer))")
                if ciIssuers.contains(issuer) { keyless = true }
            case .key(let id):
                lines.append("signed with long-lived key \(id)")
                longLived = true
            }
        }
        if let build = evidence.build, build.runnerEnvironment != nil { lines.append(build.describe(.runnerEnvironment, as: "runner environment")) }
        if keyless && !longLived {
            return ReviewItem(id: "credentials", question: question, answer: .yes, good: true,
                              evidence: lines + ["signing identity came from the CI platform's OIDC token, valid for one run"])
        }
        if longLived {
            return ReviewItem(id: "credentials", question: question, answer: .no, good: false,
                              evidence: lines + ["a long-lived private key signed; whoever holds it can sign outside CI"])
        }
        return ReviewItem(id: "credentials", question: question, answer: .unknown, good: nil,
                          evidence: lines.isEmpty ? ["no verified signature or signed provenance"] : lines)
    }

    static func untrustedCode(_ evidence: Evidence) -> ReviewItem {
        let question = "Could untrusted pull-request code influence the build?"
        guard let facts = evidence.build else {
            return ReviewItem(id: "untrusted-code", question: question, answer: .unknown, good: nil,
                              evidence: ["no trusted provenance"])
        }
        guard let event = facts.triggerEvent else {
            return ReviewItem(id: "untrusted-code", question: question, answer: .unknown, good: nil,
                              evidence: ["the provenance names no trigger event"])
        }
        var lines = [facts.describe(.trigger, as: "trigger event")]
        if facts.runnerEnvironment == "self-hosted" { lines.append("self-hosted runner: state can persist between jobs") }
        if untrustedTriggers.contains(event) {
            return ReviewItem(id: "untrusted-code", question: question, answer: .yes, good: false,
                              evidence: lines + ["\(event) runs on code or events from pull requests"])
        }
        if trustedTriggers.contains(event) {
            let unpinned = evidence.provenance?.facts.unpinnedDependencies.count ?? 0
            if unpinned > 0 { lines.append("\(unpinned) dependencies not pinned by digest") }
            return ReviewItem(id: "untrusted-code", question: question, answer: unpinned > 0 ? .unknown : .no,
                              good: unpinned > 0 ? nil : true, evidence: lines)
        }
        return ReviewItem(id: "untrusted-code", question: question, answer: .unknown, good: nil,
                          evidence: lines + ["unrecognised trigger"])
    }

    static func tagOverwrite(_ evidence: Evidence, _ records: ReviewRecords?, _ policy: Policy?) -> ReviewItem {
        let question = "Can its tag be overwritten?"
        let pinned: ReviewItem? = policy.flatMap { policy in
            guard policy.deploy.byDigest == true, policy.deploy.action == .deny else { return nil }
            return ReviewItem(id: "tag-overwrite", question: question, answer: .no, good: true,
                              evidence: ["policy \(policy.name): deploy.byDigest denies tag references, so a moved tag changes nothing deployed"])
        }
        guard let records else {
            return pinned ?? ReviewItem(id: "tag-overwrite", question: question, answer: .unknown, good: nil, evidence: ["no inventory"])
        }
        let histories = records.tags
        guard !histories.isEmpty else {
            return pinned ?? ReviewItem(id: "tag-overwrite", question: question, answer: .unknown, good: nil,
                                        evidence: ["no tag observations for \(evidence.artifact.digest) in the ledger"])
        }
        var lines: [String] = []
        var moved = false
        for history in histories {
            let digests = history.observations.map { "\($0.digest.hex.prefix(12))@\(InstantText.format($0.time))" }
            lines.append("\(history.repository):\(history.tag) observed \(history.observations.count)× → \(digests.joined(separator: ", "))")
            if history.moved { moved = true }
        }
        if moved {
            return ReviewItem(id: "tag-overwrite", question: question, answer: .yes, good: false,
                              evidence: lines + ["the tag has pointed at more than one digest: it was overwritten"])
        }
        if let pinned { return ReviewItem(id: pinned.id, question: question, answer: .no, good: true, evidence: lines + pinned.evidence) }
        return ReviewItem(id: "tag-overwrite", question: question, answer: .unknown, good: nil,
                          evidence: lines + ["never seen moving, but the registry's immutability is not recorded"])
    }

    static func unsignedRejected(_ policy: Policy?) -> ReviewItem {
        let question = "Would production reject it unsigned?"
        guard let policy else {
            return ReviewItem(id: "unsigned-rejected", question: question, answer: .unknown, good: nil, evidence: ["no policy given"])
        }
        if let signature = policy.artifact.signature, signature.required, signature.action == .deny {
            let whom = signature.signers.names
            return ReviewItem(id: "unsigned-rejected", question: question, answer: .yes, good: true,
                              evidence: ["policy \(policy.name): artifact.signature required from \(whom.joined(separator: ", "))"])
        }
        return ReviewItem(id: "unsigned-rejected", question: question, answer: .no, good: false,
                          evidence: ["policy \(policy.name) does not require a signature (or only warns)"])
    }

    static func deployments(_ evidence: Evidence, _ records: ReviewRecords?) -> ReviewItem {
        let question = "Can every deployment of this digest be listed?"
        guard let records else {
            return ReviewItem(id: "deployments", question: question, answer: .no, good: false,
                              evidence: ["no inventory: no deployment of this digest is recorded anywhere"])
        }
        let deployments = records.deployments
        guard !deployments.isEmpty else {
            return ReviewItem(id: "deployments", question: question, answer: .no, good: false,
                              evidence: ["the inventory records no deployment of \(evidence.artifact.digest); deployments outside Tollgate cannot be listed"])
        }
        let lines = deployments.map {
            DeploymentSlot.describe(environment: $0.environment, cluster: $0.cluster, namespace: $0.namespace, service: $0.service)
                + " \(InstantText.format($0.firstSeen)) … \(InstantText.format($0.lastSeen))\($0.running ? " (running)" : "")"
        }
        return ReviewItem(id: "deployments", question: question, answer: .yes, good: true,
                          evidence: lines)
    }
}
