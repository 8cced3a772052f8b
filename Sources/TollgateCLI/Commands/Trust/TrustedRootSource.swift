import Foundation
import TollgateTUF

/// Where `verify-bundle` (and later the npm gate) find the trust roots `tollgate trust update` keeps
/// current: `DATA/trust/`, with DATA `--data`, `$TOLLGATE_DATA` or `./tollgate-data`.
public enum TrustedRootSource {
    static func trustDirectory(data: String?) -> TUFTrustDirectory {
        let base = data ?? ProcessInfo.processInfo.environment["TOLLGATE_DATA"] ?? "./tollgate-data"
        return TUFTrustDirectory(directory: URL(fileURLWithPath: base).appendingPathComponent("trust"))
    }

    /// The refreshed Sigstore `trusted_root.json`, verified offline now, or nil when no trust
    /// directory exists (the shipped root is then used). Throws when one exists but its metadata is
    /// expired or invalid: the message says to run `tollgate trust update`.
    public static func refreshed(data: String?) async throws -> [UInt8]? {
        let trust = trustDirectory(data: data)
        guard trust.exists else { return nil }
        return try await trust.verifiedTarget(TUFTrackedTarget.sigstoreTrustedRoot.path)
    }

    /// The npm registry's signing keys (`registry.npmjs.org/keys.json`) from the trust directory,
    /// verified offline now, or nil when no trust directory exists. For the npm install gate.
    public static func npmRegistryKeys(data: String?) async throws -> [UInt8]? {
        let trust = trustDirectory(data: data)
        guard trust.exists else { return nil }
        return try await trust.verifiedTarget(TUFTrackedTarget.npmRegistryKeys.path)
    }
}
