import TollgateStore

/// One stored `affected[]` row, ready to evaluate many component versions: ranges parsed and sorted,
/// GHSA's last-known bound parsed, and a reference to its advisory.
final class PreparedAffected: Sendable {
    let advisory: PreparedAdvisory
    /// The ecosystem's `:suffix` (`12` of `Debian:12`), matched against the purl's distro qualifier.
    let suffix: String?
    let evaluator: AffectedEvaluator
    let ranges: [AffectedEvaluator.PreparedRange]
    let bound: AffectedEvaluator.LastKnownBound?

    init(_ row: AdvisoryStoreAffected, advisory: PreparedAdvisory) {
        self.advisory = advisory
        let evaluator = AffectedEvaluator(ecosystem: row.ecosystem)
        self.evaluator = evaluator
        suffix = row.ecosystem.firstIndex(of: ":").map { String(row.ecosystem[row.ecosystem.index(after: $0)...]) }
        ranges = evaluator.prepare(RangeCodec.decode(row.ranges))
        bound = evaluator.scheme.flatMap { scheme in row.lastKnownAffected.flatMap { AffectedEvaluator.LastKnownBound($0, scheme: scheme) } }
    }
}
