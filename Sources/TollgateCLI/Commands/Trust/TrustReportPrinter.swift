import Foundation
import TollgateTUF

/// Prints a `TUFTrustReport` as text or JSON.
enum TrustReportPrinter {
    static func print(_ report: TUFTrustReport, to out: ReportOutput, json: Bool) throws {
        if json {
            try out.json(report)
            return
        }
        out.line("repository: \(report.repository)")
        out.line("checked at: \(report.time)")
        out.line("valid: \(report.valid ? "yes" : "no")")
        if let problem = report.problem { out.line("problem: \(problem)") }
        for role in report.roles { out.line("  \(role.role) v\(role.version), expires \(role.expires)") }
        for target in report.targets {
            let state = target.sha256.map { "sha256:\($0) (\(target.length ?? 0) bytes)" } ?? "not listed / not stored"
            out.line("  target \(target.path) [\(target.purpose)]: \(state)")
        }
        for change in report.changes {
            let versions = change.version.map { v in " v\(change.previousVersion.map(String.init) ?? "-") -> v\(v)" } ?? ""
            out.line("  changed \(change.kind) \(change.name)\(versions) sha256:\(change.sha256)")
        }
    }
}
