import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import ServiceLifecycle
import TollgateData
import TollgateLedger
import TollgateModel
import TollgateSigstore
import TollgateStore
import TollgateStoreSQLite
import TollgateTransparency

/// The service that makes the server ready and keeps its log's checkpoint fresh: it opens and
/// prepares the stores (retrying while the database is unreachable, so `/readyz` stays false),
/// loads the trusted root, keys and advisory database, then signs a checkpoint whenever the log
/// has grown, until graceful shutdown; a last checkpoint is signed after the HTTP server has
/// finished its in-flight requests (services stop in reverse order).
struct StateLoader: Service {
    let server: ServerState
    let config: LedgerConfig
    let signer: Ed25519NoteSigner
    let logger: Logger

    func run() async throws {
        var loaded: LoadedState?
        while loaded == nil, !Task.isShuttingDownGracefully {
            do {
                loaded = try await load()
            } catch let error as StoreError where error.kind == .unavailable || error.kind == .io {
                server.setProblem("starting: \(error.reason)")
                logger.warning("the stores are not ready; retrying in 1 s", metadata: ["reason": "\(error.reason)"])
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(1)) }
            }
        }
        guard let loaded else { return }
        server.set(loaded)
        logger.info("ready", metadata: ["origin": "\(loaded.ledger.origin)", "backend": "\(loaded.stores.backend)"])
        let interval = server.configuration.checkpointInterval
        let alerts = server.alerts, logger = logger
        try? await cancelWhenGracefulShutdown {
            // The alert worker delivers what the outbox holds (including what a previous run left pending).
            let worker = Task { await alerts.run(outbox: loaded.stores.alerts, ledger: loaded.ledger, logger: logger) }
            // Exceptions expiring or expired raise alerts (once a day each), and the remediation queue is
            // exported to the tracker (opened, overdue, fixed), checked at start and then periodically.
            let server = self.server, every = server.configuration.exceptionAlertInterval
            let watcher = Task {
                while !Task.isCancelled {
                    await AlertTriggers.exceptions(state: loaded, server: server, logger: logger)
                    await AlertTriggers.remediation(state: loaded, server: server, logger: logger)
                    try? await Task.sleep(for: every)
                }
            }
            // A changed advisory database re-evaluates every running artifact.
            let reevaluation = Task {
                await Reevaluation.watch(state: loaded, server: server, interval: server.configuration.advisoryCheckInterval, logger: logger)
            }
            // A configured directory of advisories is imported whenever its content changes (the watch above re-evaluates).
            let imports = Task {
                guard let directory = server.configuration.advisoryImportDirectory else { return }
                await ScheduledAdvisoryImport.watch(directory: directory, interval: server.configuration.advisoryImportInterval,
                                                    state: loaded, server: server, logger: logger)
            }
            defer {
                worker.cancel()
                watcher.cancel()
                reevaluation.cancel()
                imports.cancel()
            }
            var lastSize: UInt64? = try? await loaded.stores.ledger.latestCheckpoint()?.size
            while !Task.isCancelled {
                lastSize = await Self.checkpoint(loaded.ledger, after: lastSize, logger: logger)
                try await Task.sleep(for: interval)
            }
        }
        _ = await Self.checkpoint(loaded.ledger, after: try? await loaded.stores.ledger.latestCheckpoint()?.size, logger: logger)
    }

    /// Signs a checkpoint when the log is larger than `after`; returns the size covered.
    private static func checkpoint(_ ledger: Ledger, after size: UInt64?, logger: Logger) async -> UInt64? {
        do {
            let current = try await ledger.size()
            guard current != size else { return size }
            return try await ledger.checkpoint().checkpoint.size
        } catch {
            logger.warning("cannot sign a checkpoint", metadata: ["reason": "\(ErrorText.describe(error))"])
            return size
        }
    }

    func load() async throws -> LoadedState {
        let configuration = server.configuration
        let location = configuration.location
        let stores = try location.openStores(config, maxConnections: configuration.databaseConnections)
        try await stores.prepare()
        let ledger = try await Ledger.open(store: stores.ledger, signer: signer)
        if try await stores.ledger.latestCheckpoint() == nil { _ = try await ledger.checkpoint() }
        let root: TrustedRoot
        let rootVersion: String
        if let path = configuration.trustedRoot {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ServerError(.invalidConfiguration, "cannot read the trusted root '\(path)'")
            }
            root = try TrustedRoot(json: [UInt8](data))
            rootVersion = DigestAlgorithm.sha256.hash([UInt8](data)).description
        } else {
            root = try TrustedRoot.publicGoodProduction()
            rootVersion = "shipped:sigstore-public-good-production"
        }
        var keys: [PublicKey] = []
        for path in configuration.keyFiles {
            guard let data = FileManager.default.contents(atPath: path), data.count <= 1 << 20 else {
                throw ServerError(.invalidConfiguration, "cannot read the key '\(path)'")
            }
            keys.append(try PublicKey(pem: String(decoding: data, as: UTF8.self)))
        }
        let advisoryPath = configuration.advisoryDatabase ?? location.directory.appendingPathComponent(AdvisoryStoreSQLite.defaultFileName).path
        var advisories: (any AdvisoryStore)?
        // A scheduled import makes the database when there is none yet.
        if FileManager.default.fileExists(atPath: advisoryPath) || configuration.advisoryImportDirectory != nil {
            let store = try AdvisoryStoreSQLite(path: advisoryPath)
            try await store.prepare()
            advisories = store
        } else if configuration.advisoryDatabase != nil {
            throw ServerError(.invalidConfiguration, "no advisory database at '\(advisoryPath)'")
        }
        var oidc: OIDCVerifier?
        if let trust = configuration.oidcTrust {
            let verifier = OIDCVerifier(trust: trust, fetch: Self.fetch)
            try await verifier.preload()
            oidc = verifier
        }
        return LoadedState(stores: stores, ledger: ledger, tokens: TokenAuthority(store: stores.tokens, ledger: ledger),
                           trustedRoot: root, trustedRootVersion: rootVersion, keys: keys, advisories: advisories, oidc: oidc,
                           verifierKey: signer.verifier.verifierKey, keyActor: DataLocation.keyActor(signer),
                           indexSnapshot: FileManager.default.fileExists(atPath: location.directory.path)
                               ? DashboardIndexSnapshotFile(directory: location.directory, signer: signer) : nil)
    }

    /// Fetches a JWKS URL (at most 1 MiB, 10 s).
    @Sendable static func fetch(_ url: String) async throws -> Data {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
        guard response.status == .ok else { throw ServerError(.unavailable, "\(url) answered \(response.status.code)") }
        let body = try await response.body.collect(upTo: 1 << 20)
        return Data(buffer: body)
    }
}
