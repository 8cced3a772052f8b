import Foundation
import Synchronization
import TollgateModel
import TollgatePolicy
import TollgateStore

/// Published policies, parsed once per document digest (a decision does not re-parse YAML).
final class PolicyLibrary: Sendable {
    private let parsed = Mutex<[Digest: Policy]>([:])

    /// The version `version` (default: the newest) of the policy `name`, parsed.
    func policy(_ name: String, version: Int?, state: LoadedState) async throws -> (Policy, PolicyVersion) {
        let versions = try await state.policies.versions(of: name)
        guard let chosen = version.map({ v in versions.first { $0.version == v } }) ?? versions.last else {
            throw ServerError(.notFound, version == nil ? "no policy named '\(name.prefix(100))'" : "policy '\(name.prefix(100))' has no version \(version!)")
        }
        if let policy = parsed.withLock({ $0[chosen.digest] }) { return (policy, chosen) }
        guard let document = try await state.stores.ledger.blob(digest: chosen.digest.description) else {
            throw StoreError(.corrupt, "the document of policy \(name) version \(chosen.version) (\(chosen.digest)) is missing from the blob store")
        }
        let policy = try Policy(yaml: [UInt8](document), file: "\(name)@\(chosen.version)")
        parsed.withLock { cache in
            if cache.count > 256 { cache.removeAll() }
            cache[chosen.digest] = policy
        }
        return (policy, chosen)
    }
}
