import TollgateModel

/// The error type of `TollgateInventory`.
public struct InventoryError: TollgateError, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case unreadable = "inventory.unreadable"
        case invalid = "inventory.invalid"
        case unwritable = "inventory.unwritable"
        case tooLarge = "inventory.too-large"
    }

    public let kind: Kind
    public let reason: String

    public init(_ kind: Kind, _ reason: String) {
        self.kind = kind
        self.reason = reason
    }

    public var code: String { kind.rawValue }

    public var exitStatus: ExitStatus {
        switch kind {
        case .invalid, .tooLarge: .invalidInput
        case .unreadable, .unwritable: .environment
        }
    }
}
