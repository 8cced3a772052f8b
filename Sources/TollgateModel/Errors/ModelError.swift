/// The error type of `TollgateModel`: parsing and checking of digests, keys, signatures,
/// DSSE envelopes, in-toto statements, SLSA provenance and package URLs.
public typealias ModelError = ModuleError<ModelErrorKind>

/// The stable kinds of `ModelError`. The raw value is the documented code.
public enum ModelErrorKind: String, TollgateErrorKind {
    case invalidDigest = "model.invalid-digest"
    case unsupportedAlgorithm = "model.unsupported-algorithm"
    case invalidPEM = "model.invalid-pem"
    case invalidKey = "model.invalid-key"
    case weakKey = "model.weak-key"
    case wrongKeyType = "model.wrong-key-type"
    case invalidSignature = "model.invalid-signature"
    case invalidJSON = "model.invalid-json"
    case invalidEnvelope = "model.invalid-envelope"
    case invalidStatement = "model.invalid-statement"
    case invalidProvenance = "model.invalid-provenance"
    case invalidPurl = "model.invalid-purl"
    case tooLarge = "model.too-large"
    case encryptedKey = "model.encrypted-key"
    case invalidThreshold = "model.invalid-threshold"
    case io = "model.io"

    /// Every model error is about input that cannot be read or is not valid: exit 3.
    public var exitStatus: ExitStatus { .invalidInput }
}
