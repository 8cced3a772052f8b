import Foundation
import Synchronization
import TollgateAdmission
import TollgateModel

/// The server's state across requests: its configuration, and the stores and keys once loaded.
/// Until then every API request is answered 503 and `/readyz` says why.
public final class ServerState: Sendable {
    public let configuration: ServerConfiguration
    /// Kubernetes admission (its decision cache lives as long as the process), when configured.
    let admission: AdmissionController?
    private let storage = Mutex<(loaded: LoadedState?, problem: String)>((nil, "starting: the stores are not open yet"))

    /// Delivers alerts to the configured sinks and records them in the ledger.
    let alerts: AlertDispatcher
    /// The ledger-fed index the dashboard and the re-evaluation read (made once the ledger is open).
    let index = LazyIndex()

    init(configuration: ServerConfiguration) {
        self.configuration = configuration
        admission = configuration.admission.map { AdmissionController(configuration: $0) }
        alerts = AlertDispatcher(sinks: configuration.alertSinks, maxAttempts: configuration.alertAttempts,
                                 baseDelay: configuration.alertBaseDelay, attemptTimeout: configuration.alertAttemptTimeout,
                                 pollInterval: configuration.alertPollInterval)
    }

    func loaded() throws -> LoadedState {
        let (loaded, problem) = storage.withLock { ($0.loaded, $0.problem) }
        guard let loaded else { throw ServerError(.unavailable, problem) }
        return loaded
    }

    /// Whether the server is ready, and why not.
    var readiness: (ready: Bool, reason: String) {
        storage.withLock { ($0.loaded != nil, $0.loaded != nil ? "ready" : $0.problem) }
    }

    func set(_ loaded: LoadedState) {
        storage.withLock { $0 = (loaded, "ready") }
    }

    func setProblem(_ problem: String) {
        storage.withLock { $0.problem = problem }
    }
}
