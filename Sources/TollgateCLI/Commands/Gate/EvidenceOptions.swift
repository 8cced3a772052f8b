import ArgumentParser
import Foundation
import TollgateData
import TollgateModel
import TollgatePolicy
import TollgateSigstore
import TollgateStore
import TollgateStoreSQLite
import TollgateVerify

/// The evidence flags `verify` and `review` share, plus the sidecar directory `ARTIFACT.tollgate/`.
struct EvidenceOptions: ParsableArguments {
    @Option(name: .customLong("bundle"), help: "Sigstore bundle (signature or attestation); repeatable.")
    var bundles: [String] = []

    @Option(name: .customLong("attestation"), help: "DSSE envelope or Sigstore bundle with an in-toto attestation; repeatable.")
    var attestations: [String] = []

    @Option(name: .customLong("source-audit"), help: "Source-audit attestation from 'tollgate audit --attest' about the source commit; repeatable.")
    var sourceAudits: [String] = []

    @Option(name: .customLong("signature"), help: "Base64 signature over the artifact, verified with --key; repeatable.")
    var signatures: [String] = []

    @Option(help: "SBOM (CycloneDX or SPDX).")
    var sbom: String?

    @Option(help: "Scan attestation from 'tollgate scan --attest' (a plain JSON report is shown, never used).")
    var scan: String?

    @Option(name: .customLong("vex"), help: "Unsigned VEX document: shown, never used (signed VEX goes in --attestation); repeatable.")
    var vex: [String] = []

    @Option(name: .customLong("db"), help: "Advisory database the gate scans the trusted SBOM against (default: DATA/advisories.sqlite).")
    var advisoryDatabase: String?

    @Option(name: .customLong("key"), help: "Trusted public key (PEM) for signatures, envelopes and key-signed bundles; repeatable.")
    var keys: [String] = []

    @Option(name: .customLong("trusted-root"), help: "Sigstore trusted_root.json (default: the shipped public-good root).")
    var trustedRoot: String?

    @Option(help: "How the deployment references the artifact (name@sha256:… or name:tag), for deploy.byDigest.")
    var reference: String?

    @Option(help: "Package URL of the artifact (links versions for continuity).")
    var purl: String?

    @Flag(name: .customLong("no-sidecar"), help: "Ignore the ARTIFACT.tollgate/ sidecar directory.")
    var noSidecar = false

    static let maxArtifactBytes = 1 << 30

    /// Reads the artifact and evidence files, verifies them, weighs them against `policy`, and
    /// returns the evidence. `dataDirectory` holds the advisory database unless `--db` names one.
    func collect(artifactPath: String, policy: Policy, inventory: (any InventoryStore)?, dataDirectory: URL, now: Date) async throws -> Evidence {
        let digest = try FileDigester(algorithm: .sha256).digest(path: artifactPath)
        let size = (try? FileManager.default.attributesOfItem(atPath: artifactPath)[.size] as? Int) ?? 0
        let bytes = size <= Self.maxArtifactBytes ? try InputFile.read(artifactPath, limit: Self.maxArtifactBytes) : nil
        let name = URL(fileURLWithPath: artifactPath).lastPathComponent
        var inputs = EvidenceCollector.Inputs(
            artifact: ArtifactSubject(digest: digest, name: name, purl: purl, reference: reference),
            artifactBytes: bytes.map { [UInt8]($0) })
        inputs.artifactPath = artifactPath
        var sidecar = Sidecar()
        if !noSidecar { sidecar = try Sidecar.scan(artifactPath + ".tollgate") }
        try addFiles(to: &inputs, sidecar: sidecar)
        return try await makeCollector(policy: policy, dataDirectory: dataDirectory, now: now).collect(inputs, inventory: inventory)
    }

