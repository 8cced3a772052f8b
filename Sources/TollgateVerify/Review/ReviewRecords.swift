import TollgateInventory
import TollgateModel
import TollgateStore

/// What the inventory has recorded about one digest, for the release review: every tag that ever
/// pointed at it (with each tag's whole history) and every deployment of it.
public struct ReviewRecords: Sendable, Hashable {
    public var tags: [TagHistory]
    public var deployments: [InventoryDeploymentRow]

    public init(tags: [TagHistory], deployments: [InventoryDeploymentRow]) {
        self.tags = tags
        self.deployments = deployments
    }

    public init(digest: Digest, inventory: any InventoryStore) async throws {
        tags = TagHistory.group(try await inventory.tagHistory(of: [digest]))
        deployments = try await inventory.deployments(of: [digest]).sorted { $0.lastSeen > $1.lastSeen }
    }
}
