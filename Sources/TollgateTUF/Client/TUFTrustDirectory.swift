import Foundation
import TollgateModel

/// A TUF repository the gate trusts, kept in one directory (`DATA/trust/`): which repository
/// (`repository.json`), its verified metadata (`metadata/`, each role under its plain name) and
/// verified copies of the tracked targets (`targets/`, e.g. `targets/trusted_root.json`).
///
/// Nothing here reaches the network: `update` takes a fetcher (HTTP or a mirror directory).
/// Readers (`verifiedTarget`) re-check the stored metadata offline at their own time, so an
/// expired copy is refused with the command that renews it, never used silently.
public struct TUFTrustDirectory: Sendable {
    public let directory: URL
    public let trackedTargets: [TUFTrackedTarget]

    public init(directory: URL, trackedTargets: [TUFTrackedTarget] = TUFTrackedTarget.defaults) {
        self.directory = directory
        self.trackedTargets = trackedTargets
    }

    var metadataStore: TUFDirectoryStore { TUFDirectoryStore(directory: directory.appendingPathComponent("metadata")) }
    var targetsDirectory: URL { directory.appendingPathComponent("targets") }
    var configurationURL: URL { directory.appendingPathComponent("repository.json") }

    /// Whether `initialize` has run here.
    public var exists: Bool { FileManager.default.fileExists(atPath: configurationURL.path) }

    /// The repository URL or mirror directory given to `initialize`.
    public func repository() throws(TUFError) -> String {
        guard let data = FileManager.default.contents(atPath: configurationURL.path),
              let json = try? JSONValue.parse(data, maxBytes: 1 << 16),
              let repository = json["repository"]?.stringValue else {
            throw TUFError(.storage, "'\(directory.path)' is not a trust directory; run `tollgate trust init --repository URL|DIR --root ROOT.json`")
        }
        return repository
    }

    /// Starts trusting `repository` from `rootBytes`, which must be signed by a threshold of its own
    /// root keys. Replaces any earlier metadata and targets here.
    public func initialize(repository: String, rootBytes: [UInt8]) throws {
        let metadata = try UnverifiedTUFMetadata(bytes: rootBytes, maxBytes: TUFUpdaterConfiguration().rootMaxLength, role: "root")
        let root = try TUFRoot(metadata)
        let verdict = root.verdict(for: metadata, as: .root)
        guard verdict.isMet else {
            throw TUFError(.invalidLocalRoot, "the root given is not signed by a threshold of its own keys: \(verdict)")
        }
        let fileManager = FileManager.default
        for sub in ["metadata", "targets"] {
            let url = directory.appendingPathComponent(sub)
            if fileManager.fileExists(atPath: url.path) { try? fileManager.removeItem(at: url) }
        }
        try metadataStore.store(role: "root", bytes: rootBytes)
        let configuration: JSONValue = ["repository": .string(repository)]
        do {
            try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(configuration.encodedBytes(pretty: true)).write(to: configurationURL, options: .atomic)
        } catch {
            throw TUFError(.storage, "cannot write '\(configurationURL.path)': \(ErrorText.describe(error))")
        }
    }

    /// Refreshes the metadata through `fetcher` and stores verified copies of the tracked targets.
    /// A tracked target the repository does not list is reported without a digest.
    public func update(fetcher: any TUFFetcher, at time: Date = Date()) async throws -> TUFTrustReport {
        let repository = try repository()
        let updater = try TUFUpdater(store: metadataStore, fetcher: fetcher, referenceTime: time)
        try await updater.refresh()
        var targets: [TUFTrustReport.Target] = []
        var targetChanges: [TUFTrustReport.Change] = []
        for tracked in trackedTargets {
            guard let info = try await updater.targetInfo(for: tracked.path) else {
                targets.append(.init(path: tracked.path, purpose: tracked.purpose, sha256: nil, length: nil))
                continue
            }
            let file = targetURL(tracked.path)
            let existing = (try? Data(contentsOf: file)).map { [UInt8]($0) }
            let bytes: [UInt8]
            if let existing, (try? info.verify(existing)) != nil {
                bytes = existing
            } else {
                bytes = try await updater.download(info)
                try write(bytes, to: file)
            }
            let digest = DigestAlgorithm.sha256.hash(bytes).hex
            if existing != bytes {
                targetChanges.append(.init(kind: "target", name: tracked.path, previousVersion: nil, version: nil,
                                           previousSHA256: existing.map { DigestAlgorithm.sha256.hash($0).hex }, sha256: digest))
            }
            targets.append(.init(path: tracked.path, purpose: tracked.purpose, sha256: digest, length: bytes.count))
        }
        let metadataChanges = await updater.updates.filter { $0.previousVersion != $0.version }.map {
            TUFTrustReport.Change(kind: "metadata", name: $0.role, previousVersion: $0.previousVersion, version: $0.version,
                                  previousSHA256: nil, sha256: $0.sha256)
        }
        return TUFTrustReport(repository: repository, time: TUFTime.format(time), valid: true, problem: nil,
                              roles: await roles(updater), targets: targets, changes: metadataChanges + targetChanges)
    }

