// GateBench: the gate's two figures (docs/benchmarks.md, "Gate decision (GateBench)").
//
// 1. Rules alone: `Gate.evaluate` for a policy enabling every rule, on evidence built once with
//    `EvidenceBuilder` (2,000 components, 60 findings, history, 2 exceptions), allow and deny.
//    Goal: under 1 ms median.
// 2. A whole decision: one long-lived `EvidenceCollector` verifies a raw signature, signed SLSA
//    provenance and a signed SBOM attestation (~1,000 components), scans the SBOM itself against
//    a warm advisory database (the OSV test data imported once), and `Gate.evaluate` decides.
//    Goal: under 10 ms median.
//
//   swift build -c release --package-path Benchmarks --product GateBench
//   Benchmarks/.build/release/GateBench [RULE_RUNS (3000)] [--osv DIR (../shared/testdata/vuln/osv)]
//     [--decisions N (200)] [--components N (1000)] [--sbom FILE.json] [--breakdown-runs N (50)]
//     [--rules-only | --decision-only] [--distinct (a never-seen SBOM attestation for every timed decision)]
import Foundation

/// The command line, consumed option by option.
struct Arguments {
    var rest = Array(CommandLine.arguments.dropFirst())

    mutating func option(_ name: String) -> String? {
        guard let index = rest.firstIndex(of: name), index + 1 < rest.count else { return nil }
        let value = rest[index + 1]
        rest.removeSubrange(index...(index + 1))
        return value
    }

    mutating func flag(_ name: String) -> Bool {
        guard let index = rest.firstIndex(of: name) else { return false }
        rest.remove(at: index)
        return true
    }
}

var arguments = Arguments()
let osvOption = arguments.option("--osv")
let decisions = Int(arguments.option("--decisions") ?? "200") ?? 200
let componentCount = Int(arguments.option("--components") ?? "1000") ?? 1000
let sbomFile = arguments.option("--sbom")
let breakdownRuns = Int(arguments.option("--breakdown-runs") ?? "50") ?? 50
let rulesOnly = arguments.flag("--rules-only")
let decisionOnly = arguments.flag("--decision-only")
let distinct = arguments.flag("--distinct")
let ruleRuns = arguments.rest.first.flatMap { Int($0) } ?? 3000

if !decisionOnly {
    try RulesBench.run(iterations: ruleRuns)
}
if !rulesOnly {
    let candidates = osvOption.map { [$0] } ?? ["../shared/testdata/vuln/osv", "/work/shared/testdata/vuln/osv"]
    guard let osv = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
        print("whole decision: no OSV directory at \(candidates.joined(separator: " or ")); pass --osv DIR")
        exit(2)
    }
    try await DecisionBench.run(DecisionBench.Options(osv: osv, decisions: decisions, components: componentCount, sbomFile: sbomFile,
                                                     breakdownRuns: breakdownRuns, distinct: distinct))
}
