import Foundation
import TollgateInventory
import TollgateLedger
import TollgatePolicy

/// Appends gate decisions, and exception grants and expiries, to a ledger without an inventory.
/// With one, `verify --record` appends the same payloads through `VerificationRecord` and
/// `InventoryRecorder`, so the inventory indexes them.
///
/// The same decision JSON the CLI prints is the entry payload, so an auditor can check a
/// printed decision against the log byte for byte.
public struct DecisionRecorder: Sendable {
    public let ledger: Ledger
    public let actor: String

    public init(ledger: Ledger, actor: String) {
        self.ledger = ledger
        self.actor = actor
    }

    /// The canonical bytes of a decision (sorted keys, ISO 8601 dates).
    public static func payload(_ decision: Decision) throws -> Data {
        try LedgerJSON.encode(decision)
    }

    /// Appends a `decision.made` entry and returns its receipt (durable when returned).
    public func record(_ decision: Decision) async throws -> LedgerReceipt {
        return try await ledger.append(kind: .decisionMade, actor: actor, payload: try Self.payload(decision))
    }

    /// An exception event as recorded in the ledger.
    public struct ExceptionEvent: Sendable, Codable, Hashable {
        public let schemaVersion: String
        public let policy: String
        public let id: String
        public let owner: String
        public let reason: String
        public let compensatingControl: String?
        public let scope: String
        /// When the owner granted it (the policy's `granted`), when the policy says.
        public let granted: Date?
        public let expires: Date
    }

    /// The owner and the granted date are facts of the payload; the entry's actor is who recorded it.
    ///
    /// Appends `exception.granted` for exceptions not yet recorded and `exception.expired` for
    /// those past expiry, skipping events in `alreadyRecorded` ("granted:POLICY:ID" /
    /// "expired:POLICY:ID"). Returns the events appended.
    public func recordExceptions(of policy: Policy, now: Date, alreadyRecorded: Set<String>) async throws -> [String] {
        var appended: [String] = []
        for (key, draft) in try Self.exceptionDrafts(of: policy, now: now, actor: actor, alreadyRecorded: alreadyRecorded) {
            _ = try await ledger.append(draft)
            appended.append(key)
        }
        return appended
    }

    /// The exception events of `policy` not in `alreadyRecorded`, as drafts with their keys
    /// (`ExceptionEventKey`): a grant for every exception, an expiry for those expired at `now`.
    public static func exceptionDrafts(of policy: Policy, now: Date, actor: String,
                                       alreadyRecorded: Set<String>) throws -> [(key: String, draft: LedgerEntryDraft)] {
        var drafts: [(key: String, draft: LedgerEntryDraft)] = []
        for exception in policy.exceptions {
            let event = ExceptionEvent(schemaVersion: "tollgate.dev/exception/v1", policy: policy.name, id: exception.id,
                                       owner: exception.owner, reason: exception.reason,
                                       compensatingControl: exception.compensatingControl,
                                       scope: exception.scope.rawValue, granted: exception.granted, expires: exception.expires)
            let payload = try LedgerJSON.encode(event)
            let grantedKey = ExceptionEventKey.granted(policy: policy.name, id: exception.id)
            if !alreadyRecorded.contains(grantedKey) {
                drafts.append((grantedKey, try LedgerEntryDraft(kind: .exceptionGranted, actor: actor, payload: payload)))
            }
            let expiredKey = ExceptionEventKey.expired(policy: policy.name, id: exception.id)
            if !exception.isActive(at: now), !alreadyRecorded.contains(expiredKey) {
                drafts.append((expiredKey, try LedgerEntryDraft(kind: .exceptionExpired, actor: actor, payload: payload)))
            }
        }
        return drafts
    }
}
