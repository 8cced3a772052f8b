/// What a ledger entry records. The raw value is written into the entry encoding and is stable.
public enum LedgerEntryKind: String, Sendable, CaseIterable, Codable {
    case artifactRegistered = "artifact.registered"
    case attestationStored = "attestation.stored"
    case decisionMade = "decision.made"
    case exceptionGranted = "exception.granted"
    case exceptionExpired = "exception.expired"
    case keyAdded = "key.added"
    case keyRotated = "key.rotated"
    case keyRevoked = "key.revoked"
    case tagObserved = "tag.observed"
    case deploymentRecorded = "deployment.recorded"
    /// A TUF trust update stored a new root or a changed target (`tollgate trust update`, docs/tuf.md).
    case trustUpdated = "trust.updated"
    /// An SBOM document (stored by digest beside the log) describing an artifact.
    case sbomImported = "sbom.imported"
    /// Vulnerability findings seen in an artifact (remediation SLOs count from the first sighting).
    case findingsObserved = "findings.observed"
    /// An incident-response drill: the query, the answer's digest and how long it took.
    case drillRun = "drill.run"
    /// An API token was created (id, name, role, expiry; never the token or its hash).
    case tokenCreated = "token.created"
    /// An API token was revoked.
    case tokenRevoked = "token.revoked"
    /// A version of a named policy was published to the server (the document is stored by digest).
    case policyPublished = "policy.published"
    /// An artifact was disclosed to anonymous readers, or withdrawn.
    case disclosureChanged = "disclosure.changed"
    /// The server re-evaluated the deployed artifacts after the advisory database changed
    /// (`tollgate.dev/ledger/reevaluation-run/v1`, docs/dashboard.md#re-evaluation).
    case reevaluationRun = "reevaluation.run"
    /// An operator's free-form JSON annotation.
    case note = "note"
}
