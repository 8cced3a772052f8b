import Foundation
import TollgateModel

/// The TUF 1.0 client: the specification's "Detailed client workflow" (§5) over an injected fetcher
/// and metadata store, at one reference time fixed when the updater is made.
/// <https://theupdateframework.github.io/specification/latest/#detailed-client-workflow>
///
/// ```swift
/// let updater = try TUFUpdater(store: TUFDirectoryStore(directory: dir), fetcher: fetcher)
/// try await updater.refresh()
/// if let target = try await updater.targetInfo(for: "trusted_root.json") {
///     let bytes = try await updater.download(target)
/// }
/// ```
///
/// Every refusal throws a `TUFError` whose kind names the attack it stops: `rollback`, `expired`
/// (freeze), `lengthOrHashMismatch` (mix-and-match), `thresholdNotMet`, `versionMismatch`
/// (fast-forward), `tooLarge` (endless data). Each role is stored under its non-versioned name as
/// the exact bytes received, and only once verified.
public actor TUFUpdater {
    private let store: any TUFMetadataStore
    private let fetcher: any TUFFetcher
    public let configuration: TUFUpdaterConfiguration
    /// "Now" for every expiry check of this updater (spec §5.1: "record the time at which the update
    /// began"), so one refresh never sees time move.
    public let referenceTime: Date

    /// The trusted root: the local one until `refresh` walks the chain.
    public private(set) var root: TUFRoot
    public private(set) var timestamp: TUFTimestamp?
    public private(set) var snapshot: TUFSnapshot?
    /// Targets roles loaded so far (top-level `targets` and delegated roles), by name.
    private var loadedTargets: [String: TUFTargets] = [:]
    /// (delegator, role) pairs whose signatures were checked: a role reached through a second
    /// delegator is checked again against that delegator's keys (the diamond case, python-tuf #2977).
    private var verifiedEdges = Set<[String]>()
    private var refreshed = false
    /// What `refresh` (and target searches) stored, in order.
    public private(set) var updates: [TUFRoleUpdate] = []

    /// Loads and checks the local trusted root. A missing, malformed or unsigned local root throws
    /// `tuf.local-root-invalid` here, before any request is made.
    public init(store: any TUFMetadataStore, fetcher: any TUFFetcher,
                configuration: TUFUpdaterConfiguration = TUFUpdaterConfiguration(),
                referenceTime: Date = Date()) throws(TUFError) {
        self.store = store
        self.fetcher = fetcher
        self.configuration = configuration
        self.referenceTime = referenceTime
        let bytes: [UInt8]?
        do {
            bytes = try store.load(role: "root", maxLength: configuration.rootMaxLength)
        } catch {
            throw TUFError(.invalidLocalRoot, "the local trusted root cannot be read: \(ErrorText.describe(error))")
        }
        guard let bytes else { throw TUFError(.invalidLocalRoot, "there is no local trusted root (root.json)") }
        do {
            let metadata = try UnverifiedTUFMetadata(bytes: bytes, maxBytes: configuration.rootMaxLength, role: "root")
            let root = try TUFRoot(metadata)
            // Spec §5.2: "the trusted root … MUST be signed by a threshold of its own keys" before use.
            try root.requireSigned(metadata, as: .root)
            self.root = root
        } catch {
            throw TUFError(.invalidLocalRoot, "the local trusted root is not usable: \(error.reason)")
        }
    }

    // MARK: Refresh

    /// Spec §5.3–§5.6: updates root, timestamp, snapshot and top-level targets.
    public func refresh() async throws {
        refreshed = true
        try await loadRoot()
        try await loadTimestamp()
        try await loadSnapshot()
        let targetsKeys = root.roleKeys(.targets)
        _ = try await loadTargets(role: targetsKeys, keys: root.keys, delegator: "root")
    }

    /// Spec §5.3: walk root N+1, N+2, … until the repository has no next version.
    private func loadRoot() async throws {
        let first = root.version + 1
        for next in first..<(first + configuration.maxRootRotations) {
            let bytes: [UInt8]
            do {
                bytes = try await fetcher.fetchMetadata("\(next).root.json", maxLength: configuration.rootMaxLength)
            } catch let error as TUFError where error.kind == .notFound {
                break
            }
            try updateRoot(bytes)
            try persist("root", bytes, version: root.version)
        }
    }

    /// Spec §5.3.4–§5.3.7 for one new root.
    func updateRoot(_ bytes: [UInt8]) throws(TUFError) {
        precondition(timestamp == nil, "root updates precede timestamp")
        let metadata = try UnverifiedTUFMetadata(bytes: bytes, maxBytes: configuration.rootMaxLength, role: "root")
        let newRoot = try TUFRoot(metadata)
        // §5.3.5: "signed by a threshold of keys specified in the trusted root metadata" …
        try root.requireSigned(metadata, as: .root)
        // §5.3.6: "The version number of the trusted root metadata file (version N) MUST be less than
        // or equal to the version number of the new root metadata file (version N+1)" — exactly N+1.
        guard metadata.version == root.version + 1 else {
            throw TUFError(.versionMismatch, "expected root version \(root.version + 1), found \(metadata.version)")
        }
        // … "and by a threshold of keys specified in the new root metadata file being validated".
        try newRoot.requireSigned(metadata, as: .root)
        root = newRoot
    }

    /// Spec §5.4. A valid local timestamp is the baseline for the rollback checks; an invalid one
    /// (unsigned under the new root after a key rotation: fast-forward recovery) is ignored.
    private func loadTimestamp() async throws {
        if let local = try? store.load(role: "timestamp", maxLength: configuration.timestampMaxLength) {
            _ = try? updateTimestamp(local)
        }
        let bytes = try await fetcher.fetchMetadata("timestamp.json", maxLength: configuration.timestampMaxLength)
        // An equal version keeps the timestamp already trusted (its content may not change silently).
        guard try updateTimestamp(bytes) else { return }
        try persist("timestamp", bytes, version: timestamp?.version ?? 0)
    }

    /// Returns false when `bytes` has the trusted timestamp's version (nothing to store).
    func updateTimestamp(_ bytes: [UInt8]) throws(TUFError) -> Bool {
        precondition(snapshot == nil, "timestamp updates precede snapshot")
        // §5.3.10: "Check for a freeze attack": the final root must not be expired.
        guard !root.metadata.isExpired(at: referenceTime) else {
            throw TUFError(.expired, "the trusted root version \(root.version) expired at \(TUFTime.format(root.metadata.expires)) (reference time \(TUFTime.format(referenceTime)))")
        }
        let metadata = try UnverifiedTUFMetadata(bytes: bytes, maxBytes: configuration.timestampMaxLength, role: "timestamp")
        let new = try TUFTimestamp(metadata)
        try root.requireSigned(metadata, as: .timestamp)
        if let old = timestamp {
            // §5.4.3: "the version number of the trusted timestamp … MUST be less than or equal to …"
            guard new.version >= old.version else {
                throw TUFError(.rollback, "timestamp version \(new.version) is older than the trusted version \(old.version)")
            }
            if new.version == old.version { return false }
            // §5.4.3.2: "the snapshot version in the new timestamp MUST NOT be lower".
            guard new.snapshotMeta.version >= old.snapshotMeta.version else {
                throw TUFError(.rollback, "timestamp lists snapshot version \(new.snapshotMeta.version), older than the trusted \(old.snapshotMeta.version)")
            }
        }
        // Kept even if expired, as the rollback baseline; the expiry is checked next.
        timestamp = new
        // §5.4.4: "Check for a freeze attack."
        guard !metadata.isExpired(at: referenceTime) else {
            throw TUFError(.expired, "timestamp version \(new.version) expired at \(TUFTime.format(metadata.expires)) (reference time \(TUFTime.format(referenceTime)))")
        }
        return true
    }

    /// Spec §5.5. A local snapshot that verifies and matches the timestamp is used as is.
    private func loadSnapshot() async throws {
        if let local = try? store.load(role: "snapshot", maxLength: configuration.snapshotMaxLength) {
            do {
                try updateSnapshot(local, trusted: true)
                return
            } catch {}
        }
        guard let timestamp else { throw TUFError(.roleMissing, "no trusted timestamp") }
        let meta = timestamp.snapshotMeta
        let name = root.consistentSnapshot ? "\(meta.version).snapshot.json" : "snapshot.json"
        let bytes = try await fetcher.fetchMetadata(name, maxLength: meta.length ?? configuration.snapshotMaxLength)
        try updateSnapshot(bytes, trusted: false)
        try persist("snapshot", bytes, version: snapshot?.version ?? 0)
    }

    func updateSnapshot(_ bytes: [UInt8], trusted: Bool) throws(TUFError) {
        guard let timestamp else { throw TUFError(.roleMissing, "no trusted timestamp") }
        precondition(loadedTargets.isEmpty, "snapshot updates precede targets")
        guard !timestamp.metadata.isExpired(at: referenceTime) else {
            throw TUFError(.expired, "timestamp version \(timestamp.version) expired at \(TUFTime.format(timestamp.metadata.expires))")
        }
        // §5.5.2: "Check against timestamp role's snapshot hash" (bytes stored earlier were checked then).
        if !trusted { try timestamp.snapshotMeta.verify(bytes, what: "snapshot") }
        let metadata = try UnverifiedTUFMetadata(bytes: bytes, maxBytes: max(bytes.count, configuration.snapshotMaxLength), role: "snapshot")
        let new = try TUFSnapshot(metadata)
        try root.requireSigned(metadata, as: .snapshot)
        if let old = snapshot {
            // §5.5.5: "Check for a rollback attack": every targets file listed before is still
            // listed, at a version no lower.
            for (name, info) in old.meta {
                guard let now = new.meta[name] else {
                    throw TUFError(.roleMissing, "snapshot version \(new.version) no longer lists \(name.prefix(80)), which version \(old.version) listed")
                }
                guard now.version >= info.version else {
                    throw TUFError(.rollback, "snapshot version \(new.version) lists \(name.prefix(80)) at version \(now.version), older than the trusted \(info.version)")
                }
            }
        }
        // Kept even if expired or not the listed version, as the rollback baseline.
        snapshot = new
        try checkFinalSnapshot()
    }

    private func checkFinalSnapshot() throws(TUFError) {
        guard let snapshot, let timestamp else { throw TUFError(.roleMissing, "no trusted snapshot") }
        // §5.5.6: "Check for a freeze attack."
        guard !snapshot.metadata.isExpired(at: referenceTime) else {
            throw TUFError(.expired, "snapshot version \(snapshot.version) expired at \(TUFTime.format(snapshot.metadata.expires))")
        }
        // §5.5.4: "The version … MUST match the version listed in the trusted timestamp".
        guard snapshot.version == timestamp.snapshotMeta.version else {
            throw TUFError(.versionMismatch, "snapshot version \(snapshot.version) is not the version \(timestamp.snapshotMeta.version) the timestamp lists")
        }
    }

    /// Spec §5.6 for `role`, verified against `delegator`'s keys for it.
    private func loadTargets(role: TUFRoleKeys, keys: [String: TUFKey], delegator: String) async throws -> TUFTargets {
        let edge = [delegator, role.role]
        if let cached = loadedTargets[role.role] {
            if !verifiedEdges.contains(edge) {
                try TUFThresholdVerifier.require(cached.metadata, role: role, keys: keys, signer: delegator)
                verifiedEdges.insert(edge)
            }
            return cached
        }
        let maxLength = snapshot?.meta["\(role.role).json"]?.length ?? configuration.targetsMaxLength
        if let local = try? store.load(role: role.role, maxLength: maxLength),
           let targets = try? updateTargets(local, role: role, keys: keys, delegator: delegator) {
            return targets
        }
        guard let info = snapshot?.meta["\(role.role).json"] else {
            throw TUFError(.roleMissing, "\(role.role.prefix(80)) is delegated by \(delegator.prefix(80)) but snapshot does not list it")
        }
        let quoted = TUFPercentEncoding.quote(role.role)
        let name = root.consistentSnapshot ? "\(info.version).\(quoted).json" : "\(quoted).json"
        let bytes = try await fetcher.fetchMetadata(name, maxLength: maxLength)
        let targets = try updateTargets(bytes, role: role, keys: keys, delegator: delegator)
        try persist(role.role, bytes, version: targets.version)
        return targets
    }

    private func updateTargets(_ bytes: [UInt8], role: TUFRoleKeys, keys: [String: TUFKey],
                               delegator: String) throws(TUFError) -> TUFTargets {
        try checkFinalSnapshot()
        guard let info = snapshot?.meta["\(role.role).json"] else {
            throw TUFError(.roleMissing, "snapshot does not list \(role.role.prefix(80)).json")
        }
        // §5.6.2: "Check against snapshot role's targets hash" (mix-and-match).
        try info.verify(bytes, what: "\(role.role.prefix(80)) metadata")
        let metadata = try UnverifiedTUFMetadata(bytes: bytes, maxBytes: max(bytes.count, configuration.targetsMaxLength), role: role.role)
        let targets = try TUFTargets(metadata, role: role.role)
        // §5.6.3 / §5.6.7.2: signed by a threshold of the keys *the delegator* lists for this role.
        try TUFThresholdVerifier.require(metadata, role: role, keys: keys, signer: delegator)
        // §5.6.4: "The version … MUST match the version listed in the trusted snapshot".
        guard metadata.version == info.version else {
            throw TUFError(.versionMismatch, "\(role.role.prefix(80)) version \(metadata.version) is not the version \(info.version) snapshot lists")
        }
        // §5.6.5: "Check for a freeze attack."
        guard !metadata.isExpired(at: referenceTime) else {
            throw TUFError(.expired, "\(role.role.prefix(80)) version \(metadata.version) expired at \(TUFTime.format(metadata.expires))")
        }
        loadedTargets[role.role] = targets
        verifiedEdges.insert([delegator, role.role])
        return targets
    }

    /// Loads the stored timestamp, snapshot and top-level targets without any request, checking
    /// each exactly as `refresh` would (signatures, versions, hashes, expiry) at the reference time:
    /// for using what the last refresh stored, offline. Throws the first refusal, e.g. `tuf.expired`
    /// once the stored timestamp has expired.
    public func loadLocal() throws {
        refreshed = true
        guard let timestampBytes = try store.load(role: "timestamp", maxLength: configuration.timestampMaxLength) else {
            throw TUFError(.roleMissing, "no stored timestamp: the repository was never refreshed")
        }
        _ = try updateTimestamp(timestampBytes)
        guard let snapshotBytes = try store.load(role: "snapshot", maxLength: configuration.snapshotMaxLength) else {
            throw TUFError(.roleMissing, "no stored snapshot: the last refresh did not finish")
        }
        try updateSnapshot(snapshotBytes, trusted: false)
        let maxLength = snapshot?.meta["targets.json"]?.length ?? configuration.targetsMaxLength
        guard let targetsBytes = try store.load(role: "targets", maxLength: maxLength) else {
            throw TUFError(.roleMissing, "no stored targets: the last refresh did not finish")
        }
        _ = try updateTargets(targetsBytes, role: root.roleKeys(.targets), keys: root.keys, delegator: "root")
    }

    /// The targets role `name` if this updater has loaded and verified it.
    public func loadedTargetsRole(_ name: String) -> TUFTargets? { loadedTargets[name] }

    // MARK: Targets

    /// Spec §5.6.7: the trusted description of `path`, found by a pre-order depth-first search of the
    /// delegations (terminating roles end the search; at most `maxDelegations` roles), or `nil` when
    /// no role trusted for the path lists it. Refreshes first if `refresh` has not run.
    public func targetInfo(for path: String) async throws -> TUFTargetFile? {
        if !refreshed { try await refresh() }
        var stack: [(role: TUFRoleKeys, keys: [String: TUFKey], delegator: String)] =
            [(root.roleKeys(.targets), root.keys, "root")]
        var visited = Set<[String]>()
        var remaining = configuration.maxDelegations
        while remaining > 0, let (role, keys, delegator) = stack.popLast() {
            let edge = [delegator, role.role]
            if visited.contains(edge) { continue }
            let targets = try await loadTargets(role: role, keys: keys, delegator: delegator)
            if let file = targets.targets[path] { return file }
            visited.insert(edge)
            remaining -= 1
            guard let delegations = targets.delegations else { continue }
            var children: [(role: TUFRoleKeys, keys: [String: TUFKey], delegator: String)] = []
            for (child, terminating) in delegations.roles(for: path) {
                children.append((child, delegations.keys, role.role))
                if terminating {
                    // §5.6.7.2.1: a terminating role ends the search beyond its own subtree.
                    stack.removeAll()
                    break
                }
            }
            stack.append(contentsOf: children.reversed())
        }
        return nil
    }

    /// The name a target is requested under: each path segment percent-encoded and, with consistent
    /// snapshots, the file name prefixed by a listed hash (spec §5.7.3: `DIR/HASH.NAME`).
    public func requestPath(for target: TUFTargetFile) throws(TUFError) -> String {
        var segments = target.path.split(separator: "/", omittingEmptySubsequences: false).map { TUFPercentEncoding.quote(String($0)) }
        if root.consistentSnapshot && configuration.prefixTargetsWithHash, let last = segments.last {
            guard let hash = target.hashes.preferredHex else {
                throw TUFError(.unknownHashAlgorithm, "target '\(target.path.prefix(120))' lists no hash algorithm this client knows")
            }
            segments[segments.count - 1] = "\(TUFPercentEncoding.quote(hash)).\(last)"
        }
        return segments.joined(separator: "/")
    }

    /// Spec §5.7: downloads `target` (never more than its listed length) and checks length and hashes.
    public func download(_ target: TUFTargetFile) async throws -> [UInt8] {
        guard target.length <= configuration.targetMaxLength else {
            throw TUFError(.tooLarge, "target '\(target.path.prefix(120))' is listed at \(target.length) bytes, over the \(configuration.targetMaxLength)-byte limit")
        }
        let bytes = try await fetcher.fetchTarget(try requestPath(for: target), maxLength: target.length)
        try target.verify(bytes)
        return bytes
    }

    // MARK: Storage

    private func persist(_ role: String, _ bytes: [UInt8], version: Int) throws {
        let previous = (try? store.load(role: role, maxLength: max(bytes.count, configuration.targetsMaxLength)))
            .flatMap { try? JSONValue.parse($0, maxBytes: $0.count, maxDepth: 64) }
            .flatMap { $0["signed"]?["version"]?.intValue }
            .map { Int($0) }
        try store.store(role: role, bytes: bytes)
        updates.append(TUFRoleUpdate(role: role, previousVersion: previous, version: version,
                                     sha256: DigestAlgorithm.sha256.hash(bytes).hex))
    }
}
