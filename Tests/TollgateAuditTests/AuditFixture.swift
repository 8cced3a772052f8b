import Foundation
import TollgateAudit

/// Reads fixtures from this target's bundle and audits them, as `tollgate audit FILE` would.
enum AuditFixture {
    static var directory: URL { Bundle.module.resourceURL!.appendingPathComponent("Fixtures") }

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// The findings for one fixture, named by its file name (as the report names it).
    static func findings(_ name: String) throws -> [AuditFinding] {
        try SourceAuditor().audit(file: (name as NSString).lastPathComponent, bytes: bytes(name)).1
    }

    /// The findings for inline YAML.
    static func findings(yaml: String, file: String = "workflow.yml") throws -> [AuditFinding] {
        try SourceAuditor().audit(file: file, bytes: Array(yaml.utf8)).1
    }
}

/// A finding reduced to what the tests pin: rule, line and column.
struct Spot: Hashable, CustomStringConvertible {
    let rule: AuditRule
    let line: Int
    let column: Int

    init(_ rule: AuditRule, _ line: Int, _ column: Int) {
        self.rule = rule
        self.line = line
        self.column = column
    }

    init(_ finding: AuditFinding) { self.init(finding.rule, finding.line, finding.column) }

    var description: String { "\(rule.rawValue)@\(line):\(column)" }
}
