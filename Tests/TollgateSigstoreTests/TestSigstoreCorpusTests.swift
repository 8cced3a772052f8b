import Foundation
import Testing
import TollgateSigstore
import TollgateSigstoreTesting

/// The corpus writer behind the batch benchmark (docs/benchmarks.md): every bundle it writes
/// verifies against the trusted root it writes, with the identity it writes. With
/// `TOLLGATE_SIGSTORE_CORPUS_DIR` set, it writes `TOLLGATE_SIGSTORE_CORPUS_COUNT` bundles (default
/// 1,000) there and checks them all (with `TOLLGATE_SIGSTORE_CORPUS_TIMESTAMPED=1`, each with an
/// RFC 3161 timestamp); otherwise 5 into a temporary directory.
@Suite("test Sigstore corpus")
struct TestSigstoreCorpusTests {
    @Test("every bundle of a written corpus verifies, and no two share a certificate")
    func corpus() async throws {
        let environment = ProcessInfo.processInfo.environment
        let directory = environment["TOLLGATE_SIGSTORE_CORPUS_DIR"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("sigstore-corpus-\(UUID().uuidString)")
        let count = environment["TOLLGATE_SIGSTORE_CORPUS_DIR"] == nil ? 5 : Int(environment["TOLLGATE_SIGSTORE_CORPUS_COUNT"] ?? "") ?? 1000
        let timestamped = environment["TOLLGATE_SIGSTORE_CORPUS_TIMESTAMPED"] == "1"
        try await TestSigstoreCorpus.write(count: count, to: directory, timestamped: timestamped)
        let root = try TrustedRoot(contentsOf: directory.appendingPathComponent("trusted_root.json"))
        let identity = try String(contentsOf: directory.appendingPathComponent("identity.txt"), encoding: .utf8).split(separator: "\n").map(String.init)
        let policy = try IdentityPolicy.certificate(subject: identity[0], issuer: identity[1])
        let verifier = SigstoreVerifier(trustedRoot: root)
        let lines = try String(contentsOf: directory.appendingPathComponent("batch.txt"), encoding: .utf8).split(separator: "\n")
        #expect(lines.count == count)
        var certificates = Set<String>()
        for line in lines {
            let parts = line.split(separator: " ").map(String.init)
            let bundle = [UInt8](try Data(contentsOf: URL(fileURLWithPath: parts[0])))
            let artifact = [UInt8](try Data(contentsOf: URL(fileURLWithPath: parts[1])))
            let result = try await verifier.verify(bundleJSON: bundle, artifact: Artifact(bytes: artifact), policy: policy)
            #expect(result.failure == nil, "\(parts[0]): \(result.failure?.description ?? "")")
            let object = try JSONSerialization.jsonObject(with: Data(bundle)) as? [String: Any]
            let material = object?["verificationMaterial"] as? [String: Any]
            certificates.insert((material?["certificate"] as? [String: String])?["rawBytes"] ?? "")
        }
        #expect(certificates.count == count)
    }
}
