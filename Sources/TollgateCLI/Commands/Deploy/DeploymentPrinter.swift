import Foundation
import TollgateInventory

/// Prints a `DeploymentRecording.Report` for `deploy record` and `deploy import`.
enum DeploymentPrinter {
    static func print(_ report: DeploymentRecording.Report, json: Bool, to out: ReportOutput) throws {
        for item in report.deployments where item.digest == nil {
            Console.err("warning: \(slot(item)) \(item.image): no digest; recorded without one (deploy by digest, or record the tag with `deploy record --image \(item.image) --digest …`)")
        }
        if json {
            try out.json(report)
            return
        }
        for item in report.deployments {
            out.line("recorded \(slot(item)): \(item.image) → \(item.digest?.description ?? "no digest")\(item.running ? "" : " (stopped)") (\(item.explanation)); ledger entry \(item.ledgerIndex)")
        }
        if report.deployments.count > 1 || report.unresolved > 0 {
            out.line("\(report.deployments.count) deployments recorded, \(report.unresolved) without a digest")
        }
    }

    static func slot(_ item: DeploymentRecording.Recorded) -> String {
        DeploymentSlot.describe(environment: item.environment, cluster: item.cluster, namespace: item.namespace, service: item.service)
    }
}