    /// The stored state, checked offline at `time`. Stale or invalid metadata is not an error here:
    /// it is reported in `problem`, with what to run.
    public func status(at time: Date = Date()) async throws -> TUFTrustReport {
        let repository = try repository()
        let stamp = TUFTime.format(time)
        let updater: TUFUpdater
        do {
            updater = try TUFUpdater(store: metadataStore, fetcher: OfflineFetcher(), referenceTime: time)
        } catch {
            return TUFTrustReport(repository: repository, time: stamp, valid: false, problem: Self.wayOut(error),
                                  roles: [], targets: storedTargets(), changes: [])
        }
        do {
            try await updater.loadLocal()
        } catch {
            return TUFTrustReport(repository: repository, time: stamp, valid: false, problem: Self.wayOut(error),
                                  roles: await roles(updater), targets: storedTargets(), changes: [])
        }
        // The stored targets must be what the metadata lists.
        for tracked in trackedTargets {
            guard let data = try? Data(contentsOf: targetURL(tracked.path)) else { continue }
            do {
                try await updater.targetInfo(for: tracked.path)?.verify([UInt8](data))
            } catch {
                return TUFTrustReport(repository: repository, time: stamp, valid: false, problem: Self.wayOut(error),
                                      roles: await roles(updater), targets: storedTargets(), changes: [])
            }
        }
        return TUFTrustReport(repository: repository, time: stamp, valid: true, problem: nil,
                              roles: await roles(updater), targets: storedTargets(), changes: [])
    }

    /// The stored copy of `path`, after checking offline at `time` that the stored metadata is
    /// valid and current and that it lists exactly these bytes. Throws `tuf.expired` (and the
    /// other refusals) with the command that renews the metadata.
    public func verifiedTarget(_ path: String, at time: Date = Date()) async throws -> [UInt8] {
        do {
            let updater = try TUFUpdater(store: metadataStore, fetcher: OfflineFetcher(), referenceTime: time)
            try await updater.loadLocal()
            guard let info = try await updater.targetInfo(for: path) else {
                throw TUFError(.targetNotFound, "the trusted repository does not list '\(path.prefix(120))'")
            }
            guard let data = try? Data(contentsOf: targetURL(path)) else {
                throw TUFError(.storage, "no stored copy of '\(path.prefix(120))'")
            }
            let bytes = [UInt8](data)
            try info.verify(bytes)
            return bytes
        } catch let error as TUFError {
            throw TUFError(error.kind, Self.wayOut(error))
        }
    }

    func targetURL(_ path: String) -> URL {
        targetsDirectory.appendingPathComponent(TUFPercentEncoding.quote(path), isDirectory: false)
    }

    private func write(_ bytes: [UInt8], to url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: targetsDirectory, withIntermediateDirectories: true)
            try Data(bytes).write(to: url, options: .atomic)
        } catch {
            throw TUFError(.storage, "cannot write '\(url.path)': \(ErrorText.describe(error))")
        }
    }

    private func storedTargets() -> [TUFTrustReport.Target] {
        trackedTargets.map { tracked in
            let bytes = (try? Data(contentsOf: targetURL(tracked.path))).map { [UInt8]($0) }
            return .init(path: tracked.path, purpose: tracked.purpose,
                         sha256: bytes.map { DigestAlgorithm.sha256.hash($0).hex }, length: bytes?.count)
        }
    }

    private func roles(_ updater: TUFUpdater) async -> [TUFTrustReport.Role] {
        var roles: [TUFTrustReport.Role] = []
        let root = await updater.root
        roles.append(.init(role: "root", version: root.version, expires: TUFTime.format(root.metadata.expires)))
        if let timestamp = await updater.timestamp {
            roles.append(.init(role: "timestamp", version: timestamp.version, expires: TUFTime.format(timestamp.metadata.expires)))
        }
        if let snapshot = await updater.snapshot {
            roles.append(.init(role: "snapshot", version: snapshot.version, expires: TUFTime.format(snapshot.metadata.expires)))
        }
        if let targets = await updater.loadedTargetsRole("targets") {
            roles.append(.init(role: "targets", version: targets.version, expires: TUFTime.format(targets.metadata.expires)))
        }
        return roles
    }

    /// The reason with the way out.
    static func wayOut(_ error: any Error) -> String {
        let reason = (error as? TUFError)?.reason ?? ErrorText.describe(error)
        return "\(reason); run `tollgate trust update` to refresh the trusted metadata "
            + "(or remove the trust directory to use the trusted root shipped with tollgate)"
    }
}

/// The fetcher of offline checks: every request fails.
struct OfflineFetcher: TUFFetcher {
    func fetchMetadata(_ name: String, maxLength: Int) async throws -> [UInt8] {
        throw TUFError(.fetchFailed, "offline: '\(name.prefix(120))' is not stored; run `tollgate trust update`")
    }
    func fetchTarget(_ path: String, maxLength: Int) async throws -> [UInt8] {
        throw TUFError(.fetchFailed, "offline: target '\(path.prefix(120))' is not stored; run `tollgate trust update`")
    }
}
