import Foundation

/// Writes `count` distinct message-signature bundles from one ``TestSigstoreInstance`` into a
/// directory (with an RFC 3161 timestamp each when `timestamped`), for batch benchmarks and
/// external verifiers:
///
/// ```
/// DIR/trusted_root.json      the instance's trusted root (`--trusted-root`)
/// DIR/trust_config.json      a ClientTrustConfig with it (sigstore-python `--trust-config`)
/// DIR/artifacts/N.txt        artifact N
/// DIR/artifacts/N.txt.sigstore.json  its bundle (own ephemeral key, leaf certificate, log entry and
///                            checkpoint), where sigstore-python looks for it given several files
/// DIR/batch.txt              `BUNDLE ARTIFACT` per line (absolute paths), for `verify-bundle --batch`
/// DIR/identity.txt           the SAN and the issuer, one per line
/// ```
public enum TestSigstoreCorpus {
    public static func write(count: Int, to directory: URL, identity: TestFulcioIdentity = .githubActions(repository: "acme/widget"),
                             instance: TestSigstoreInstance? = nil, timestamped: Bool = false) async throws {
        var instance = try instance ?? TestSigstoreInstance()
        instance.timestamped = timestamped
        let files = FileManager.default
        let artifacts = directory.appendingPathComponent("artifacts")
        try files.createDirectory(at: artifacts, withIntermediateDirectories: true)
        var batch = ""
        for index in 0..<count {
            let artifact = Array("artifact \(index) of the Tollgate test Sigstore corpus\n".utf8)
            let bundle = try await instance.signMessage(artifact, identity: identity)
            let artifactURL = artifacts.appendingPathComponent("\(index).txt")
            let bundleURL = artifacts.appendingPathComponent("\(index).txt.sigstore.json")
            try Data(artifact).write(to: artifactURL)
            try Data(bundle).write(to: bundleURL)
            batch += "\(bundleURL.path) \(artifactURL.path)\n"
        }
        try Data(batch.utf8).write(to: directory.appendingPathComponent("batch.txt"))
        try Data(instance.trustedRootJSON).write(to: directory.appendingPathComponent("trusted_root.json"))
        try Data(instance.clientTrustConfigJSON()).write(to: directory.appendingPathComponent("trust_config.json"))
        try Data("\(identity.subject)\n\(identity.issuer)\n".utf8).write(to: directory.appendingPathComponent("identity.txt"))
    }
}
