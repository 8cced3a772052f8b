import Foundation
import TollgateSigstore
import TollgateModel

/// The versioned JSON report of `tollgate verify-bundle` (one per bundle; a batch prints a list).
struct VerifyBundleReport: Encodable {
    let schemaVersion = "tollgate.dev/verify-bundle/v1"
    let bundle: String
    let artifact: String
    let verified: Bool
    /// A stable code: "verified", a `sigstore.*` verification reason, or an error code.
    let reasonCode: String
    let reason: String?
    let identity: Identity?
    let signingTimes: [VerifiedTime]?
    let logEntries: [VerifiedBundle.LogEntrySummary]?
    /// What verification skipped without failing (e.g. a timestamp that does not verify).
    let warnings: [String]?

    struct Identity: Encodable {
        let subjectAlternativeNames: [String]
        let issuer: String?
    }

    init(bundle: String, artifact: String, result: SigstoreVerificationResult) {
        self.bundle = bundle
        self.artifact = artifact
        switch result {
        case .verified(let verified):
            self.verified = true
            reasonCode = "verified"
            reason = nil
            identity = verified.identity.map { Identity(subjectAlternativeNames: $0.subjectAlternativeNames, issuer: $0.issuer) }
            signingTimes = verified.signingTimes
            logEntries = verified.logEntries
            warnings = verified.warnings.isEmpty ? nil : verified.warnings
        case .failed(let failure):
            verified = false
            reasonCode = failure.code
            reason = failure.message
            identity = nil
            signingTimes = nil
            logEntries = nil
            warnings = nil
        }
    }

    init(bundle: String, artifact: String, errorCode: String, reason: String) {
        self.bundle = bundle
        self.artifact = artifact
        verified = false
        reasonCode = errorCode
        self.reason = reason
        identity = nil
        signingTimes = nil
        logEntries = nil
        warnings = nil
    }

    /// One human line (text output).
    var textLine: String {
        if verified {
            let who = identity.map { "\($0.subjectAlternativeNames.first ?? "?") (issuer \($0.issuer ?? "?"))" } ?? "managed key"
            let when = signingTimes?.map { Self.instant($0.date) + " [\($0.source.rawValue)]" }.joined(separator: ", ") ?? ""
            let entry = logEntries?.first.map { "log index \($0.logIndex) in \($0.baseURL)" } ?? ""
            return "OK  \(bundle): signed by \(who) at \(when); \(entry)"
        }
        return "FAIL \(bundle): [\(reasonCode)] \(reason ?? "")"
    }

    /// RFC 3339 UTC to the second.
    static func instant(_ date: Date) -> String {
        InstantText.format(date)
    }
}

/// The JSON printed for `--batch`.
struct VerifyBundleBatchReport: Encodable {
    let schemaVersion = "tollgate.dev/verify-bundle-batch/v1"
    let total: Int
    let verified: Int
    let results: [VerifyBundleReport]
}
