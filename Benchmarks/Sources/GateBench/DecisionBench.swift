import BenchSupport
import Foundation
import TollgateStore
import TollgateModel
import TollgatePolicy
import TollgateSBOM
import TollgateStoreSQLite
import TollgateVerify
import TollgateVulnerabilities

/// Figure 2: a whole decision as a server makes it. One long-lived `EvidenceCollector` (so its
/// scanner's prepared advisory rows stay warm) turns signed evidence, already in memory, into
/// `Evidence`; `Gate.evaluate` decides. The gate finds the vulnerabilities itself, by scanning the
/// attested SBOM against a real advisory database.
enum DecisionBench {
    struct Options {
        var osv: String
        var decisions: Int
        var components: Int
        /// A CycloneDX or SPDX JSON document to attest instead of the synthetic SBOM.
        var sbomFile: String?
        /// Runs of each step of the breakdown printed after the figure (0: none).
        var breakdownRuns: Int
        /// Each timed decision gets an SBOM attestation never seen before (the SBOM's serial number
        /// differs, so the payload, its signature and the SBOM digest differ): nothing keyed by the
        /// attestation or the SBOM can be reused between decisions.
        var distinct: Bool = false
    }

    static let policyTemplate = """
    apiVersion: tollgate.dev/v1
    kind: Policy
    metadata: { name: bench-decision }
    source:
      repositories: ["github.com/acme/*"]
      refs: ["refs/tags/v*"]
      requireCommit: true
      continuity: { repository: true, builder: true }
    build:
      builders: ["https://github.com/actions/runner/github-hosted"]
      buildTypes: ["https://actions.github.io/buildtypes/workflow/v1"]
      workflows: [".github/workflows/release.yml"]
      triggers: { deny: [pull_request_target] }
      pinnedDependencies: true
    artifact:
      signature: { keys: [KEYID] }
      algorithms: { signatures: [ecdsa-p256, ed25519], minimumRSABits: 3072, digests: [sha256] }
      provenance: { required: true, builders: ["https://github.com/**"], sourceRepositories: ["github.com/acme/*"] }
      sbom: { required: true }
      vulnerabilities: { maxSeverity: high, remediationDays: { critical: 7, high: 30 }, maxScanAge: 24h, maxDatabaseAge: 24h }
      licenses: { allow: [MIT, Apache-2.0, BSD-3-Clause, BSD-2-Clause, ISC, EPL-2.0, MPL-2.0], deny: [AGPL-3.0-only] }
    deploy: { byDigest: true }
    exceptions:
      - { id: EXC-1, owner: a@acme.example, reason: r, expires: 2099-12-31, match: { advisory: "ADVISORY" } }
      - { id: EXC-2, owner: b@acme.example, reason: r, expires: 2099-12-31, match: { component: "COMPONENT" } }
    """

    static let commit = "ebff8dfbd609b7b22237c7719ce07f2dc7934f5f"

