import ArgumentParser
import Foundation
import TollgateData
import TollgateModel
import TollgatePolicy
import TollgateStore

/// `tollgate key review`: the access review of the key registry. Each key with its owner, age, last
/// use (the last recorded evidence it signed, from the inventory) and pending expiry, flagged when it
/// is overdue for rotation (older than the policy's `settings.maxKeyAge` or `--max-age`), expires
/// soon, has expired while still active, or went unused for 90 days after its validity began. Exit 1 when any active key is flagged.
struct KeyReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review the registered keys: owner, age, last use, pending expiry; flag keys overdue for rotation.",
        discussion: "Exit 0 when no active key is flagged, 1 when one is (overdue for rotation, expiring, expired, never used)."
    )

    @OptionGroup var options: KeyRegistryOptions
    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("Policy whose settings.maxKeyAge sets the rotation period.", valueName: "file"))
    var policy: String?

    @Option(name: .customLong("max-age"), help: ArgumentHelp("Rotation period (e.g. 365d); overrides the policy's.", valueName: "duration"))
    var maxAge: String?

    @Option(help: ArgumentHelp("Flag keys whose validity ends within this window.", valueName: "duration"))
    var expiring: String = "30d"

    struct Entry: Encodable {
        let keyID: String
        let algorithm: String
        let owner: String
        let purpose: String
        let status: String
        let validFrom: Date
        let validUntil: Date?
        let ageDays: Int
        let lastUsed: Date?
        let expiresInDays: Int?
        let flags: [String]
    }

    struct Report: Encodable {
        let schemaVersion = "tollgate.dev/key-review/v1"
        let reviewedAt: Date
        let maxKeyAge: String?
        let keys: [Entry]
        let flagged: Int
    }

    func run() async throws {
        try await output.emit { out in
            let rotation = try rotationPeriod()
            guard let window = PolicyDuration(parsing: expiring) else {
                throw CLIError(.usage, "--expiring: expected a duration like 30d, 12h or 2w, found '\(expiring.prefix(40))'")
            }
            let config = try options.data.loadConfig()
            let keys = try await options.openRegistry(config).keys()
            let inventory = try options.data.location.openInventoryStore()
            try await inventory.prepare()
            let used = try await inventory.lastSignatureTimes(signers: Set(keys.map { "key:\($0.keyID)" }))
            let now = Date()
            let entries = keys.map { Self.entry($0, lastUsed: used["key:\($0.keyID)"], now: now, rotation: rotation, window: window) }
            let report = Report(reviewedAt: now, maxKeyAge: rotation?.text, keys: entries,
                                flagged: entries.filter { !$0.flags.isEmpty }.count)
            if output.isJSON {
                try out.json(report)
            } else {
                if entries.isEmpty { out.line("no registered keys") }
                for entry in entries {
                    let last = entry.lastUsed.map(KeyChangePrinter.format) ?? "never"
                    let expiry = entry.expiresInDays.map { "expires in \($0)d" } ?? "no expiry"
                    out.line("\(entry.keyID.prefix(16))… \(entry.purpose) \(entry.status) owner=\(entry.owner) age=\(entry.ageDays)d last-used=\(last) \(expiry)")
                    for flag in entry.flags { out.line("    ! \(flag)") }
                }
                out.line("\(report.flagged) of \(entries.count) keys flagged\(rotation.map { "; rotation period \($0.text)" } ?? "; no rotation period (give --max-age or a policy with settings.maxKeyAge)")")
            }
            if report.flagged > 0 { throw ExitCode(ExitStatus.failed.rawValue) }
        }
    }

    /// `--max-age`, else the policy's `settings.maxKeyAge`, else none.
    func rotationPeriod() throws -> PolicyDuration? {
        if let maxAge {
            guard let parsed = PolicyDuration(parsing: maxAge) else {
                throw CLIError(.usage, "--max-age: expected a duration like 365d, found '\(maxAge.prefix(40))'")
            }
            return parsed
        }
        guard let policy else { return nil }
        return try Policy(yaml: [UInt8](try InputFile.read(policy, limit: PolicyParser.maxBytes)), file: policy).settings.maxKeyAge
    }

    /// How long a registered key may go unused before the review flags it.
    static let unusedGrace: TimeInterval = 90 * 86_400

    static func entry(_ key: KeyRecord, lastUsed: Date?, now: Date, rotation: PolicyDuration?, window: PolicyDuration) -> Entry {
        let day = 86_400.0
        let age = now.timeIntervalSince(key.validFrom)
        let remaining = key.validUntil.map { $0.timeIntervalSince(now) }
        var flags: [String] = []
        if key.status == .active {
            if let rotation, age > rotation.seconds {
                flags.append("not rotated within \(rotation.text): active for \(Int(age / day))d; run `tollgate key rotate`")
            }
            if let remaining, remaining <= 0 {
                flags.append("validity ended \(KeyChangePrinter.format(key.validUntil ?? now)) but the key is still active; rotate or revoke it")
            } else if let remaining, remaining <= window.seconds {
                flags.append("validity ends within \(window.text) (\(KeyChangePrinter.format(key.validUntil ?? now))); rotate it before then")
            }
            if lastUsed == nil, age > Self.unusedGrace {
                flags.append("never used to sign recorded evidence in \(Int(age / day))d; revoke it if it is not needed")
            }
        }
        if key.status == .revoked, let revokedAt = key.revokedAt, let lastUsed, lastUsed > revokedAt {
            flags.append("signed recorded evidence after its revocation (\(KeyChangePrinter.format(lastUsed))); those decisions used a revoked key")
        }
        return Entry(keyID: key.keyID, algorithm: key.algorithm, owner: key.owner, purpose: key.purpose.rawValue,
                     status: key.status.rawValue, validFrom: key.validFrom, validUntil: key.validUntil,
                     ageDays: max(0, Int(age / day)), lastUsed: lastUsed,
                     expiresInDays: remaining.map { Int(($0 / day).rounded(.down)) }, flags: flags)
    }
}
