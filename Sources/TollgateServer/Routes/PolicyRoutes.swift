import Foundation
import Hummingbird
import TollgateLedger
import TollgateModel
import TollgatePolicy
import TollgateStore

/// Policies: versioned YAML documents published by an admin (`policy.published`); every decision
/// names the digest of the version it evaluated.
enum PolicyRoutes {
    struct PolicyList: Encodable {
        let policies: [PolicyVersionView]
    }

    struct PolicyHistory: Encodable {
        let name: String
        let versions: [PolicyVersionView]
    }

    static let yamlTypes = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain"]

    static var routes: [APIRoute] {
        [
            APIRoute(.put, "/v1/policies/{name}", .role(.admin), "publishPolicy", publish),
            APIRoute(.get, "/v1/policies", .role(.reader), "listPolicies", list),
            APIRoute(.get, "/v1/policies/{name}", .role(.reader), "getPolicy", history),
            APIRoute(.get, "/v1/policies/{name}/versions/{version}", .role(.reader), "getPolicyVersion", version),
        ]
    }

    @Sendable static func publish(_ call: APICall) async throws -> Response {
        let name = try call.parameter("name")
        try call.requireMediaType(yamlTypes)
        let bytes = try await call.body()
        guard bytes.count <= PolicyParser.maxBytes else {
            throw ServerError(.tooLarge, "a policy is at most \(PolicyParser.maxBytes) bytes")
        }
        let policy: Policy
        do {
            policy = try Policy(yaml: bytes, file: name)
        } catch {
            throw ServerError(.unprocessable, "the policy does not parse: \(error.reason)")
        }
        guard policy.name == name else {
            throw ServerError(.unprocessable, "the document's metadata.name is '\(policy.name.prefix(100))', not '\(name.prefix(100))'")
        }
        let digest = DigestAlgorithm.sha256.hash(bytes)
        let state = try call.state
        if let latest = try await state.policies.versions(of: name).last, latest.digest == digest {
            return try APIResponse.json(PolicyVersionView(latest))
        }
        try await state.stores.ledger.putBlob(digest: digest.description, data: Data(bytes))
        let receipt = try await state.ledger.append(kind: .policyPublished, actor: call.actor,
                                                    payload: try LedgerJSON.encode(PolicyPublishedEvent(name: name, digest: digest.description, size: bytes.count)))
        let (stored, created) = try await state.policies.publish(PolicyVersion(
            name: name, version: 0, digest: digest, published: receipt.time, publishedBy: call.actor, ledgerIndex: receipt.index))
        return try APIResponse.json(PolicyVersionView(stored), status: created ? .created : .ok)
    }

    @Sendable static func list(_ call: APICall) async throws -> Response {
        try APIResponse.json(PolicyList(policies: try await call.state.policies.latest().map(PolicyVersionView.init)))
    }

    @Sendable static func history(_ call: APICall) async throws -> Response {
        let name = try call.parameter("name")
        let versions = try await call.state.policies.versions(of: name)
        guard !versions.isEmpty else { throw ServerError(.notFound, "no policy named '\(name.prefix(100))'") }
        return try APIResponse.json(PolicyHistory(name: name, versions: versions.map(PolicyVersionView.init)))
    }

    @Sendable static func version(_ call: APICall) async throws -> Response {
        let name = try call.parameter("name")
        guard let number = Int(try call.parameter("version")), number >= 1 else {
            throw ServerError(.badRequest, "version: expected a whole number from 1")
        }
        let state = try call.state
        guard let version = try await state.policies.versions(of: name).first(where: { $0.version == number }),
              let document = try await state.stores.ledger.blob(digest: version.digest.description) else {
            throw ServerError(.notFound, "policy '\(name.prefix(100))' has no version \(number)")
        }
        return APIResponse.bytes(Array(document), contentType: "application/yaml", cacheControl: "private, max-age=31536000, immutable")
    }
}
