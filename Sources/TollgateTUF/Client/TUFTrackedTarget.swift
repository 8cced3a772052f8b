/// A target a trust directory keeps a verified copy of, and who reads it.
public struct TUFTrackedTarget: Sendable, Hashable, Codable {
    /// The TUF target path.
    public let path: String
    /// What it is for, for reports.
    public let purpose: String

    public init(path: String, purpose: String) {
        self.path = path
        self.purpose = purpose
    }

    /// Sigstore's `trusted_root.json` (Fulcio, Rekor, CT logs, TSAs) for `verify-bundle`.
    public static let sigstoreTrustedRoot = TUFTrackedTarget(path: "trusted_root.json", purpose: "Sigstore trusted root")
    /// The npm registry's signing keys, for the npm install gate.
    public static let npmRegistryKeys = TUFTrackedTarget(path: "registry.npmjs.org/keys.json", purpose: "npm registry signing keys")

    public static let defaults: [TUFTrackedTarget] = [.sigstoreTrustedRoot, .npmRegistryKeys]
}