    static func run(_ options: Options) async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("gatebench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        // One instant for the whole run: the import is recorded at it and every decision is made at it.
        let now = Date()

        // The advisory database, built once (as `tollgate db import` would).
        let store = try AdvisoryStoreSQLite(path: scratch.appendingPathComponent("advisories.sqlite").path)
        try await store.prepare()
        var start = ticks()
        let imported = try await AdvisoryImporter(store: store, clock: { now }).importPath(options.osv)
        print("whole decision: advisory database \(options.osv): \(imported.added) records imported in \(String(format: "%.2f", Double(ticks() - start) / 1e9)) s (setup, not timed)")

        // The SBOM document the build attests.
        let sbomBytes: [UInt8]
        let sbomLabel: String
        if let file = options.sbomFile {
            sbomBytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
            sbomLabel = file
        } else {
            let purls = try syntheticComponents(osvDirectory: options.osv, count: options.components)
            let licenses = RulesBench.licenses
            let components = purls.enumerated().compactMap { index, text -> SBOMComponent? in
                guard let purl = try? PackageURL(parsing: text) else { return nil }
                return SBOMComponent(bomRef: text, name: purl.name, group: purl.namespace, version: purl.version, purl: purl,
                                     licenses: [licenses[index % licenses.count]])
            }
            let sbom = SBOM(subject: SBOMComponent(bomRef: "pkg:generic/app@1.2.0", type: "application", name: "app", version: "1.2.0",
                                                   purl: try PackageURL(parsing: "pkg:generic/app@1.2.0")),
                            components: components)
            sbomBytes = Array(try CycloneDXJSONWriter.write(sbom, options: SBOMWriterOptions(
                timestamp: now, serialNumber: "urn:uuid:6c0e8a4e-4f5e-4d4b-9d2c-3f0a3b8e1d11")))
            sbomLabel = "synthetic CycloneDX of \(components.count) real OSV (name, version) pairs, ScanBench's selection"
        }
        let parsedSBOM = try SBOMReader.read(data: Data(sbomBytes), filename: sbomLabel).sbom
        let predicateType = (parsedSBOM.format == .spdxJSON) ? "https://spdx.dev/Document" : "https://cyclonedx.org/bom"

        // The release: an artifact, a raw signature over it, SLSA provenance and the SBOM, each an
        // in-toto statement in a DSSE envelope signed with a freshly generated ECDSA P-256 key.
        let key = try PrivateKey.generate(.ecdsaP256)
        var artifactBytes = [UInt8](repeating: 0, count: 64 << 10)
        for index in artifactBytes.indices { artifactBytes[index] = UInt8(truncatingIfNeeded: (index &* 2_654_435_761) >> 13) }
        let digest = DigestAlgorithm.sha256.hash(artifactBytes)
        let subject = InTotoSubject(name: "app.tar", digest: digest)
        let context = BuildContext(platform: .githubActions, repository: "https://github.com/acme/app", commit: commit,
                                   ref: "refs/tags/v1.2.0", workflow: ".github/workflows/release.yml",
                                   builderID: "https://github.com/actions/runner/github-hosted", event: "push")
        let provenance = try ProvenanceGenerator().statement(subjects: [subject], context: context, finishedOn: now)
        let provenanceEnvelope = try DSSE.sign(payload: provenance.jsonBytes(), payloadType: DSSE.inTotoPayloadType, keys: [key])
        let sbomStatement = InTotoStatement(subjects: [subject], predicateType: predicateType, predicate: try JSONValue.parse(sbomBytes))
        let sbomEnvelope = try DSSE.sign(payload: sbomStatement.jsonBytes(), payloadType: DSSE.inTotoPayloadType, keys: [key])
        let signature = Base64Text.encode(try key.sign(artifactBytes))

        // Exceptions on real findings, so the exception lookups match something: found by a scan
        // before the measurement (a separate scanner, so the collector's own starts cold).
        let probe = try await TollgateVulnerabilities.Scanner(store: store).scan(parsedSBOM)
        let advisory = probe.findings.first?.id ?? "GHSA-0000-0000-0000"
        let component = probe.findings.dropFirst(probe.findings.count / 2).first.map { finding -> String in
            (try? PackageURL(parsing: finding.purl).withoutVersion.description) ?? finding.purl
        } ?? "pkg:npm/none"
        let policyText = policyTemplate.replacingOccurrences(of: "KEYID", with: key.publicKey.keyID)
            .replacingOccurrences(of: "ADVISORY", with: advisory).replacingOccurrences(of: "COMPONENT", with: component)
        let policy = try Policy(yaml: Array(policyText.utf8), file: "bench-decision.yaml")
        let ruleCount = RuleID.allCases.count
        require(policy.enabledRules.count == ruleCount, "expected all \(ruleCount) rules, found \(policy.enabledRules.count)")

        // What the server's inventory remembers: the previous release, from the same repository and builder
        // (vouched for by the trusted provenance signer).
        let inventory = try InventoryStoreSQLite(path: scratch.appendingPathComponent("inventory.sqlite").path)
        try await inventory.prepare()
        let previous = DigestAlgorithm.sha256.hash(Array("app 1.1.0".utf8))
        var remembered = InventoryBatch()
        remembered.artifacts = [InventoryArtifactRecord(digest: previous, name: "app.tar", version: "1.1.0", purl: "pkg:generic/app@1.1.0",
                                                        time: now.addingTimeInterval(-30 * 86_400))]
        remembered.provenance = [InventoryProvenanceRecord(artifact: previous, source: .signedStatement, vouchedBy: "key \(key.publicKey.keyID)",
                                                           repository: "github.com/acme/app", commit: commit, ref: "refs/tags/v1.1.0",
                                                           builder: "https://github.com/actions/runner/github-hosted",
                                                           time: now.addingTimeInterval(-30 * 86_400))]
        try await inventory.apply(remembered)

        var inputs = EvidenceCollector.Inputs(
            artifact: ArtifactSubject(digest: digest, name: "app.tar", purl: "pkg:generic/app@1.2.0",
                                      reference: "registry.acme.example/app@\(digest)"),
            artifactBytes: artifactBytes)
        inputs.signatures = [EvidenceInput(name: "app.tar.sig", bytes: Array(signature.utf8))]
        inputs.attestations = [EvidenceInput(name: "provenance.dsse.json", bytes: provenanceEnvelope.jsonBytes()),
                               EvidenceInput(name: "sbom.dsse.json", bytes: sbomEnvelope.jsonBytes())]

        // As a server holds them: one collector and one gate for every decision.
        let collector = EvidenceCollector(policy: policy, keys: [key.publicKey], advisories: store, now: { now })
        let gate = Gate(policy: policy)

        start = ticks()
        let firstEvidence = try await collector.collect(inputs, inventory: inventory)
        let firstDecision = gate.evaluate(firstEvidence, now: now)
        let cold = Double(ticks() - start) / 1e6
        guard firstEvidence.problems.isEmpty, let scan = firstEvidence.scan, scan.origin == .gate,
              firstEvidence.sbom != nil, firstEvidence.provenance != nil, firstEvidence.signatures.count == 1 else {
            fatalError("the honest evidence did not all count: problems \(firstEvidence.problems), scan \(String(describing: firstEvidence.scan?.origin))")
        }
        require(firstDecision.rules.count == ruleCount, "\(firstDecision.rules.count) findings for \(ruleCount) rules")
        let notPassing = firstDecision.rules.filter { $0.result != .pass }
        var bySeverity: [String: Int] = [:]
        for finding in scan.findings { bySeverity[finding.severity?.rawValue ?? "unknown", default: 0] += 1 }
        let severityText = bySeverity.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        print("whole decision: SBOM \(sbomLabel): \(parsedSBOM.components.count) components, \(sbomBytes.count / 1024) KiB, attested as \(predicateType)")
        print("whole decision: inputs: raw ECDSA P-256 signature over a 64 KiB artifact, DSSE SLSA v1 provenance (\(provenanceEnvelope.jsonBytes().count) B), DSSE SBOM attestation (\(sbomEnvelope.jsonBytes().count / 1024) KiB), inventory with the previous release")
        print("whole decision: the gate's own scan found \(scan.findings.count) findings (\(severityText)) in \(Set(scan.findings.map(\.purl)).count) components, against database revision \(scan.database?.revision ?? -1) with \(scan.database?.advisories ?? 0) advisories")
        print("whole decision: decision \(firstDecision.decision.rawValue), \(ruleCount) rules" + (notPassing.isEmpty ? "" : " (" + notPassing.map { "\($0.rule.rawValue)=\($0.result.rawValue)" }.joined(separator: " ") + ")"))
        print("whole decision: first (cold scanner cache) decision \(String(format: "%.3f", cold)) ms")

        for _ in 0..<5 {   // warm-up
            let evidence = try await collector.collect(inputs, inventory: inventory)
            _ = gate.evaluate(evidence, now: now)
        }
        var total = Samples(capacity: options.decisions)
        var collecting = Samples(capacity: options.decisions)
        var evaluating = Samples(capacity: options.decisions)
        var freeing = Samples(capacity: options.decisions)
        var last: (Evidence, Decision)? = (firstEvidence, firstDecision)
        var findings = 0
        // With --distinct, one fresh attestation per decision, signed before the timed loop.
        var perDecision: [[EvidenceInput]] = []
        if options.distinct, case .object(var document) = try JSONValue.parse(sbomBytes) {
            for index in 0..<options.decisions {
                document["serialNumber"] = .string("urn:uuid:00000000-0000-4000-8000-\(String(format: "%012d", index))")
                let statement = InTotoStatement(subjects: [subject], predicateType: predicateType, predicate: .object(document))
                let envelope = try DSSE.sign(payload: statement.jsonBytes(), payloadType: DSSE.inTotoPayloadType, keys: [key])
                perDecision.append([inputs.attestations[0], EvidenceInput(name: "sbom-\(index).dsse.json", bytes: envelope.jsonBytes())])
            }
            print("whole decision: --distinct: \(perDecision.count) different SBOM attestations, one per timed decision")
        }
        for round in 0..<options.decisions {
            if !perDecision.isEmpty { inputs.attestations = perDecision[round] }
            let begin = ticks()
            let evidence = try await collector.collect(inputs, inventory: inventory)
            let collected = ticks()
            let decision = gate.evaluate(evidence, now: now)
            let end = ticks()
            total.append(nanoseconds: end - begin)
            collecting.append(nanoseconds: collected - begin)
            evaluating.append(nanoseconds: end - collected)
            findings = evidence.scan?.findings.count ?? -1
            // The previous decision's evidence is freed here, outside the timed region, and timed on its own.
            let freeStart = ticks()
            last = (evidence, decision)
            freeing.append(nanoseconds: ticks() - freeStart)
        }
        require(findings == scan.findings.count && last?.1.decision == firstDecision.decision, "later decisions differ from the first")
        print("whole decision (EvidenceCollector.collect + Gate.evaluate), \(options.decisions) decisions: \(total.summary) (goal < 10 ms)")
        print("  of which collect: \(collecting.summary)")
        print("  of which evaluate: \(evaluating.summary)")
        print("  outside the timed region, freeing the previous evidence and decision: \(freeing.summary)")

        guard options.breakdownRuns > 0 else { return }
        try await breakdown(runs: options.breakdownRuns, sbomEnvelope: sbomEnvelope.jsonBytes(), key: key.publicKey,
                            digest: digest, sbom: parsedSBOM, store: store, inventory: inventory,
                            artifact: inputs.artifact, findings: scan.findings)
    }

