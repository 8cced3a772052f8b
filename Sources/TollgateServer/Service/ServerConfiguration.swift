import Foundation
import TollgateAdmission
import TollgateData

/// Everything `tollgate serve` is told on its command line.
public struct ServerConfiguration: Sendable {
    public var location: DataLocation
    public var host = "127.0.0.1"
    /// 0 picks a free port (tests); the listening address is printed once bound.
    public var port = 8080
    /// PEM certificate chain and private key for HTTPS.
    public var tlsCertificate: String?
    public var tlsKey: String?
    /// PEM CA certificates whose client certificates may call `POST /v1/admission` without a token
    /// (the Kubernetes API server's); other clients may still connect without one.
    public var tlsClientCA: String?
    public var oidcTrust: OIDCTrust?
    /// A Sigstore `trusted_root.json` (default: the shipped public-good root).
    public var trustedRoot: String?
    /// PEM public keys that make key-signed evidence verifiable (trust is the policy's).
    public var keyFiles: [String] = []
    /// The advisory database the gate scans trusted SBOMs against (default `DIR/advisories.sqlite` when present).
    public var advisoryDatabase: String?
    public var limits = ServerLimits()
    /// The one browser origin allowed cross-origin requests (no CORS when nil).
    public var corsOrigin: String?
    /// How often a checkpoint of a grown log is signed.
    public var checkpointInterval: Duration = .seconds(1)
    /// PostgreSQL connections per process.
    public var databaseConnections = 16
    /// `POST /v1/admission` answers only with this (`--admission-config`; docs/admission.md).
    public var admission: AdmissionConfig?
    /// Where alerts are delivered (docs/dashboard.md#alerts); every alert is also recorded in the ledger.
    public var alertSinks: [AlertSink] = []
    /// Attempts per alert delivery before it is dead-lettered.
    public var alertAttempts = 5
    /// How long one delivery attempt may take, connection to answer.
    public var alertAttemptTimeout: Duration = .seconds(10)
    /// The first retry waits up to this (doubling per attempt, full jitter, at most 30 s).
    public var alertBaseDelay: Duration = .milliseconds(500)
    /// How often the alert worker looks for due deliveries.
    public var alertPollInterval: Duration = .seconds(1)
    /// How often published exceptions and the remediation queue are checked for `exception.expiring`,
    /// `exception.expired` and `remediation.overdue` alerts.
    public var exceptionAlertInterval: Duration = .seconds(3600)
    /// How often the advisory database is checked for a change that re-evaluates the running artifacts.
    public var advisoryCheckInterval: Duration = .seconds(30)
    /// A directory of OSV advisories the server imports into its advisory database whenever its
    /// content changes (`--advisory-import-dir`; docs/server.md#scheduled-advisory-import).
    public var advisoryImportDirectory: String?
    /// How often that directory is checked for a change.
    public var advisoryImportInterval: Duration = .seconds(300)

    public init(location: DataLocation) {
        self.location = location
    }
}
