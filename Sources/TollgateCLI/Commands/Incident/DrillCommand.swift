import ArgumentParser
import Foundation
import TollgateInventory
import TollgateLedger
import TollgateModel

/// `tollgate drill --component PURL [--versions VERS]`: the incident query as an exercise against the
/// live inventory, timed, and recorded as a `drill.run` ledger entry with the answer's digest.
struct DrillCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drill",
        abstract: "Run an incident query as a drill: time it and record it in the ledger (evidence that drills happen).",
        discussion: "Takes the same query as 'incident'. Exit 0 when the drill ran, whatever it found."
    )

    @OptionGroup var query: IncidentOptions
    @OptionGroup var state: GateStateOptions
    @OptionGroup var output: OutputOptions

    struct Report: Encodable {
        let schemaVersion = "tollgate.dev/drill/v1"
        let query: IncidentQuery
        let status: IncidentStatus
        let summary: String
        let affectedArtifacts: Int
        let runningDeployments: Int
        let completeness: String
        let durationMilliseconds: Double
        /// SHA-256 of the answer as canonical JSON (`tollgate incident --format json` prints the same answer).
        let answerDigest: Digest
        let ledgerIndex: UInt64
    }

    func run() async throws {
        try await output.emit { out in
            let recorder = try await state.recorder()
            let responder = try await query.responder(state, inventory: recorder.store)
            let clock = ContinuousClock()
            let start = clock.now
            let answer = try await responder.answer(query.query)
            let elapsed = clock.now - start
            let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            let digest = DigestAlgorithm.sha256.hash(try LedgerJSON.encode(answer))
            let entry = DrillRunEntry(query: answer.query, answerDigest: digest, durationMilliseconds: milliseconds,
                                      status: answer.status.rawValue, affectedArtifacts: answer.artifactSearch.artifacts.count,
                                      runningDeployments: answer.runtimeSearch.running)
            let receipt = try await recorder.record([try recorder.draft(.drillRun, entry)])[0]
            let report = Report(query: answer.query, status: answer.status, summary: answer.summary,
                                affectedArtifacts: entry.affectedArtifacts, runningDeployments: entry.runningDeployments,
                                completeness: answer.completeness.statement, durationMilliseconds: milliseconds,
                                answerDigest: digest, ledgerIndex: receipt.index)
            if output.isJSON {
                try out.json(report)
                return
            }
            out.line("drill \(answer.query.description): \(answer.status.rawValue)")
            out.line(answer.summary)
            out.line("answered in \(String(format: "%.1f", milliseconds)) ms")
            out.line("recorded drill.run as ledger entry \(receipt.index) (answer \(digest))")
        }
    }
}
