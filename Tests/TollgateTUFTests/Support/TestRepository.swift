import Foundation
import TollgateModel
import TollgateTUF

/// A TUF repository built in memory for the attack tests, in the spirit of tuf-conformance's
/// repository simulator: every role is a JSON value that tests edit, then `publish` signs it and
/// puts the bytes where a client requests them (`N.root.json`, `timestamp.json`, `N.snapshot.json`,
/// `N.ROLE.json` with consistent snapshots).
final class TestRepository: @unchecked Sendable {
    let fetcher = MemoryFetcher()
    var signers: [String: [TestKey]] = [:]
    var root: JSONValue
    var timestamp: JSONValue
    var snapshot: JSONValue
    /// Targets roles by name (`targets` and delegated roles).
    var targetsRoles: [String: JSONValue] = [:]
    /// When set, snapshot and timestamp list lengths and hashes of the files they describe.
    var hashesInMeta = false
    /// The bytes of the first root, for a client's `init`.
    private(set) var initialRoot: [UInt8] = []

    static let farFuture = "2100-01-01T00:00:00Z"

    init(consistentSnapshot: Bool = true) {
        let keys = Dictionary(uniqueKeysWithValues: TUFRoleType.allCases.map { ($0.rawValue, [TestKey()]) })
        signers = keys
        var keyJSON: [String: JSONValue] = [:]
        var roles: [String: JSONValue] = [:]
        for (role, list) in keys {
            for key in list { keyJSON[key.id] = key.json }
            roles[role] = ["keyids": .array(list.map { .string($0.id) }), "threshold": 1]
        }
        root = ["_type": "root", "spec_version": "1.0.31", "version": 1, "expires": .string(Self.farFuture),
                "consistent_snapshot": .bool(consistentSnapshot), "keys": .object(keyJSON), "roles": .object(roles)]
        timestamp = ["_type": "timestamp", "spec_version": "1.0.31", "version": 1, "expires": .string(Self.farFuture),
                     "meta": ["snapshot.json": ["version": 1]]]
        snapshot = ["_type": "snapshot", "spec_version": "1.0.31", "version": 1, "expires": .string(Self.farFuture),
                    "meta": ["targets.json": ["version": 1]]]
        targetsRoles["targets"] = ["_type": "targets", "spec_version": "1.0.31", "version": 1,
                                   "expires": .string(Self.farFuture), "targets": [:]]
        publishRoot()
        initialRoot = fetcher.metadataFile("1.root.json") ?? []
        publishTargets("targets")
        publishSnapshot()
        publishTimestamp()
    }

    // MARK: Signing

    func envelope(_ signed: JSONValue, keys: [TestKey]) -> [UInt8] {
        let canonical = (try? CanonicalJSON.encode(signed)) ?? []
        let signatures: [JSONValue] = keys.map { ["keyid": .string($0.id), "sig": .string($0.sign(canonical))] }
        let document: JSONValue = ["signed": signed, "signatures": .array(signatures)]
        return document.encodedBytes(pretty: true)
    }

    var isConsistent: Bool { root["consistent_snapshot"]?.boolValue ?? false }

    static func version(_ value: JSONValue) -> Int { Int(value["version"]?.intValue ?? 0) }

    static func with(_ value: JSONValue, _ key: String, _ member: JSONValue) -> JSONValue {
        guard case .object(var object) = value else { return value }
        object[key] = member
        return .object(object)
    }

    /// Sets `value[path...] = member`.
    static func set(_ value: inout JSONValue, _ path: [String], _ member: JSONValue) {
        guard let first = path.first else { value = member; return }
        var inner = value[first] ?? [:]
        set(&inner, Array(path.dropFirst()), member)
        value = with(value, first, inner)
    }

    // MARK: Publishing

    /// Signs root with the root signers (and any extra ones) and serves it as `N.root.json`.
    @discardableResult
    func publishRoot(extraSigners: [TestKey] = [], onlySigners: [TestKey]? = nil) -> [UInt8] {
        let bytes = envelope(root, keys: onlySigners ?? (signers["root", default: []] + extraSigners))
        fetcher.setMetadata("\(Self.version(root)).root.json", bytes)
        return bytes
    }

    func bumpRoot(extraSigners: [TestKey] = []) {
        Self.set(&root, ["version"], .integer(Int64(Self.version(root) + 1)))
        publishRoot(extraSigners: extraSigners)
    }

    func publishTargets(_ role: String) {
        guard let signed = targetsRoles[role] else { return }
        let bytes = envelope(signed, keys: signers[role, default: []])
        let quoted = TUFPercentEncoding.quote(role)
        fetcher.setMetadata(isConsistent ? "\(Self.version(signed)).\(quoted).json" : "\(quoted).json", bytes)
        var info: JSONValue = ["version": .integer(Int64(Self.version(signed)))]
        if hashesInMeta {
            info = ["version": .integer(Int64(Self.version(signed))), "length": .integer(Int64(bytes.count)),
                    "hashes": ["sha256": .string(DigestAlgorithm.sha256.hash(bytes).hex)]]
        }
        Self.set(&snapshot, ["meta", "\(role).json"], info)
    }