    /// The evidence files of the flags (and of the sidecar), read into `inputs`.
    func addFiles(to inputs: inout EvidenceCollector.Inputs, sidecar: Sidecar = Sidecar()) throws {
        inputs.bundles += try (bundles + sidecar.bundles).map(Self.input)
        inputs.attestations += try (attestations + sidecar.attestations).map(Self.input)
        inputs.signatures += try (signatures + sidecar.signatures).map(Self.input)
        if let path = sbom ?? sidecar.sbom { inputs.sbom = try Self.input(path) }
        if let path = scan ?? sidecar.scan { inputs.scan = try Self.input(path) }
        inputs.vex += try vex.map(Self.input)
        inputs.sourceAudits += try sourceAudits.map(Self.input)
    }

    /// The collector for `policy` with the trusted keys, trusted root and advisory database of the flags.
    func makeCollector(policy: Policy, dataDirectory: URL, now: Date) async throws -> EvidenceCollector {
        var publicKeys: [PublicKey] = []
        for path in keys {
            let text = String(decoding: try InputFile.read(path, limit: 1 << 20), as: UTF8.self)
            publicKeys.append(try PublicKey(pem: text))
        }
        // A trusted root that fails to load is an error, never "continue without one".
        let root: TrustedRoot
        if let trustedRoot {
            root = try TrustedRoot(json: [UInt8](try InputFile.read(trustedRoot)))
        } else {
            root = try TrustedRoot.publicGoodProduction()
        }
        let databasePath = advisoryDatabase ?? dataDirectory.appendingPathComponent(AdvisoryStoreSQLite.defaultFileName).path
        var advisories: AdvisoryStoreSQLite?
        if advisoryDatabase != nil || FileManager.default.fileExists(atPath: databasePath) {
            guard FileManager.default.fileExists(atPath: databasePath) else {
                throw CLIError(.unreadable, "cannot read the advisory database '\(databasePath)': no such file; run 'tollgate db import PATH --db \(databasePath)'")
            }
            let store = try AdvisoryStoreSQLite(path: databasePath)
            try await store.prepare()
            advisories = store
        }
        var collector = EvidenceCollector(policy: policy, keys: publicKeys, trustedRoot: root, advisories: advisories, now: { now })
        // Registered keys count only inside their validity at signing time (docs/keys.md#registry).
        collector.keyRecords = try await DataLocation(directory: dataDirectory.path).registeredKeys()
        return collector
    }

    static func input(_ path: String) throws -> EvidenceInput {
        let data = try InputFile.read(path)
        let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
        return EvidenceInput(name: path, bytes: [UInt8](data), modified: modified)
    }
}

/// Evidence files found in `ARTIFACT.tollgate/`, classified by name. Keys are never read from
/// the sidecar: whoever can write next to the artifact must not choose whom to trust.
struct Sidecar {
    var bundles: [String] = []
    var attestations: [String] = []
    var signatures: [String] = []
    var sbom: String?
    var scan: String?

    static func scan(_ directory: String) throws -> Sidecar {
        var sidecar = Sidecar()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            return sidecar
        }
        let names = (try FileManager.default.contentsOfDirectory(atPath: directory)).sorted()
        for name in names {
            let path = directory + "/" + name
            let lower = name.lowercased()
            if lower.hasSuffix(".sigstore.json") || lower.hasSuffix(".sigstore") {
                sidecar.bundles.append(path)
            } else if lower.hasSuffix(".intoto.jsonl") || lower.hasSuffix(".dsse.json") || lower.hasSuffix(".att.json") {
                sidecar.attestations.append(path)
            } else if lower.hasSuffix(".sig") {
                sidecar.signatures.append(path)
            } else if lower.hasSuffix(".cdx.json") || lower.hasSuffix(".spdx.json") || lower.hasPrefix("sbom.") {
                sidecar.sbom = path
            } else if lower == "scan.json" || lower.hasSuffix(".scan.dsse.json") {
                sidecar.scan = path
            }
        }
        return sidecar
    }
}
