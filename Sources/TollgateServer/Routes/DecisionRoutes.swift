import Foundation
import Hummingbird
import TollgateInventory
import TollgateLedger
import TollgateModel
import TollgatePolicy
import TollgateStore
import TollgateVerify

/// Decisions: `POST /v1/decisions` evaluates a published policy for a registered artifact with the
/// evidence attached to it, through the same `EvidenceCollector` and `Gate` as `tollgate verify`,
/// records the `tollgate.dev/decision/v2` report in the ledger (the principal is its actor), and
/// returns it with its inclusion receipt, exactly as `tollgate verify --record --format json`.
enum DecisionRoutes {
    struct DecisionList: Encodable {
        let subject: String
        let decisions: [DecisionView]
    }

    static var routes: [APIRoute] {
        [
            APIRoute(.post, "/v1/decisions", .role(.publisher), "decide", decide),
            APIRoute(.get, "/v1/artifacts/{digest}/decisions", .disclosed(.reader), "listDecisions", list),
            APIRoute(.get, "/v1/artifacts/{digest}/decisions/{policy}", .disclosed(.reader), "getDecision", latest),
        ]
    }

    @Sendable static func decide(_ call: APICall) async throws -> Response {
        let body = try await call.jsonObject()
        try body.only(["digest", "policy", "version", "reference"])
        let digest = try APICall.digest(try body.requiredString("digest"), what: "digest")
        let name = try body.requiredString("policy", maxLength: 253)
        var version: Int?
        if let value = body["version"], !value.isNull {
            guard let number = value.intValue, number >= 1, number <= Int64(Int32.max) else {
                throw ServerError(.badRequest, "version must be a whole number from 1")
            }
            version = Int(number)
        }
        let reference = try body.string("reference")
        let (decision, receipt) = try await ServerDecision.decide(digest, policy: name, version: version, reference: reference, actor: call.actor,
                                                                  state: try call.state, server: call.server, logger: call.context.logger)
        var report = try JSONValue.parse(try JSONOutput.encode(decision))
        if case .object(var object) = report {
            object["ledger"] = try JSONValue.parse(receipt.json())
            report = .object(object)
        }
        return APIResponse.bytes(report.encodedBytes(pretty: true) + [UInt8(ascii: "\n")], contentType: "application/json", status: .created)
    }

    @Sendable static func list(_ call: APICall) async throws -> Response {
        let artifact = try await ArtifactRoutes.visibleArtifact(call)
        return try APIResponse.json(DecisionList(subject: artifact.digest.description,
                                                 decisions: try await DecisionView.latest(of: artifact.digest, state: try call.state).map(\.0)))
    }

    /// The whole report of the latest decision of `{policy}`.
    @Sendable static func latest(_ call: APICall) async throws -> Response {
        let artifact = try await ArtifactRoutes.visibleArtifact(call)
        let name = try call.parameter("policy")
        guard let (_, entry) = try await DecisionView.latest(of: artifact.digest, state: try call.state).first(where: { $0.0.policy == name }),
              let document = entry.payload else {
            throw ServerError(.notFound, "no decision of policy '\(name.prefix(100))' for \(artifact.digest)")
        }
        return APIResponse.bytes(Array(document), contentType: "application/json")
    }
}