    /// The collector's main steps (for the SBOM attestation, which dominates), timed one by one with
    /// the public APIs it calls, in its order, to say where a decision's time goes. Not part of the figure.
    static func breakdown(runs: Int, sbomEnvelope: [UInt8], key: PublicKey, digest: Digest, sbom: SBOM,
                          store: AdvisoryStoreSQLite, inventory: any InventoryStore, artifact: ArtifactSubject,
                          findings: [VulnerabilityEvidence]) async throws {
        let names = ["DSSEEnvelope(parsing:) (depth check, base64 payload)",
                     "DSSEVerifier.verify (ECDSA P-256 over the PAE; first half of AttestationVerifier.verify)",
                     "InTotoStatement(parsing:) of the payload (second half of AttestationVerifier.verify)",
                     "SBOMReader.read(json:) of the parsed predicate",
                     "SBOMDigest.of(json:) (compact sorted-key encoding of the predicate, SHA-256)",
                     "advisory database state: AdvisoryStore.state() (one read; the count kept per revision)",
                     "warm Scanner.scan of the parsed SBOM",
                     "HistoryEvidence(inventory:artifact:findings:) for the findings"]
        var samples = names.map { _ in Samples(capacity: runs) }
        let verifier = try DSSEVerifier(keys: [key], threshold: 1, policy: .default)
        let scanner = TollgateVulnerabilities.Scanner(store: store)
        _ = try await scanner.scan(sbom)   // warm
        for _ in 0..<runs {
            var start = ticks()
            func lap(_ step: Int) {
                let end = ticks()
                samples[step].append(nanoseconds: end - start)
                start = end
            }
            let envelope = try DSSEEnvelope(parsing: sbomEnvelope)
            lap(0)
            guard case .verified(let payload) = verifier.verify(envelope, expectedPayloadType: DSSE.inTotoPayloadType) else {
                fatalError("the SBOM envelope did not verify")
            }
            lap(1)
            let statement = try InTotoStatement(parsing: payload.payload)
            require(statement.subject(matching: digest) != nil, "the SBOM statement is not about the artifact")
            lap(2)
            let parsed = try SBOMReader.read(json: statement.predicate)
            lap(3)
            _ = SBOMDigest.of(json: statement.predicate)
            lap(4)
            _ = try await store.state()
            lap(5)
            _ = try await scanner.scan(parsed.sbom)
            lap(6)
            _ = try await HistoryEvidence(inventory: inventory, artifact: artifact, findings: findings)
            lap(7)
        }
        print("  breakdown, the collector's main steps one by one (\(runs) runs each, same public APIs, not part of the figure):")
        for (name, sample) in zip(names, samples) { print("    \(name): \(sample.summary)") }
    }
}
