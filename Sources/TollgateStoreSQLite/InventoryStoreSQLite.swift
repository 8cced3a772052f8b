import Foundation
import GRDB
import GRDBSQLite
import TollgateModel
import TollgateStore

/// The SQLite (GRDB) implementation of `InventoryStore`: `DIR/inventory.sqlite`, WAL, `synchronous = FULL`.
///
/// The schema is normalised for tens of millions of component rows (docs/inventory.md, "Storage"):
/// artifacts and components get integer ids, and `inv_artifact_component (block, component_id,
/// artifact_id, relationship)` is a WITHOUT ROWID table keyed by component within blocks of 1,024
/// artifact ids (so "which artifacts contain X" is one short range scan per block, and a batch of
/// new artifacts writes into the pages of one block instead of all over the table), with an index
/// by artifact. Coverage figures are counters kept in `inv_meta` by every batch, so `coverage()`
/// is one row read.
///
/// `apply` runs one `BEGIN IMMEDIATE` transaction per batch: processes sharing the file are
/// serialized by SQLite's write lock and each batch reads and merges what the others committed.
public final class InventoryStoreSQLite: InventoryStore, @unchecked Sendable {
    private let pool: DatabasePool
    /// The file path.
    public let path: String
    /// Component ids and merged attributes by purl, kept across batches (a component row is never
    /// deleted except by `reset`, which bumps `inv_meta.generation` and so empties every process's
    /// cache). Used only inside the writer's transaction; emptied when a transaction fails.
    private let cacheLock = NSLock()
    private var cache = ComponentCache()
    private let digestLock = NSLock()
    private var digestCache = DigestCache()
    /// Every deployment row with a digest, decoded, in answer order, for one
    /// (generation, deployment_version): a popular component's deployments are a third of them.
    private let deploymentLock = NSLock()
    private var deploymentCache: (generation: Int64, version: Int64, rows: [InventoryDeploymentRow])? = nil

    /// The file name used inside a data directory (`--data DIR`).
    public static let defaultFileName = "inventory.sqlite"

    /// Artifact ids per block of `inv_artifact_component` (`block = artifact_id >> blockShift`).
    static let blockShift: Int64 = 10

    /// The most component ids kept in memory (about 200 bytes each).
    static let cacheLimit = 2_000_000

    /// Opens (creating if needed) the inventory database at `path`.
    public init(path: String) throws(StoreError) {
        self.path = path
        pool = try SQLiteDatabase.openPool(path: path, durable: true)
        do {
            // The writer's page cache holds the component table and the hot part of the
            // component → artifact index while a large import runs (256 MiB; pages are only
            // allocated as used).
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA cache_size = -262144") }
        } catch {
            throw StoreError(.unavailable, "cannot open the SQLite database '\(path)': \(ErrorText.describe(error))")
        }
    }

    // MARK: Schema

