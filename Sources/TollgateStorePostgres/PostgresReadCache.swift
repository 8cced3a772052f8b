import Foundation
import TollgateModel
import TollgateStore

/// What `InventoryStorePostgres` readers keep between queries: artifact digests by id (ids never
/// change within a generation) and every deployment row with a digest for one (generation,
/// deployment_version). A popular component's answer is tens of thousands of artifacts and a third
/// of the deployments; fetching and decoding them on every query was most of its cost.
final class PostgresReadCache: @unchecked Sendable {
    struct Entry: Sendable {
        var digest: Digest
        /// `InventoryStoreSupport.sortKey(digest)`.
        var hi: UInt64
        var lo: UInt64
    }

    struct Deployments: Sendable {
        var generation: Int64
        var version: Int64
        var rows: [InventoryDeploymentRow]
    }

    static let digestLimit = 4_000_000

    private let lock = NSLock()
    private var digestGeneration: Int64 = -1
    private var digestsByID: [Int32: Entry] = [:]
    private var deploymentRows: Deployments? = nil

    func clear() {
        lock.withLock {
            digestGeneration = -1
            digestsByID = [:]
            deploymentRows = nil
        }
    }

    func digests(generation: Int64) -> [Int32: Entry] {
        lock.withLock { digestGeneration == generation ? digestsByID : [:] }
    }

    func remember(_ fresh: [Int32: Entry], generation: Int64) {
        lock.withLock {
            if digestGeneration != generation {
                digestGeneration = generation
                digestsByID = [:]
            }
            guard digestsByID.count + fresh.count <= Self.digestLimit else { return }
            digestsByID.merge(fresh) { old, _ in old }
        }
    }

    func deployments() -> Deployments? {
        lock.withLock { deploymentRows }
    }

    func remember(deployments rows: [InventoryDeploymentRow], generation: Int64, version: Int64) {
        lock.withLock { deploymentRows = Deployments(generation: generation, version: version, rows: rows) }
    }
}
