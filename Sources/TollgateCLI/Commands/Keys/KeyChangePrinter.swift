import Foundation
import TollgateLedger
import TollgateStore

/// Prints a key change or the registry as text or JSON.
enum KeyChangePrinter {
    static func print(_ change: KeyChange, to out: ReportOutput, json: Bool) throws {
        if json { return try out.json(change) }
        out.line(change.unchanged ? "\(change.kind): unchanged (already done)" : "\(change.kind): ledger entry \(change.ledgerIndex ?? 0)")
        for key in change.keys { out.line(line(key)) }
    }

    static func format(_ date: Date) -> String { date.formatted(Date.ISO8601FormatStyle()) }

    static func line(_ key: KeyRecord) -> String {
        let until = key.validUntil.map { KeyChangePrinter.format($0) } ?? "-"
        var text = "\(key.keyID) \(key.algorithm) \(key.purpose.rawValue) \(key.status.rawValue) owner=\(key.owner) "
            + "valid=\(KeyChangePrinter.format(key.validFrom))..\(until)"
        if let replacedBy = key.replacedBy { text += " replaced-by=\(replacedBy)" }
        if let revokedAt = key.revokedAt { text += " revoked=\(KeyChangePrinter.format(revokedAt))" }
        return text
    }
}
