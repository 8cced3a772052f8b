import ArgumentParser
import Foundation
import TollgateInventory
import TollgateStore

/// `tollgate inventory stats`: what the inventory holds and how complete it is.
struct InventoryStatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show the inventory's coverage: artifacts without SBOMs or trusted provenance, deployments without digests."
    )

    @OptionGroup var state: GateStateOptions
    @OptionGroup var output: OutputOptions

    struct Report: Encodable {
        let schemaVersion = "tollgate.dev/inventory-stats/v1"
        let coverage: InventoryCoverage
        let complete: Bool
        let gaps: [String]
    }

    func run() async throws {
        try await output.emit { out in
            let coverage = try await state.openInventory().coverage()
            if output.isJSON {
                let completeness = CompletenessPart(coverage)
                try out.json(Report(coverage: coverage, complete: completeness.complete, gaps: completeness.gaps))
            } else {
                Self.lines(coverage).forEach(out.line)
            }
        }
    }

    static func lines(_ coverage: InventoryCoverage) -> [String] {
        [
            "artifacts:    \(coverage.artifacts) (\(coverage.artifactsWithoutSBOM) without an SBOM, \(coverage.artifactsWithoutTrustedProvenance) without trusted provenance)",
            "components:   \(coverage.componentRows) rows",
            "deployments:  \(coverage.deployments) (\(coverage.deploymentsWithoutDigest) without a digest, \(coverage.deploymentsOfUnknownArtifacts) running an unknown digest)",
            "coverage:     \(CompletenessPart(coverage).statement)",
        ]
    }
}
