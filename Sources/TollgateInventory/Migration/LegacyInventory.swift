import Foundation
import TollgateModel

/// The old JSON inventory file (`DIR/inventory.json`, `tollgate.dev/inventory/v1`), read only by
/// `tollgate inventory migrate`. Nothing writes it any more.
public struct LegacyInventory: Sendable, Decodable {
    public static let schemaVersion = "tollgate.dev/inventory/v1"
    /// The largest file read.
    public static let maxBytes = 512 << 20

    public struct Artifact: Sendable, Decodable {
        public var digest: Digest
        public var name: String?
        public var version: String?
        public var purl: String?
        public var firstSeen: Date
        public var provenance: ProvenanceFacts?
        public var components: [String]
    }

    public struct Deployment: Sendable, Decodable {
        public var digest: Digest
        public var environment: String
        public var cluster: String?
        public var namespace: String?
        public var service: String?
        public var reference: String?
        public var time: Date
    }

    public struct Tag: Sendable, Decodable {
        public var repository: String
        public var tag: String
        public var digest: Digest
        public var time: Date
    }

    public struct Finding: Sendable, Decodable {
        public var advisory: String
        public var purl: String
        public var firstSeen: Date
    }

    public var artifacts: [Artifact]
    public var deployments: [Deployment]
    public var tags: [Tag]
    public var findings: [Finding]
    public var exceptionEvents: [String]

    private enum CodingKeys: String, CodingKey {
        case schemaVersion, artifacts, deployments, tags, findings, exceptionEvents
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let version = try container.decode(String.self, forKey: .schemaVersion)
        guard version == Self.schemaVersion else {
            throw InventoryError(.invalid, "inventory schemaVersion is '\(version.prefix(80))', expected \(Self.schemaVersion)")
        }
        artifacts = try container.decode([Artifact].self, forKey: .artifacts)
        deployments = try container.decode([Deployment].self, forKey: .deployments)
        tags = try container.decode([Tag].self, forKey: .tags)
        findings = try container.decode([Finding].self, forKey: .findings)
        exceptionEvents = try container.decodeIfPresent([String].self, forKey: .exceptionEvents) ?? []
    }

    /// Reads and decodes the file at `path`.
    public static func load(path: String) throws(InventoryError) -> LegacyInventory {
        let data: Data
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            if let size = attributes[.size] as? Int, size > maxBytes {
                throw InventoryError(.tooLarge, "'\(path)' is \(size) bytes, over the \(maxBytes)-byte limit")
            }
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let error as InventoryError {
            throw error
        } catch {
            throw InventoryError(.unreadable, "cannot read '\(path)': \(ErrorText.describe(error))")
        }
        do {
            try JSONDepth.check(data, maxDepth: JSONValue.maxDepth)
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            return try decoder.decode(LegacyInventory.self, from: data)
        } catch let error as InventoryError {
            throw error
        } catch {
            throw InventoryError(.invalid, "'\(path)' is not a valid \(schemaVersion) document: \(ErrorText.describe(error))")
        }
    }
}