    static let schema = """
        CREATE TABLE IF NOT EXISTS inv_meta (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            schema_version INTEGER NOT NULL,
            generation INTEGER NOT NULL,
            artifacts INTEGER NOT NULL,
            artifacts_with_sbom INTEGER NOT NULL,
            artifacts_with_trusted_provenance INTEGER NOT NULL,
            deployments INTEGER NOT NULL,
            deployments_without_digest INTEGER NOT NULL,
            running_unknown INTEGER NOT NULL,
            component_rows INTEGER NOT NULL,
            deployment_version INTEGER NOT NULL
        );
        INSERT OR IGNORE INTO inv_meta VALUES (1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        CREATE TABLE IF NOT EXISTS inv_revision (id INTEGER PRIMARY KEY CHECK (id = 1), revision INTEGER NOT NULL);
        INSERT OR IGNORE INTO inv_revision VALUES (1, 0);
        CREATE TABLE IF NOT EXISTS inv_artifact (
            id INTEGER PRIMARY KEY,
            digest BLOB NOT NULL UNIQUE,
            name TEXT, name_time REAL,
            version TEXT, version_time REAL,
            purl TEXT, purl_key TEXT, purl_time REAL,
            media_type TEXT, media_type_time REAL,
            first_seen REAL NOT NULL,
            last_seen REAL NOT NULL,
            sbom_count INTEGER NOT NULL DEFAULT 0,
            trusted_provenance INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX IF NOT EXISTS inv_artifact_purl_key ON inv_artifact(purl_key) WHERE purl_key IS NOT NULL;
        CREATE INDEX IF NOT EXISTS inv_artifact_name ON inv_artifact(name) WHERE purl IS NULL;
        CREATE TABLE IF NOT EXISTS inv_sbom (
            artifact_id INTEGER NOT NULL,
            document BLOB NOT NULL,
            format TEXT NOT NULL,
            PRIMARY KEY (artifact_id, document)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS inv_component (
            id INTEGER PRIMARY KEY,
            purl TEXT NOT NULL UNIQUE,
            package_key TEXT NOT NULL,
            name TEXT NOT NULL,
            version TEXT,
            ecosystem TEXT NOT NULL,
            licenses TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS inv_component_package ON inv_component(package_key, version);
        CREATE TABLE IF NOT EXISTS inv_artifact_component (
            block INTEGER NOT NULL,
            component_id INTEGER NOT NULL,
            artifact_id INTEGER NOT NULL,
            relationship INTEGER NOT NULL,
            PRIMARY KEY (block, component_id, artifact_id)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS inv_artifact_component_artifact ON inv_artifact_component(artifact_id);
        CREATE TABLE IF NOT EXISTS inv_provenance (
            id INTEGER PRIMARY KEY,
            artifact_id INTEGER NOT NULL,
            fact_key BLOB NOT NULL,
            source TEXT NOT NULL,
            vouched_by TEXT NOT NULL,
            repository TEXT, commit_sha TEXT, ref TEXT, workflow TEXT, builder TEXT, trigger_event TEXT,
            document BLOB,
            time REAL NOT NULL,
            UNIQUE (artifact_id, fact_key)
        );
        CREATE INDEX IF NOT EXISTS inv_provenance_repository ON inv_provenance(repository) WHERE repository IS NOT NULL;
        CREATE INDEX IF NOT EXISTS inv_provenance_commit ON inv_provenance(commit_sha) WHERE commit_sha IS NOT NULL;
        CREATE INDEX IF NOT EXISTS inv_provenance_ref ON inv_provenance(ref) WHERE ref IS NOT NULL;
        CREATE INDEX IF NOT EXISTS inv_provenance_workflow ON inv_provenance(workflow) WHERE workflow IS NOT NULL;
        CREATE INDEX IF NOT EXISTS inv_provenance_builder ON inv_provenance(builder) WHERE builder IS NOT NULL;
        CREATE INDEX IF NOT EXISTS inv_provenance_trigger ON inv_provenance(trigger_event) WHERE trigger_event IS NOT NULL;
        CREATE TABLE IF NOT EXISTS inv_signature (
            artifact_id INTEGER NOT NULL,
            fact_key BLOB NOT NULL,
            evidence TEXT NOT NULL,
            signer TEXT NOT NULL,
            issuer TEXT,
            trusted INTEGER NOT NULL,
            time REAL NOT NULL,
            PRIMARY KEY (artifact_id, fact_key)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS inv_decision (
            artifact_id INTEGER NOT NULL,
            fact_key BLOB NOT NULL,
            decision TEXT NOT NULL,
            policy TEXT NOT NULL,
            ledger_index INTEGER,
            time REAL NOT NULL,
            PRIMARY KEY (artifact_id, fact_key)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS inv_slot (
            id INTEGER PRIMARY KEY,
            slot_key TEXT NOT NULL UNIQUE,
            environment TEXT NOT NULL,
            cluster TEXT,
            namespace TEXT,
            service TEXT,
            latest_time REAL NOT NULL,
            latest_key TEXT NOT NULL,
            latest_running INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS inv_deployment (
            id INTEGER PRIMARY KEY,
            slot_id INTEGER NOT NULL,
            key TEXT NOT NULL,
            environment TEXT NOT NULL,
            cluster TEXT,
            namespace TEXT,
            service TEXT,
            digest BLOB,
            reference TEXT,
            reference_time REAL,
            first_seen REAL NOT NULL,
            last_seen REAL NOT NULL,
            running INTEGER NOT NULL,
            UNIQUE (slot_id, key)
        );
        CREATE INDEX IF NOT EXISTS inv_deployment_digest ON inv_deployment(digest);
        CREATE INDEX IF NOT EXISTS inv_deployment_order ON inv_deployment(
            environment, cluster, namespace, service, digest, reference, first_seen, last_seen, running);
        CREATE TABLE IF NOT EXISTS inv_tag (
            repository TEXT NOT NULL,
            tag TEXT NOT NULL,
            time REAL NOT NULL,
            digest BLOB NOT NULL,
            PRIMARY KEY (repository, tag, time, digest)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS inv_tag_digest ON inv_tag(digest);
        CREATE TABLE IF NOT EXISTS inv_finding (
            advisory TEXT NOT NULL,
            purl TEXT NOT NULL,
            first_seen REAL NOT NULL,
            PRIMARY KEY (advisory, purl)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS inv_exception_event (event TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID;
        """

