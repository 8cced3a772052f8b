import ArgumentParser
import Foundation
import TollgateInventory
import TollgateLedger
import TollgateModel
import TollgatePolicy
import TollgateTransparency
import TollgateVerify

/// `tollgate verify ARTIFACT --policy P [--bundle B...] [--attestation E...] [--sbom S] [--scan R] [--key K...] [--record]`
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Decide whether an artifact may be installed or deployed: evidence + policy → allow, deny or warn.",
        discussion: "Evidence comes from flags and from the sidecar directory ARTIFACT.tollgate/. Exit 0 on allow or warn, 1 on deny."
    )

    @Argument(help: "The artifact file, or an image reference (registry/repo:tag, …@sha256:…, docker://REF; docs/images.md).")
    var artifact: String

    @Option(help: "Policy file (YAML, apiVersion tollgate.dev/v1); with --server, the name of a policy published there.")
    var policy: String

    @OptionGroup var evidence: EvidenceOptions

    @Flag(help: "Append the decision (and exception grants/expiries) to the ledger and update the inventory.")
    var record = false

    @Option(name: .customLong("receipt-output"),
            help: ArgumentHelp("With --record: write the receipt (signed checkpoint + inclusion proof) to this file.", valueName: "file"))
    var receiptFile: String?

    @Option(name: .customLong("receipt"), help: .private)
    var deprecatedReceipt: String?

    @Option(help: "With --record and an allowed artifact: record a deployment to this environment (ENV[/CLUSTER[/NAMESPACE]]).")
    var environment: String?

    @OptionGroup var state: GateStateOptions

    @OptionGroup var image: ImageVerifyOptions

    @OptionGroup var remote: ServerOptions

    @OptionGroup var output: OutputOptions

    mutating func validate() throws {
        if let deprecatedReceipt {
            guard receiptFile == nil else { throw ValidationError("'--receipt' is the deprecated spelling of '--receipt-output'; give only '--receipt-output FILE'.") }
            Console.deprecated("--receipt", use: "--receipt-output")
            receiptFile = deprecatedReceipt
            self.deprecatedReceipt = nil
        }
        if receiptFile != nil && !record { throw ValidationError("--receipt-output needs --record") }
        if remote.url != nil {
            guard record else { throw ValidationError("--server records the decision there: add --record") }
            // Trust is the server's: its keys, trusted root and advisory database decide.
            let local = [("--key", !evidence.keys.isEmpty), ("--trusted-root", evidence.trustedRoot != nil),
                         ("--db", evidence.advisoryDatabase != nil), ("--environment", environment != nil)]
            if let (flag, _) = local.first(where: { $0.1 }) {
                throw ValidationError("\(flag) cannot be used with --server: the server's own configuration decides (record a deployment with 'tollgate deploy record --server')")
            }
        }
    }

    func run() async throws {
        if let server = remote.url {
            try await runRemote(server)
            return
        }
        try await output.emit { out in
            let now = Date()
            let loaded = try Policy(yaml: [UInt8](try InputFile.read(policy, limit: PolicyParser.maxBytes)), file: policy)
            let inventory = try await state.openInventoryIfPresent()
            let resolved = try await ImageVerification.collect(argument: artifact, options: image, evidence: evidence, policy: loaded,
                                                               inventory: inventory, dataDirectory: state.data.directory, now: now)
            resolved?.1.warnings.forEach(Console.err)
            let collected: Evidence
            if let resolved {
                collected = resolved.0
            } else {
                collected = try await evidence.collect(artifactPath: artifact, policy: loaded, inventory: inventory,
                                                       dataDirectory: state.data.directory, now: now)
            }
            let decision = Gate(policy: loaded).evaluate(collected, now: now)
            var receipt: LedgerInclusionReceipt?
            if record {
                let recorder = try await state.recorder()
                let ledger = recorder.ledger
                var deployment: DeploymentRecordedEntry?
                if let environment, decision.decision != .deny {
                    let parts = environment.split(separator: "/", maxSplits: 2).map(String.init)
                    deployment = DeploymentRecordedEntry(environment: parts[0], cluster: parts.count > 1 ? parts[1] : nil,
                                                         namespace: parts.count > 2 ? parts[2] : nil, service: collected.artifact.name,
                                                         image: collected.artifact.reference, digest: collected.artifact.digest)
                }
                let entries = try VerificationRecord(evidence: collected, decision: decision, policy: loaded, recorder: recorder, now: now,
                                                     recordedExceptions: try await recorder.store.exceptionEvents(),
                                                     tag: Self.tagObservation(collected.artifact), deployment: deployment)
                let receipts = try await recorder.record(entries.drafts, documents: entries.documents)
                let appended = receipts[entries.decisionPosition]
                // The receipt: a signed checkpoint covering the decision and its inclusion proof, checked
                // here against the checkpoint's signature with the log's verifier key (not a recomputed root).
                let inclusion = try await ledger.receipt(for: appended)
                let logKey = try LedgerCheckReceiptCommand.verifier("@" + state.data.verifierKeyPath)
                guard inclusion.verify(logKey: logKey).isValid else {
                    throw LedgerError(.receiptUnverified, "the receipt for ledger entry \(appended.index) does not verify with \(state.data.verifierKeyPath)")
                }
                receipt = inclusion
                if let receiptFile {
                    try AtomicFile.write(try inclusion.json(), to: receiptFile)
                }
            }
            if output.isJSON {
                var value = try JSONValue.parse(try JSONOutput.encode(decision))
                if case .object(var object) = value, let receipt {
                    object["ledger"] = try JSONValue.parse(receipt.json())
                    value = .object(object)
                }
                if case .object(var object) = value, let resolution = resolved?.1 {
                    object["image"] = resolution.json
                    value = .object(object)
                }
                out.write(Data(value.encodedBytes(pretty: true)))
                out.write(Data("\n".utf8))
            } else {
                DecisionPrinter.lines(decision).forEach(out.line)
                if let receipt {
                    let size = (try? SignedNote(parsing: receipt.checkpoint)).flatMap { try? Checkpoint(text: $0.text) }?.size
                    out.line("recorded: ledger entry \(receipt.index); inclusion proof verified against the signed checkpoint of \(receipt.origin) at size \(size.map(String.init) ?? "?")"
                                + (receiptFile.map { "; receipt written to \($0) (check with: tollgate ledger check-receipt \($0) --log-key KEY)" } ?? ""))
                }
            }
            if decision.decision == .deny { throw ExitCode(ExitStatus.failed.rawValue) }
        }
    }

    /// Evidence uploaded to the server, the decision made and recorded there; printed as locally.
    func runRemote(_ server: String) async throws {
        try await output.emit { out in
            let report = try await RemoteVerification(artifact: artifact, policy: policy, evidence: evidence, remote: remote).run()
            let (decision, lines) = try RemoteVerification.lines(report, server: server, receiptFile: receiptFile)
            if let receiptFile, let receipt = try RemoteVerification.receipt(report, server: server) {
                try AtomicFile.write(try receipt.json(), to: receiptFile)
            }
            if output.isJSON {
                out.write(Data(report))
            } else {
                lines.forEach(out.line)
            }
            if decision.decision == .deny { throw ExitCode(ExitStatus.failed.rawValue) }
        }
    }

    /// `registry.example/app:1.2.0` → a tag observation of the artifact's digest (a reference by
    /// digest names no tag the gate saw resolve).
    static func tagObservation(_ artifact: ArtifactSubject) -> TagObservedEntry? {
        guard let text = artifact.reference, let reference = try? ImageReference(parsing: text),
              reference.digest == nil, let tag = reference.tag else { return nil }
        return TagObservedEntry(repository: reference.repository, tag: tag, digest: artifact.digest)
    }
}
