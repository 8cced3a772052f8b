/// The result of verifying a signed note against a set of trusted verifier keys.
public enum NoteVerdict: Sendable, Equatable, CustomStringConvertible {
    /// At least one signature by a listed key verified, and no signature claiming a listed key failed.
    case valid(verifiedBy: [VerifiedNoteSignature])
    /// The note is not valid for these keys; the reason says why.
    case invalid(String)

    public var isValid: Bool {
        if case .valid = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .valid(let signers): "valid (signed by \(signers.map(\.name).joined(separator: ", ")))"
        case .invalid(let reason): "invalid: \(reason)"
        }
    }
}

/// A signature line that verified.
public struct VerifiedNoteSignature: Sendable, Equatable {
    public let name: String
    public let keyID: [UInt8]
    /// The cosignature time for tlog-cosignature signatures.
    public let cosignatureTimestamp: UInt64?

    public init(name: String, keyID: [UInt8], cosignatureTimestamp: UInt64?) {
        self.name = name
        self.keyID = keyID
        self.cosignatureTimestamp = cosignatureTimestamp
    }
}
