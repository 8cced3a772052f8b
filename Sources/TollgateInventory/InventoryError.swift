import TollgateModel

/// The error type of `TollgateInventory`.
public typealias InventoryError = ModuleError<InventoryErrorKind>

/// The stable kinds of `InventoryError`. The raw value is the documented code.
public enum InventoryErrorKind: String, TollgateErrorKind {
    case unreadable = "inventory.unreadable"
    case invalid = "inventory.invalid"
    case unwritable = "inventory.unwritable"
    case tooLarge = "inventory.too-large"

    public var exitStatus: ExitStatus {
        switch self {
        case .invalid, .tooLarge: .invalidInput
        case .unreadable, .unwritable: .environment
        }
    }
}
