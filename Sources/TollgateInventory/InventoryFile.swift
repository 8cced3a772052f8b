import Foundation
import TollgateModel

/// Loads and saves an `Inventory` as one JSON file (the CLI's embedded store), atomically.
public struct InventoryFile: Sendable {
    /// The largest inventory file read.
    public static let maxBytes = 512 << 20

    public let path: String

    public init(path: String) { self.path = path }

    /// Loads the inventory; a missing file is an empty inventory.
    public func load() throws(InventoryError) -> Inventory {
        guard FileManager.default.fileExists(atPath: path) else { return Inventory() }
        let data: Data
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            if let size = attributes[.size] as? Int, size > Self.maxBytes {
                throw InventoryError(.tooLarge, "'\(path)' is \(size) bytes, over the \(Self.maxBytes)-byte limit")
            }
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let error as InventoryError {
            throw error
        } catch {
            throw InventoryError(.unreadable, "cannot read inventory '\(path)': \(ErrorText.describe(error))")
        }
        do {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            return try decoder.decode(Inventory.self, from: data)
        } catch let error as InventoryError {
            throw error
        } catch {
            throw InventoryError(.invalid, "inventory '\(path)' is not a valid \(Inventory.schemaVersion) document")
        }
    }

    /// Writes the inventory atomically (write to a temporary file, then rename).
    public func save(_ inventory: Inventory) throws(InventoryError) {
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            let data = try encoder.encode(inventory)
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw InventoryError(.unwritable, "cannot write inventory '\(path)': \(ErrorText.describe(error))")
        }
    }
}