    func publishSnapshot() {
        let bytes = envelope(snapshot, keys: signers["snapshot", default: []])
        fetcher.setMetadata(isConsistent ? "\(Self.version(snapshot)).snapshot.json" : "snapshot.json", bytes)
        var info: JSONValue = ["version": .integer(Int64(Self.version(snapshot)))]
        if hashesInMeta {
            info = ["version": .integer(Int64(Self.version(snapshot))), "length": .integer(Int64(bytes.count)),
                    "hashes": ["sha256": .string(DigestAlgorithm.sha256.hash(bytes).hex)]]
        }
        Self.set(&timestamp, ["meta", "snapshot.json"], info)
    }

    func publishTimestamp() {
        fetcher.setMetadata("timestamp.json", envelope(timestamp, keys: signers["timestamp", default: []]))
    }

    func bump(_ role: inout JSONValue) { Self.set(&role, ["version"], .integer(Int64(Self.version(role) + 1))) }

    /// New versions of the given targets roles, then snapshot and timestamp.
    func publishNewTargets(_ roles: [String] = ["targets"]) {
        for role in roles {
            if var signed = targetsRoles[role] { bump(&signed); targetsRoles[role] = signed }
            publishTargets(role)
        }
        bump(&snapshot)
        publishSnapshot()
        bump(&timestamp)
        publishTimestamp()
    }

    /// Adds an artifact to a targets role (not yet published) and serves its bytes.
    func addArtifact(_ path: String, _ bytes: [UInt8], role: String = "targets", hashes: [String: String]? = nil) {
        let sha = DigestAlgorithm.sha256.hash(bytes).hex
        let entry: JSONValue = ["length": .integer(Int64(bytes.count)),
                                "hashes": .object((hashes ?? ["sha256": sha]).mapValues { .string($0) })]
        guard var signed = targetsRoles[role], case .object(var files)? = signed["targets"] else { return }
        files[path] = entry
        signed = Self.with(signed, "targets", .object(files))
        targetsRoles[role] = signed
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let served = isConsistent ? (parts.dropLast() + ["\(sha).\(parts.last ?? "")"]).joined(separator: "/") : path
        fetcher.setTarget(served, bytes)
    }

    /// Adds a delegation from `delegator` to a new or existing role, with a new key for it; the
    /// role's metadata is created empty if needed. Nothing is published.
    @discardableResult
    func delegate(from delegator: String, to role: String, paths: [String]? = ["*"], hashPrefixes: [String]? = nil,
                  terminating: Bool = false, threshold: Int = 1, key: TestKey = TestKey(), signs: Bool = true) -> TestKey {
        guard var parent = targetsRoles[delegator] else { return key }
        var delegations = parent["delegations"] ?? ["keys": [:], "roles": []]
        Self.set(&delegations, ["keys", key.id], key.json)
        var entry: JSONValue = ["name": .string(role), "keyids": [.string(key.id)], "threshold": .integer(Int64(threshold)),
                                "terminating": .bool(terminating)]
        if let paths { entry = Self.with(entry, "paths", .array(paths.map { .string($0) })) }
        if let hashPrefixes { entry = Self.with(entry, "path_hash_prefixes", .array(hashPrefixes.map { .string($0) })) }
        var roles = delegations["roles"]?.arrayValue ?? []
        roles.append(entry)
        delegations = Self.with(delegations, "roles", .array(roles))
        parent = Self.with(parent, "delegations", delegations)
        targetsRoles[delegator] = parent
        if targetsRoles[role] == nil {
            targetsRoles[role] = ["_type": "targets", "spec_version": "1.0.31", "version": 1,
                                  "expires": .string(Self.farFuture), "targets": [:]]
        }
        if signs { signers[role, default: []].append(key) }
        return key
    }

    /// Replaces the keys of a top-level role in root (not published).
    func rotate(_ role: String, to keys: [TestKey] = [TestKey()], threshold: Int = 1) {
        for key in keys { Self.set(&root, ["keys", key.id], key.json) }
        Self.set(&root, ["roles", role], ["keyids": .array(keys.map { .string($0.id) }), "threshold": .integer(Int64(threshold))])
        signers[role] = keys
    }

    /// A client metadata directory initialised with the first root, as `tuf-client init` makes it.
    func newClientDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tuf-client-\(UUID().uuidString)")
        try TUFDirectoryStore(directory: directory).store(role: "root", bytes: initialRoot)
        return directory
    }

    func updater(_ directory: URL, at time: Date = Date(timeIntervalSince1970: 1_800_000_000),
                 configuration: TUFUpdaterConfiguration = TUFUpdaterConfiguration()) throws -> TUFUpdater {
        try TUFUpdater(store: TUFDirectoryStore(directory: directory), fetcher: fetcher,
                       configuration: configuration, referenceTime: time)
    }

    /// The version in the client's stored copy of `role`, or nil.
    static func storedVersion(_ directory: URL, _ role: String) -> Int? {
        guard let bytes = try? TUFDirectoryStore(directory: directory).load(role: role, maxLength: 1 << 24),
              let json = try? JSONValue.parse(bytes) else { return nil }
        return json["signed"]?["version"]?.intValue.map { Int($0) }
    }
}
