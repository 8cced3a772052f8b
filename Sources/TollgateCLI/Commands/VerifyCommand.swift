import ArgumentParser
import Foundation
import TollgateInventory
import TollgateLedger
import TollgateModel
import TollgatePolicy
import TollgateVerify

/// `tollgate verify ARTIFACT --policy P [--bundle B...] [--attestation E...] [--sbom S] [--scan R] [--key K...] [--record]`
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Decide whether an artifact may be installed or deployed: evidence + policy → allow, deny or warn.",
        discussion: "Evidence comes from flags and from the sidecar directory ARTIFACT.tollgate/. Exit 0 on allow or warn, 1 on deny."
    )

    @Argument(help: "The artifact file.")
    var artifact: String

    @Option(help: "Policy file (YAML, apiVersion tollgate.dev/v1).")
    var policy: String

    @OptionGroup var evidence: EvidenceOptions

    @Flag(help: "Append the decision (and exception grants/expiries) to the ledger and update the inventory.")
    var record = false

    @Option(help: "With --record and an allowed artifact: record a deployment to this environment (ENV[/CLUSTER[/NAMESPACE]]).")
    var environment: String?

    @OptionGroup var state: GateStateOptions

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let now = Date()
        let loaded = try Policy(yaml: [UInt8](try InputFile.read(policy, limit: PolicyParser.maxBytes)), file: policy)
        var inventory = try state.loadInventory()
        let collected = try await evidence.collect(artifactPath: artifact, inventory: inventory, now: now)
        let decision = Gate(policy: loaded).evaluate(collected, now: now)
        var receipt: LedgerReceipt?
        var proofChecked = false
        if record {
            let ledger = try await state.openLedger()
            let recorder = DecisionRecorder(ledger: ledger, actor: "tollgate-cli")
            var current = inventory ?? Inventory()
            let events = try await recorder.recordExceptions(of: loaded, now: now, alreadyRecorded: current.exceptionEvents)
            current.exceptionEvents.formUnion(events)
            receipt = try await recorder.record(decision)
            current.record(collected, at: now)
            if let observation = Self.tagObservation(collected.artifact, at: now) {
                current.observe(observation)
                _ = try await ledger.append(kind: .tagObserved, actor: "tollgate-cli", payload: try JSONOutput.encode(observation))
            }
            if let environment, decision.decision != .deny {
                let parts = environment.split(separator: "/", maxSplits: 2).map(String.init)
                let deployment = InventoryDeployment(digest: collected.artifact.digest, environment: parts[0],
                                                     cluster: parts.count > 1 ? parts[1] : nil,
                                                     namespace: parts.count > 2 ? parts[2] : nil,
                                                     service: collected.artifact.name, reference: collected.artifact.reference, time: now)
                current.record(deployment)
                _ = try await ledger.append(kind: .deploymentRecorded, actor: "tollgate-cli", payload: try JSONOutput.encode(deployment))
            }
            try state.inventoryFile.save(current)
            inventory = current
            if let receipt {
                _ = try await ledger.checkpoint()
                let proof = try await ledger.inclusionProof(index: receipt.index)
                proofChecked = proof.verify().isValid && proof.leafHash == receipt.leafHash
            }
        }
        if output.isJSON {
            var value = try JSONValue.parse(try JSONOutput.encode(decision))
            if case .object(var object) = value, let receipt {
                object["ledger"] = .object(["index": .integer(Int64(receipt.index)), "inclusionVerified": .bool(proofChecked)])
                value = .object(object)
            }
            Console.write(Data(value.encodedBytes(pretty: true)))
            Console.write(Data("\n".utf8))
        } else {
            DecisionPrinter.lines(decision).forEach(Console.out)
            if let receipt {
                Console.out("recorded: ledger entry \(receipt.index)\(proofChecked ? ", inclusion proof verified" : "")")
            }
        }
        if decision.decision == .deny { throw ExitCode(ExitStatus.failed.rawValue) }
    }

    /// `registry.example/app:1.2.0` → a tag observation (references by digest name no tag).
    static func tagObservation(_ artifact: ArtifactSubject, at now: Date) -> TagObservation? {
        guard let reference = artifact.reference, !reference.contains("@"),
              let colon = reference.lastIndex(of: ":"), !reference[colon...].contains("/") else { return nil }
        let tag = String(reference[reference.index(after: colon)...])
        guard !tag.isEmpty else { return nil }
        return TagObservation(repository: String(reference[..<colon]), tag: tag, digest: artifact.digest, time: now)
    }
}
