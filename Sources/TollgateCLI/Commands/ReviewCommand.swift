import ArgumentParser
import Foundation
import TollgatePolicy
import TollgateVerify

/// `tollgate review ARTIFACT`: release-review questions answered yes / no / unknown, with evidence.
struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Answer the release-review questions for an artifact (yes, no or unknown, each with evidence).",
        discussion: "Reads the same evidence as verify, the inventory and ledger tag history (--data), and the policy when given."
    )

    @Argument(help: "The artifact file.")
    var artifact: String

    @Option(help: "Policy file, to answer whether production would reject the artifact unsigned.")
    var policy: String?

    @OptionGroup var evidence: EvidenceOptions

    @OptionGroup var state: GateStateOptions

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await output.emit { out in
            let now = Date()
            let loaded = try policy.map { try Policy(yaml: [UInt8](try InputFile.read($0, limit: PolicyParser.maxBytes)), file: $0) }
            let inventory = try await state.openInventoryIfPresent()
            // Without a policy nobody is trusted, so no provenance or SBOM counts: answers say so.
            let collected = try await evidence.collect(artifactPath: artifact, policy: loaded ?? Policy(name: "none"),
                                                       inventory: inventory, dataDirectory: state.data.directory, now: now)
            var records: ReviewRecords?
            if let inventory { records = try await ReviewRecords(digest: collected.artifact.digest, inventory: inventory) }
            let review = ReleaseReview(evidence: collected, records: records, policy: loaded)
            if output.isJSON {
                try out.json(review)
                return
            }
            out.line("review of \(review.artifact.name ?? "artifact") \(review.artifact.digest)")
            for item in review.items {
                let mark = item.good.map { $0 ? "ok " : "!! " } ?? "?  "
                out.line("\(mark)\(item.answer.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0))\(item.question)")
                for line in item.evidence { out.line("           \(line)") }
            }
        }
    }
}
