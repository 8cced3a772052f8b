import Foundation
import Hummingbird
import TollgateModel
import TollgateStore

/// One artifact: its decisions, signatures and signers, provenance facts with who vouches for each,
/// the rebuild verdicts recorded for it (who rebuilt, same bytes or what differed),
/// SBOM components with their open findings (100 a page, `?page=N`), deployments, and (auditor)
/// the ledger inclusion proof of its newest decision with the checkpoint it is proven against.
///
/// Readers see every artifact; signed out, only a disclosed one, without its findings, deployments
/// or who registered it (the same 401 for an undisclosed artifact as for a missing one).
enum ArtifactPage {
    static let componentsPerPage = 100

    @Sendable static func render(_ call: DashboardCall) async throws -> Response {
        let state = try call.state
        guard let text = call.context.parameters.get("digest") else { throw ServerError(.badRequest, "the path has no digest") }
        let digest = try APICall.digest(text.removingPercentEncoding ?? text, what: "digest")
        let index = try await call.index(state)
        let registration = try await state.evidence.artifact(digest)
        let reader = call.may(.reader)
        if !reader {
            guard let registration, registration.isPublic else {
                throw ServerError(.unauthenticated, "sign in to see this artifact: it is not disclosed to the public, or does not exist")
            }
        }
        let indexed = await index.artifact(digest)
        let inventory = state.stores.inventory
        let row = try await inventory.artifacts([digest]).first
        guard indexed != nil || registration != nil || row != nil else {
            if let behind = call.indexLag.behind {
                throw ServerError(.unavailable, "no artifact \(digest) in the \(behind.read) of \(behind.of) ledger entries the index has read so far; "
                                  + "retry once it has caught up")
            }
            throw ServerError(.notFound, "no artifact \(digest)")
        }
        let name = registration?.name ?? row?.name ?? indexed?.name
        let version = registration?.version ?? row?.version ?? indexed?.version
        var context = await call.page([name ?? "(unnamed)", version].compactMap { $0 }.joined(separator: " "), current: "/dashboard/artifacts")
        context["digest"] = digest.description
        if let purl = registration?.purl ?? row?.purl { context["purl"] = purl }
        let firstSeen = [registration?.registered, row?.firstSeen, indexed?.firstSeen].compactMap { $0 }.min()
        context["firstSeen"] = firstSeen.map(DashboardCall.time) ?? "unknown"
        if reader, let by = registration?.registeredBy { context["registeredBy"] = by }

        let decisions = await index.decisions(of: digest, limit: 20)
        context["decisions"] = decisions.map {
            ["time": DashboardCall.time($0.time), "policy": $0.policy, "outcome": $0.outcome, "reasons": $0.reasons,
             "ledgerIndex": $0.ledgerIndex] as [String: Any]
        }
        context["signatures"] = try await inventory.signatures(of: [digest]).map {
            ["signer": $0.signer, "issuer": $0.issuer ?? "", "trusted": $0.trusted, "evidence": $0.evidence] as [String: Any]
        }
        var facts: [[String: Any]] = []
        for record in try await inventory.provenance(of: [digest]) {
            for field in InventoryProvenanceField.allCases {
                guard let value = record.value(of: field) else { continue }
                facts.append(["field": field.rawValue, "value": value, "source": record.source.rawValue, "vouchedBy": record.vouchedBy])
            }
        }
        context["provenance"] = facts
        context["rebuilds"] = await index.rebuilds(of: digest).map {
            ["time": DashboardCall.time($0.time), "rebuilder": $0.rebuilder, "match": $0.match, "rebuilt": $0.rebuilt,
             "comparison": $0.comparison, "recordedBy": reader ? $0.recordedBy : "", "ledgerIndex": $0.ledgerIndex] as [String: Any]
        }

        let components = try await inventory.components(of: digest).sorted { ($0.name, $0.purl) < ($1.name, $1.purl) }
        context["componentCount"] = components.count
        let page = Int(call.query("page") ?? "1") ?? 1
        guard page >= 1 else { throw ServerError(.badRequest, "page: expected a whole number from 1") }
        let slice = components.dropFirst((page - 1) * componentsPerPage).prefix(componentsPerPage)
        var findingsByPurl: [String: [String]] = [:]
        var severity: [String: Severity] = [:]
        if reader {
            let findings = await index.findings(of: digest)
            for finding in findings { findingsByPurl[finding.purl, default: []].append(finding.advisory) }
            severity = try await SeverityLookup.severities(Set(findings.map(\.advisory)), state: state)
        }
        context["components"] = slice.map { component in
            ["name": component.name, "version": component.version ?? "", "purl": component.purl,
             "findings": (findingsByPurl[component.purl] ?? []).sorted().map { ["advisory": $0, "severity": (severity[$0] ?? .unknown).rawValue] }]
            as [String: Any]
        }
        var pager: [String: Any] = [:]
        if page > 1 { pager["previous"] = DashboardCall.href(digest) }
        if page * componentsPerPage < components.count { pager["next"] = "\(DashboardCall.href(digest))?page=\(page + 1)" }
        if !pager.isEmpty { context["pager"] = pager }

        if reader {
            context["deployments"] = try await inventory.deployments(of: [digest]).map {
                ["environment": $0.environment, "cluster": $0.cluster ?? "", "namespace": $0.namespace ?? "", "service": $0.service ?? "",
                 "running": $0.running, "lastSeen": DashboardCall.time($0.lastSeen)] as [String: Any]
            }
        }
        let proven = decisions.first?.ledgerIndex ?? registration?.ledgerIndex ?? indexed?.ledgerIndex
        if call.may(.auditor), let proven {
            let receipt = try await state.ledger.receipt(at: proven)
            let entry = try await state.ledger.entry(at: proven)
            context["inclusion"] = [
                "index": proven, "kind": entry.kind.rawValue, "origin": receipt.origin, "leafHash": Hex.encode(receipt.leafHash),
                "proofLength": receipt.inclusionProof.count, "proof": receipt.inclusionProof.map { Hex.encode($0) },
                "checkpoint": receipt.checkpoint, "receipt": String(decoding: try receipt.json(), as: UTF8.self), "verifierKey": state.verifierKey,
            ] as [String: Any]
        } else {
            context["inclusionNote"] = proven == nil ? "No ledger entry names this artifact."
                : "The inclusion proof is shown to auditors (as GET /v1/ledger/proofs/inclusion)."
        }
        return call.dashboard.renderer.html("artifact", context)
    }
}