    static let dataTables = ["inv_artifact", "inv_sbom", "inv_component", "inv_artifact_component", "inv_provenance",
                             "inv_signature", "inv_decision", "inv_slot", "inv_deployment", "inv_tag", "inv_finding",
                             "inv_exception_event"]

    public func prepare() async throws {
        do {
            try await pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try db.execute(sql: Self.schema)
                    return .commit
                }
            }
        } catch {
            throw SQLiteDatabase.storeError(error, "cannot create the inventory schema in '\(path)'")
        }
    }

    public func reset() async throws {
        do {
            try await pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    for table in Self.dataTables { try db.execute(sql: "DELETE FROM \(table)") }
                    try db.execute(sql: """
                        UPDATE inv_meta SET generation = generation + 1, artifacts = 0, artifacts_with_sbom = 0,
                            artifacts_with_trusted_provenance = 0, deployments = 0, deployments_without_digest = 0,
                            running_unknown = 0, component_rows = 0
                        WHERE id = 1
                        """)
                    try db.execute(sql: "UPDATE inv_revision SET revision = revision + 1 WHERE id = 1")
                    return .commit
                }
            }
            cacheLock.withLock { cache = ComponentCache() }
            digestLock.withLock { digestCache = DigestCache() }
            deploymentLock.withLock { deploymentCache = nil }
        } catch {
            throw SQLiteDatabase.storeError(error, "cannot empty the inventory")
        }
    }

    // MARK: Apply

    public func apply(_ batch: InventoryBatch) async throws {
        guard !batch.isEmpty else { return }
        let plan = InventoryPlan(batch)
        do {
            try await pool.writeWithoutTransaction { db in
                var cache = self.cacheLock.withLock { () -> ComponentCache in
                    let taken = self.cache
                    self.cache = ComponentCache()
                    return taken
                }
                try db.inTransaction(.immediate) {
                    var writer = InventoryWriterSQLite(raw: RawSQL(db: db), cache: cache)
                    // The writer holds the only reference: its changes must not copy the dictionary.
                    cache = ComponentCache()
                    try writer.apply(plan)
                    cache = writer.cache
                    return .commit
                }
                if cache.entries.count > Self.cacheLimit { cache = ComponentCache() }
                self.cacheLock.withLock { self.cache = cache }
            }
        } catch {
            throw SQLiteDatabase.storeError(error, "cannot apply an inventory batch to '\(path)'")
        }
    }

    // MARK: Reads

    private func read<T: Sendable>(_ context: String, _ body: @escaping @Sendable (RawSQL) throws -> T) async throws -> T {
        do {
            return try await pool.read { db in try body(RawSQL(db: db)) }
        } catch {
            throw SQLiteDatabase.storeError(error, context)
        }
    }

    static let artifactColumns = "digest, name, version, purl, media_type, first_seen, last_seen, sbom_count"

    static func artifactRow(_ c: Columns) throws -> InventoryArtifactRow {
        InventoryArtifactRow(digest: try c.digest(0), name: try c.optionalText(1), version: try c.optionalText(2),
                             purl: try c.optionalText(3), mediaType: try c.optionalText(4), firstSeen: try c.date(5),
                             lastSeen: try c.date(6), sbomCount: Int(try c.int(7)))
    }

    public func artifacts(_ digests: [Digest]) async throws -> [InventoryArtifactRow] {
        guard !digests.isEmpty else { return [] }
        let keys = Set(digests.map(InventoryStoreSupport.key))
        return try await read("cannot read inventory artifacts") { raw in
            var rows: [InventoryArtifactRow] = []
            for key in keys {
                try raw.query("SELECT \(Self.artifactColumns) FROM inv_artifact WHERE digest = ?", [.blob(key)],
                              table: "inv_artifact") { rows.append(try Self.artifactRow($0)) }
            }
            InventoryStoreSupport.sortArtifactsByDigest(&rows)
            return rows
        }
    }

    public func artifacts(packageKey: String) async throws -> [InventoryArtifactRow] {
        try await read("cannot read inventory artifacts") { raw in
            var rows: [InventoryArtifactRow] = []
            try raw.query("SELECT \(Self.artifactColumns) FROM inv_artifact WHERE purl_key = ?", [.text(packageKey)],
                          table: "inv_artifact") { rows.append(try Self.artifactRow($0)) }
            try raw.query("SELECT \(Self.artifactColumns) FROM inv_artifact WHERE purl IS NULL AND name = ?",
                          [.text(packageKey)], table: "inv_artifact") { rows.append(try Self.artifactRow($0)) }
            InventoryStoreSupport.sortArtifactsByAge(&rows)
            return rows
        }
    }

    public func componentVersions(packageKey: String) async throws -> [String] {
        try await read("cannot read inventory components") { raw in
            var versions: [String] = []
            try raw.query("SELECT DISTINCT version FROM inv_component WHERE package_key = ? AND version IS NOT NULL",
                          [.text(packageKey)], table: "inv_component") { versions.append(try $0.text(0)) }
            InventoryStoreSupport.sortVersions(&versions)
            return versions
        }
    }

    public func artifactsContaining(packageKey: String, versions: [String]?) async throws -> [InventoryComponentMatch] {
        try await artifactsContaining(packages: [(packageKey, versions)])[0]
    }

    /// Every package in one read transaction: the incident answer's recovery order asks about up to
    /// 200 packages, and a transaction each was most of its cost.
    public func artifactsContaining(packages: [(packageKey: String, versions: [String]?)]) async throws -> [[InventoryComponentMatch]] {
        guard !packages.isEmpty else { return [] }
        return try await read("cannot search inventory components") { raw in
            var context: ContainingContext?
            var answers: [[InventoryComponentMatch]] = []
            answers.reserveCapacity(packages.count)
            for package in packages {
                answers.append(try self.containing(raw, packageKey: package.packageKey, versions: package.versions, context: &context))
            }
            if let taken = context, !taken.fresh.isEmpty {
                // Dropped first, so that remembering does not copy the cached digests.
                context = nil
                self.remember(taken.fresh, generation: taken.digests.generation)
            }
            return answers
        }
    }

    /// What one read transaction learns once for all its packages.
    private struct ContainingContext {
        var lastBlock: Int64
        var digests: DigestCache
        var fresh: [Int64: DigestCache.Entry] = [:]
        let handle: OpaquePointer
        let columns: Columns
    }

    private func containing(_ raw: RawSQL, packageKey: String, versions: [String]?,
                            context: inout ContainingContext?) throws -> [InventoryComponentMatch] {
        if let versions, versions.isEmpty { return [] }
        let wanted = versions.map(Set.init)
        var components: [(id: Int64, purl: String, attributes: InventoryStoreSupport.ComponentAttributes)] = []
        try raw.query("SELECT id, purl, name, version, ecosystem, licenses FROM inv_component WHERE package_key = ?",
                      [.text(packageKey)], table: "inv_component") { c in
            let version = try c.optionalText(3)
            if let wanted { guard let version, wanted.contains(version) else { return } }
            components.append((try c.int(0), try c.text(1), InventoryStoreSupport.ComponentAttributes(
                name: try c.text(2), version: version, ecosystem: try c.text(4),
                licenses: InventoryStoreSupport.ComponentAttributes.licenses(stored: try c.text(5)))))
        }
        components.sort { $0.purl < $1.purl }
        var matches: [InventoryComponentMatch] = []
        guard !components.isEmpty else { return matches }
        if context == nil {
            let lastBlock = (try raw.one("SELECT max(id) FROM inv_artifact", table: "inv_artifact") { try $0.optionalInt(0) }
                ?? nil).map { $0 >> Self.blockShift } ?? -1
            let handle = try raw.statement("""
                SELECT artifact_id, relationship FROM inv_artifact_component WHERE block = ? AND component_id = ?
                """)
            context = ContainingContext(lastBlock: lastBlock, digests: try self.knownDigests(raw), handle: handle,
                                        columns: Columns(handle: handle, table: "inv_artifact_component"))
        }
        guard var state = context else { return matches }
        // The context holds the only other reference to the cached digests while this runs.
        context = nil
        defer { context = state }
        let handle = state.handle, columns = state.columns
        for component in components {
            var records: [InventoryComponentRecord] = []
            for code in 0...2 {
                records.append(component.attributes.record(
                    purl: component.purl, relationship: try InventoryStoreSupport.relationship(code)))
            }
            var found: [Digest] = []
            var keys: [(hi: UInt64, lo: UInt64)] = []
            var relationships: [Int] = []
            // One seek per block: the blocks are few (1,024 artifacts each) and each range is short.
            var block: Int64 = 0
            while block <= state.lastBlock {
                defer { sqlite3_reset(handle) }
                try raw.bind(handle, 1, block)
                try raw.bind(handle, 2, component.id)
                var code = sqlite3_step(handle)
                while code == SQLITE_ROW {
                    let id = try columns.int(0), relationship = try columns.int(1)
                    guard relationship >= 0, relationship <= 2 else {
                        throw StoreError(.corrupt, "an unknown component relationship code \(relationship) is stored")
                    }
                    let entry: DigestCache.Entry
                    if let known = state.digests.entry(id) ?? state.fresh[id] {
                        entry = known
                    } else {
                        entry = DigestCache.Entry(try Self.digest(raw, artifactID: id))
                        state.fresh[id] = entry
                    }
                    found.append(entry.digest)
                    keys.append((entry.hi, entry.lo))
                    relationships.append(Int(relationship))
                    code = sqlite3_step(handle)
                }
                guard code == SQLITE_DONE else { throw raw.error("cannot search inventory components") }
                block += 1
            }
            matches.reserveCapacity(matches.count + found.count)
            for index in InventoryStoreSupport.digestOrder(found, keys: keys) {
                matches.append(InventoryComponentMatch(artifact: found[index], component: records[relationships[index]]))
            }
        }
        return matches
    }

    // MARK: Artifact digests by id

    /// Artifact ids never change once assigned (rows are only deleted by `reset`, which bumps the
    /// generation), so readers keep id → digest in memory: a popular component's answer is tens of
    /// thousands of artifacts, and a join per row to the artifact table was most of its cost.
    struct DigestCache {
        struct Entry {
            var digest: Digest
            /// `InventoryStoreSupport.sortKey(digest)`.
            var hi: UInt64
            var lo: UInt64

            init(_ digest: Digest) {
                self.digest = digest
                (hi, lo) = InventoryStoreSupport.sortKey(digest)
            }
        }

        var generation: Int64 = -1
        /// By artifact id (ids are dense from 1).
        var entries: [Entry?] = []

        @inline(__always) func entry(_ id: Int64) -> Entry? {
            id >= 0 && id < Int64(entries.count) ? entries[Int(id)] : nil
        }
    }

    /// Ids past this are looked up each time, not kept.
    static let digestCacheLimit: Int64 = 4_000_000

    /// The cached digests, valid for the read transaction's generation.
    private func knownDigests(_ raw: RawSQL) throws -> DigestCache {
        guard let generation = try raw.one("SELECT generation FROM inv_meta WHERE id = 1", table: "inv_meta", { try $0.int(0) }) else {
            throw StoreError(.corrupt, "the inventory counters row is missing; run `tollgate inventory rebuild`")
        }
        let cached = digestLock.withLock { digestCache }
        return cached.generation == generation ? cached : DigestCache(generation: generation)
    }

    private func remember(_ fresh: [Int64: DigestCache.Entry], generation: Int64) {
        digestLock.withLock {
            if digestCache.generation != generation { digestCache = DigestCache(generation: generation) }
            for (id, entry) in fresh where id >= 0 && id < Self.digestCacheLimit {
                if id >= Int64(digestCache.entries.count) {
                    digestCache.entries.append(contentsOf: repeatElement(nil, count: Int(id) + 1 - digestCache.entries.count))
                }
                digestCache.entries[Int(id)] = entry
            }
        }
    }

    private static func digest(_ raw: RawSQL, artifactID: Int64) throws -> Digest {
        guard let digest = try raw.one("SELECT digest FROM inv_artifact WHERE id = ?", [.int(artifactID)], table: "inv_artifact", {
            try $0.digest(0)
        }) else {
            throw StoreError(.corrupt, "inv_artifact_component names artifact \(artifactID), which is missing")
        }
        return digest
    }

    public func components(of artifact: Digest) async throws -> [InventoryComponentRecord] {
        let key = InventoryStoreSupport.key(artifact)
        return try await read("cannot read inventory components") { raw in
            var records: [InventoryComponentRecord] = []
            try raw.query("""
                SELECT c.purl, c.name, c.version, c.ecosystem, c.licenses, ac.relationship
                FROM inv_artifact a JOIN inv_artifact_component ac ON ac.artifact_id = a.id
                JOIN inv_component c ON c.id = ac.component_id WHERE a.digest = ?
                """, [.blob(key)], table: "inv_component") { c in
                records.append(InventoryComponentRecord(
                    purl: try c.text(0), name: try c.text(1), version: try c.optionalText(2), ecosystem: try c.text(3),
                    licenses: InventoryStoreSupport.ComponentAttributes.licenses(stored: try c.text(4)),
                    relationship: try InventoryStoreSupport.relationship(Int(try c.int(5)))))
            }
            InventoryStoreSupport.sortComponents(&records)
            return records
        }
    }

    public func provenance(of digests: [Digest]) async throws -> [InventoryProvenanceRecord] {
        let keys = Set(digests.map(InventoryStoreSupport.key))
        guard !keys.isEmpty else { return [] }
        return try await read("cannot read inventory provenance") { raw in
            var records: [InventoryProvenanceRecord] = []
            for key in keys {
                try raw.query("""
                    SELECT a.digest, p.source, p.vouched_by, p.repository, p.commit_sha, p.ref, p.workflow, p.builder,
                        p.trigger_event, p.document, p.time
                    FROM inv_artifact a JOIN inv_provenance p ON p.artifact_id = a.id WHERE a.digest = ?
                    """, [.blob(key)], table: "inv_provenance") { c in
                    records.append(InventoryProvenanceRecord(
                        artifact: try c.digest(0), source: try InventoryStoreSupport.trustSource(try c.text(1)),
                        vouchedBy: try c.text(2), repository: try c.optionalText(3), commit: try c.optionalText(4),
                        ref: try c.optionalText(5), workflow: try c.optionalText(6), builder: try c.optionalText(7),
                        trigger: try c.optionalText(8), document: try c.optionalDigest(9), time: try c.date(10)))
                }
            }
            InventoryStoreSupport.sortProvenance(&records)
            return records
        }
    }

    static func provenanceColumn(_ field: InventoryProvenanceField) -> String {
        switch field {
        case .repository: "repository"
        case .commit: "commit_sha"
        case .ref: "ref"
        case .workflow: "workflow"
        case .builder: "builder"
        case .trigger: "trigger_event"
        }
    }

    public func artifacts(withProvenance field: InventoryProvenanceField, equalTo value: String) async throws -> [Digest] {
        let column = Self.provenanceColumn(field)
        return try await read("cannot search inventory provenance") { raw in
            var digests: [Digest] = []
            try raw.query("""
                SELECT DISTINCT a.digest FROM inv_provenance p JOIN inv_artifact a ON a.id = p.artifact_id
                WHERE p.\(column) = ?
                """, [.text(value)], table: "inv_provenance") { digests.append(try $0.digest(0)) }
            digests.sort(by: InventoryStoreSupport.less)
            return digests
        }
    }

    public func signatures(of digests: [Digest]) async throws -> [InventorySignatureRecord] {
        let keys = Set(digests.map(InventoryStoreSupport.key))
        guard !keys.isEmpty else { return [] }
        return try await read("cannot read inventory signatures") { raw in
            var records: [InventorySignatureRecord] = []
            for key in keys {
                try raw.query("""
                    SELECT a.digest, s.evidence, s.signer, s.issuer, s.trusted, s.time
                    FROM inv_artifact a JOIN inv_signature s ON s.artifact_id = a.id WHERE a.digest = ?
                    """, [.blob(key)], table: "inv_signature") { c in
                    records.append(InventorySignatureRecord(
                        artifact: try c.digest(0), evidence: try c.text(1), signer: try c.text(2),
                        issuer: try c.optionalText(3), trusted: try c.bool(4), time: try c.date(5)))
                }
            }
            InventoryStoreSupport.sortSignatures(&records)
            return records
        }
    }

    public func lastSignatureTimes(signers: Set<String>) async throws -> [String: Date] {
        guard !signers.isEmpty else { return [:] }
        return try await read("cannot read inventory signatures") { raw in
            var times: [String: Date] = [:]
            for signer in signers.sorted() {
                try raw.query("SELECT MAX(time) FROM inv_signature WHERE signer = ?", [.text(signer)],
                              table: "inv_signature") { c in
                    if let seconds = try c.optionalDouble(0) { times[signer] = InventoryStoreSupport.date(seconds) }
                }
            }
            return times
        }
    }

    public func decisions(of digests: [Digest]) async throws -> [InventoryDecisionRecord] {
        let keys = Set(digests.map(InventoryStoreSupport.key))
        guard !keys.isEmpty else { return [] }
        return try await read("cannot read inventory decisions") { raw in
            var records: [InventoryDecisionRecord] = []
            for key in keys {
                try raw.query("""
                    SELECT a.digest, d.decision, d.policy, d.ledger_index, d.time
                    FROM inv_artifact a JOIN inv_decision d ON d.artifact_id = a.id WHERE a.digest = ?
                    """, [.blob(key)], table: "inv_decision") { c in
                    let index = try c.optionalInt(3)
                    if let index, index < 0 { throw StoreError(.corrupt, "a negative ledger index is stored in inv_decision") }
                    records.append(InventoryDecisionRecord(
                        artifact: try c.digest(0), decision: try c.text(1), policy: try c.text(2),
                        ledgerIndex: index.map { UInt64($0) }, time: try c.date(4)))
                }
            }
            InventoryStoreSupport.sortDecisions(&records)
            return records
        }
    }

    static let deploymentColumns = """
        environment, cluster, namespace, service, reference, digest, first_seen, last_seen, running
        """

    static func deploymentRow(_ c: Columns) throws -> InventoryDeploymentRow {
        InventoryDeploymentRow(environment: try c.text(0), cluster: try c.optionalText(1), namespace: try c.optionalText(2),
                               service: try c.optionalText(3), reference: try c.optionalText(4),
                               digest: try c.optionalDigest(5), firstSeen: try c.date(6), lastSeen: try c.date(7),
                               running: try c.bool(8))
    }

    public func deployments(of digests: [Digest]) async throws -> [InventoryDeploymentRow] {
        guard !digests.isEmpty else { return [] }
        return try await read("cannot read inventory deployments") { raw in
            var rows: [InventoryDeploymentRow] = []
            guard let meta = try raw.one("SELECT generation, deployment_version, deployments FROM inv_meta WHERE id = 1",
                                         table: "inv_meta", { (try $0.int(0), try $0.int(1), try $0.int(2)) }) else {
                throw StoreError(.corrupt, "the inventory counters row is missing; run `tollgate inventory rebuild`")
            }
            if Int64(digests.count) * 8 < meta.2 {
                // A few digests: one index probe each.
                for key in Set(digests.map(InventoryStoreSupport.key)) {
                    try raw.query("SELECT \(Self.deploymentColumns) FROM inv_deployment WHERE digest = ?", [.blob(key)],
                                  table: "inv_deployment") { rows.append(try Self.deploymentRow($0)) }
                }
                InventoryStoreSupport.sortDeployments(&rows)
                return rows
            }
            // Many digests (a popular component): filter every deployment row with a digest, kept
            // decoded in memory until a batch with deployments (or a reset) moves the version.
            let wanted = InventoryStoreSupport.DigestSet(digests)
            var all = self.deploymentLock.withLock { () -> [InventoryDeploymentRow]? in
                guard let cached = self.deploymentCache, cached.generation == meta.0, cached.version == meta.1 else { return nil }
                return cached.rows
            }
            if all == nil {
                // In answer order through a covering index (BINARY collation, NULLs first: the order
                // of `InventoryStoreSupport.sortDeployments`, which then only checks it).
                var scanned: [InventoryDeploymentRow] = []
                try raw.query("""
                    SELECT \(Self.deploymentColumns) FROM inv_deployment INDEXED BY inv_deployment_order
                    WHERE digest IS NOT NULL
                    ORDER BY environment, cluster, namespace, service, digest, reference, first_seen
                    """, table: "inv_deployment") { scanned.append(try Self.deploymentRow($0)) }
                InventoryStoreSupport.sortDeployments(&scanned)
                let decoded = scanned
                self.deploymentLock.withLock { self.deploymentCache = (meta.0, meta.1, decoded) }
                all = scanned
            }
            for row in all ?? [] {
                if let digest = row.digest, wanted.contains(digest) { rows.append(row) }
            }
            return rows
        }
    }

    public func deploymentsWithoutDigest() async throws -> [InventoryDeploymentRow] {
        try await read("cannot read inventory deployments") { raw in
            var rows: [InventoryDeploymentRow] = []
            try raw.query("SELECT \(Self.deploymentColumns) FROM inv_deployment WHERE digest IS NULL",
                          table: "inv_deployment") { rows.append(try Self.deploymentRow($0)) }
            InventoryStoreSupport.sortDeployments(&rows)
            return rows
        }
    }

    public func tagHistory(of digests: [Digest]) async throws -> [TagObservationRecord] {
        let keys = Set(digests.map(InventoryStoreSupport.key))
        guard !keys.isEmpty else { return [] }
        return try await read("cannot read inventory tags") { raw in
            var tags = Set<[String]>()
            for key in keys {
                try raw.query("SELECT DISTINCT repository, tag FROM inv_tag WHERE digest = ?", [.blob(key)],
                              table: "inv_tag") { tags.insert([try $0.text(0), try $0.text(1)]) }
            }
            var records: [TagObservationRecord] = []
            for tag in tags {
                try Self.tagObservations(raw, repository: tag[0], tag: tag[1], into: &records)
            }
            InventoryStoreSupport.sortTags(&records)
            return records
        }
    }

    static func tagObservations(_ raw: RawSQL, repository: String, tag: String, into records: inout [TagObservationRecord]) throws {
        try raw.query("SELECT repository, tag, digest, time FROM inv_tag WHERE repository = ? AND tag = ?",
                      [.text(repository), .text(tag)], table: "inv_tag") { c in
            records.append(TagObservationRecord(repository: try c.text(0), tag: try c.text(1), digest: try c.digest(2),
                                                time: try c.date(3)))
        }
    }

    public func tagObservations(repository: String, tag: String) async throws -> [TagObservationRecord] {
        try await read("cannot read inventory tags") { raw in
            var records: [TagObservationRecord] = []
            try Self.tagObservations(raw, repository: repository, tag: tag, into: &records)
            InventoryStoreSupport.sortTags(&records)
            return records
        }
    }

    public func firstSeen(advisory: String, purl: String) async throws -> Date? {
        try await read("cannot read inventory findings") { raw in
            try raw.one("SELECT first_seen FROM inv_finding WHERE advisory = ? AND purl = ?", [.text(advisory), .text(purl)],
                        table: "inv_finding") { try $0.date(0) }
        }
    }

    public func exceptionEvents() async throws -> Set<String> {
        try await read("cannot read inventory exception events") { raw in
            var events = Set<String>()
            try raw.query("SELECT event FROM inv_exception_event", table: "inv_exception_event") { events.insert(try $0.text(0)) }
            return events
        }
    }

    /// The bytes the inventory takes on disk: the database file and its write-ahead log.
    public func storageBytes() throws -> Int64 {
        var total: Int64 = 0
        for suffix in ["", "-wal", "-shm"] {
            let attributes = try? FileManager.default.attributesOfItem(atPath: path + suffix)
            total += (attributes?[.size] as? NSNumber)?.int64Value ?? 0
        }
        return total
    }

    /// Copies the write-ahead log into the database file and truncates it (what SQLite does on its
    /// own every 1,000 pages, and fully when the last connection closes).
    public func checkpoint() async throws {
        do {
            try await pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        } catch {
            throw SQLiteDatabase.storeError(error, "cannot checkpoint '\(path)'")
        }
    }

    /// `inv_revision.revision`, which every batch and reset bumps in its transaction. One statement,
    /// read before every cached incident answer: no BEGIN/COMMIT, a prepared statement.
    public func revision() async throws -> Int64? {
        do {
            return try await pool.unsafeRead { db in
                try Int64.fetchOne(try db.cachedStatement(sql: "SELECT revision FROM inv_revision WHERE id = 1"))
            }
        } catch {
            throw SQLiteDatabase.storeError(error, "cannot read the inventory revision")
        }
    }

    public func coverage() async throws -> InventoryCoverage {
        try await read("cannot read inventory coverage") { raw in
            guard let coverage = try raw.one("""
                SELECT artifacts, artifacts_with_sbom, artifacts_with_trusted_provenance, deployments,
                    deployments_without_digest, running_unknown, component_rows FROM inv_meta WHERE id = 1
                """, table: "inv_meta", { c in
                    let artifacts = Int(try c.int(0))
                    return InventoryCoverage(
                        artifacts: artifacts, artifactsWithoutSBOM: artifacts - Int(try c.int(1)),
                        artifactsWithoutTrustedProvenance: artifacts - Int(try c.int(2)), deployments: Int(try c.int(3)),
                        deploymentsWithoutDigest: Int(try c.int(4)), deploymentsOfUnknownArtifacts: Int(try c.int(5)),
                        componentRows: Int(try c.int(6)))
                }) else {
                throw StoreError(.corrupt, "the inventory counters row is missing; run `tollgate inventory rebuild`")
            }
            return coverage
        }
    }
}
