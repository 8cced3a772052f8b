import Foundation
import TollgateVerify

/// One row of a rule's table: evidence, and the exact result and reason expected.
struct RuleCase: Sendable, CustomStringConvertible {
    let name: String
    let evidence: Evidence
    let result: FindingResult
    let reason: String
    var now: Date = Clock.now
    var description: String { name }
}
