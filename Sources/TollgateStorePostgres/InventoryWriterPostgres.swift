import Foundation
import Logging
import NIOCore
import PostgresNIO
import TollgateModel
import TollgateStore

/// Component ids by purl with the attributes last known to be stored, kept across batches
/// (emptied when `inv_meta.generation` moves, i.e. after a `reset` by any process).
struct PostgresComponentCache: Sendable {
    struct Entry: Sendable {
        var id: Int32
        var attributes: InventoryStoreSupport.ComponentAttributes
    }

    var generation: Int64 = -1
    var entries: [String: Entry] = [:]
}

/// Writes one `InventoryPlan` inside the caller's transaction, which holds the schema's advisory
/// lock: each statement sees every batch committed before, so read-merge-write is safe.
struct InventoryWriterPostgres {
    typealias Support = InventoryStoreSupport
    typealias Texts = PostgresNullableArray<String>
    typealias Doubles = PostgresNullableArray<Double>
    typealias Blobs = PostgresNullableArray<ByteBuffer>

    let store: InventoryStorePostgres
    let connection: PostgresConnection
    let logger: Logger
    var cache: PostgresComponentCache
    private var artifactIDs: [[UInt8]: Int32] = [:]
    private var sbomCounts: [Int32: Int64] = [:]
    private var newArtifacts: Int64 = 0
    private var newArtifactsWithSBOM: Int64 = 0
    private var newTrusted: Int64 = 0
    private var newDeployments: Int64 = 0
    private var newWithoutDigest: Int64 = 0
    private var newComponentRows: Int64 = 0

    init(store: InventoryStorePostgres, connection: PostgresConnection, logger: Logger, cache: PostgresComponentCache) {
        self.store = store
        self.connection = connection
        self.logger = logger
        self.cache = cache
    }

    // MARK: Statements

    private func rows<T>(_ text: String, _ binds: PostgresBindings = PostgresBindings(), table: String,
                         _ map: (PostgresCells) throws -> T) async throws -> [T] {
        var fetched: [PostgresRow] = []
        let query = PostgresQuery(unsafeSQL: store.sql(text), binds: binds)
        for try await row in try await connection.query(query, logger: logger) { fetched.append(row) }
        return try decodeRows(fetched, table: table, map)
    }

    private func execute(_ text: String, _ binds: PostgresBindings = PostgresBindings()) async throws {
        try await connection.query(PostgresQuery(unsafeSQL: store.sql(text), binds: binds), logger: logger)
    }

    private static func binds(_ body: (inout PostgresBindings) -> Void) -> PostgresBindings {
        var binds = PostgresBindings()
        body(&binds)
        return binds
    }

    // MARK: Apply

    mutating func apply(_ plan: InventoryPlan) async throws {
        guard let generation = try await rows("SELECT generation FROM §inv_meta WHERE id = 1", table: "inv_meta", { try $0.int(0) }).first else {
            throw StoreError(.corrupt, "the inventory counters row is missing; run `tollgate inventory rebuild`")
        }
        if generation != cache.generation { cache = PostgresComponentCache(generation: generation) }
        let unknownBefore = try await runningUnknown(plan)
        try await applyArtifacts(plan)
        try await applySBOMs(plan)
        try await applyFacts(plan)
        try await applyDeployments(plan)
        try await applyOthers(plan)
        let unknownAfter = try await runningUnknown(plan)
        let binds = Self.binds {
            $0.append(newArtifacts)
            $0.append(newArtifactsWithSBOM)
            $0.append(newTrusted)
            $0.append(newDeployments)
            $0.append(newWithoutDigest)
            $0.append(unknownAfter - unknownBefore)
            $0.append(newComponentRows)
            $0.append(Int64(plan.slots.isEmpty ? 0 : 1))
        }
        try await execute("""
            UPDATE §inv_meta SET artifacts = artifacts + $1, artifacts_with_sbom = artifacts_with_sbom + $2,
                artifacts_with_trusted_provenance = artifacts_with_trusted_provenance + $3, deployments = deployments + $4,
                deployments_without_digest = deployments_without_digest + $5, running_unknown = running_unknown + $6,
                component_rows = component_rows + $7, deployment_version = deployment_version + $8, revision = revision + 1
            WHERE id = 1
            """, binds)
    }

    /// Running deployment rows whose digest is no known artifact, among those the plan can change.
    private func runningUnknown(_ plan: InventoryPlan) async throws -> Int64 {
        guard !plan.affectedDigestKeys.isEmpty || !plan.slots.isEmpty else { return 0 }
        let binds = Self.binds {
            $0.append(plan.affectedDigestKeys.map(\.buffer))
            $0.append(plan.slots.map(\.key))
        }
        return try await rows("""
            SELECT count(*) FROM §inv_deployment d
            WHERE d.running AND d.digest IS NOT NULL
                AND (d.digest = ANY($1::bytea[]) OR d.slot_id IN (SELECT id FROM §inv_slot WHERE slot_key = ANY($2::text[])))
                AND NOT EXISTS (SELECT 1 FROM §inv_artifact a WHERE a.digest = d.digest)
            """, binds, table: "inv_deployment") { try $0.int(0) }.first ?? 0
    }

    // MARK: Artifacts

    private mutating func applyArtifacts(_ plan: InventoryPlan) async throws {
        guard !plan.artifacts.isEmpty else { return }
        let stored = try await rows("""
            SELECT id, digest, name, name_time, version, version_time, purl, purl_time, media_type, media_type_time,
                first_seen, last_seen, sbom_count
            FROM §inv_artifact WHERE digest = ANY($1::bytea[])
            """, Self.binds { $0.append(plan.artifacts.map(\.key.buffer)) }, table: "inv_artifact") { c in
            (id: Int32(clamping: try c.int(0)), key: try c.bytes(1), sbomCount: try c.int(12), state: Support.ArtifactState(
                name: Support.Sighted(value: try c.optionalText(2), time: try c.optionalDouble(3) ?? 0),
                version: Support.Sighted(value: try c.optionalText(4), time: try c.optionalDouble(5) ?? 0),
                purl: Support.Sighted(value: try c.optionalText(6), time: try c.optionalDouble(7) ?? 0),
                mediaType: Support.Sighted(value: try c.optionalText(8), time: try c.optionalDouble(9) ?? 0),
                firstSeen: try c.double(10), lastSeen: try c.double(11)))
        }
        var byKey: [[UInt8]: (id: Int32, sbomCount: Int64, state: Support.ArtifactState)] = [:]
        for row in stored { byKey[row.key] = (row.id, row.sbomCount, row.state) }
        var updates: [(id: Int32, state: Support.ArtifactState)] = []
        var inserts: [InventoryPlan.Artifact] = []
        for artifact in plan.artifacts {
            if let row = byKey[artifact.key] {
                artifactIDs[artifact.key] = row.id
                sbomCounts[row.id] = row.sbomCount
                var merged = row.state
                merged.merge(artifact.state)
                if merged != row.state { updates.append((row.id, merged)) }
            } else {
                inserts.append(artifact)
            }
        }
        if !updates.isEmpty {
            var binds = Self.binds { $0.append(updates.map(\.id)) }
            Self.appendIdentity(updates.map(\.state), to: &binds)
            try await execute("""
                UPDATE §inv_artifact a SET name = u.name, name_time = u.name_time, version = u.version,
                    version_time = u.version_time, purl = u.purl, purl_key = u.purl_key, purl_time = u.purl_time,
                    media_type = u.media_type, media_type_time = u.media_type_time, first_seen = u.first_seen,
                    last_seen = u.last_seen
                FROM unnest($1::int4[], $2::text[], $3::float8[], $4::text[], $5::float8[], $6::text[], $7::text[],
                    $8::float8[], $9::text[], $10::float8[], $11::float8[], $12::float8[])
                    AS u(id, name, name_time, version, version_time, purl, purl_key, purl_time, media_type,
                         media_type_time, first_seen, last_seen)
                WHERE a.id = u.id
                """, binds)
        }
        if !inserts.isEmpty {
            var binds = Self.binds { $0.append(inserts.map(\.key.buffer)) }
            Self.appendIdentity(inserts.map(\.state), to: &binds)
            let inserted = try await rows("""
                INSERT INTO §inv_artifact (digest, name, name_time, version, version_time, purl, purl_key, purl_time,
                    media_type, media_type_time, first_seen, last_seen)
                SELECT * FROM unnest($1::bytea[], $2::text[], $3::float8[], $4::text[], $5::float8[], $6::text[],
                    $7::text[], $8::float8[], $9::text[], $10::float8[], $11::float8[], $12::float8[])
                RETURNING id, digest
                """, binds, table: "inv_artifact") { (id: Int32(clamping: try $0.int(0)), key: try $0.bytes(1)) }
            for row in inserted {
                artifactIDs[row.key] = row.id
                sbomCounts[row.id] = 0
            }
            newArtifacts += Int64(inserted.count)
        }
    }

    private static func appendIdentity(_ states: [Support.ArtifactState], to binds: inout PostgresBindings) {
        func value(_ field: KeyPath<Support.ArtifactState, Support.Sighted>) -> Texts { Texts(states.map { $0[keyPath: field].value }) }
        func time(_ field: KeyPath<Support.ArtifactState, Support.Sighted>) -> Doubles {
            Doubles(states.map { $0[keyPath: field].value == nil ? nil : $0[keyPath: field].time })
        }
        binds.append(value(\.name))
        binds.append(time(\.name))
        binds.append(value(\.version))
        binds.append(time(\.version))
        binds.append(value(\.purl))
        binds.append(Texts(states.map(\.purlKey)))
        binds.append(time(\.purl))
        binds.append(value(\.mediaType))
        binds.append(time(\.mediaType))
        binds.append(states.map(\.firstSeen))
        binds.append(states.map(\.lastSeen))
    }

    private func artifactID(_ key: [UInt8]) throws -> Int32 {
        guard let id = artifactIDs[key] else { throw StoreError(.io, "an inventory batch names an artifact it did not register") }
        return id
    }

    // MARK: SBOMs and components

    private mutating func applySBOMs(_ plan: InventoryPlan) async throws {
        guard !plan.sboms.isEmpty else { return }
        let artifactColumn = try plan.sboms.map { try artifactID($0.artifactKey) }
        let inserted = try await rows("""
            INSERT INTO §inv_sbom (artifact_id, document, format)
            SELECT * FROM unnest($1::int4[], $2::bytea[], $3::text[]) ON CONFLICT DO NOTHING
            RETURNING artifact_id, document
            """, Self.binds {
                $0.append(artifactColumn)
                $0.append(plan.sboms.map(\.document.buffer))
                $0.append(plan.sboms.map(\.format))
            }, table: "inv_sbom") { (artifact: Int32(clamping: try $0.int(0)), document: try $0.bytes(1)) }
        var added: [Int32: Int32] = [:]
        for row in inserted { added[row.artifact, default: 0] += 1 }
        if !added.isEmpty {
            let counts = added.sorted { $0.key < $1.key }
            try await execute("""
                UPDATE §inv_artifact a SET sbom_count = a.sbom_count + u.n FROM unnest($1::int4[], $2::int4[]) AS u(id, n)
                WHERE a.id = u.id
                """, Self.binds {
                    $0.append(counts.map(\.key))
                    $0.append(counts.map(\.value))
                })
            for (artifact, _) in counts where sbomCounts[artifact] == 0 { newArtifactsWithSBOM += 1 }
        }
        // Components are stored again even when the document is known (conflicting inserts do nothing),
        // so the union holds even if two records named one document with different components.
        let sboms = zip(artifactColumn, plan.sboms).map { (artifact: $0.0, components: $0.1.components) }
        try await resolveComponents(sboms.flatMap(\.components))
        var links: [UInt64: Int16] = [:]
        for sbom in sboms {
            for component in sbom.components {
                guard let id = cache.entries[component.purl]?.id else {
                    throw StoreError(.io, "component \(component.purl.prefix(200)) has no id after it was stored")
                }
                let key = UInt64(UInt32(bitPattern: id)) << 32 | UInt64(UInt32(bitPattern: sbom.artifact))
                let relationship = Int16(Support.code(component.relationship))
                if let known = links[key], known >= relationship { continue }
                links[key] = relationship
            }
        }
        // Key order, so concurrent writers (were they not serialized) would lock rows in one order.
        let sorted = links.sorted { $0.key < $1.key }
        var components: [Int32] = [], artifacts: [Int32] = [], relationships: [Int16] = []
        components.reserveCapacity(sorted.count)
        artifacts.reserveCapacity(sorted.count)
        relationships.reserveCapacity(sorted.count)
        for (key, relationship) in sorted {
            components.append(Int32(bitPattern: UInt32(truncatingIfNeeded: key >> 32)))
            artifacts.append(Int32(bitPattern: UInt32(truncatingIfNeeded: key)))
            relationships.append(relationship)
        }
        let count = try await rows("""
            WITH ins AS (
                INSERT INTO §inv_artifact_component AS t (component_id, artifact_id, relationship)
                SELECT * FROM unnest($1::int4[], $2::int4[], $3::int2[])
                ON CONFLICT (component_id, artifact_id) DO UPDATE SET relationship = EXCLUDED.relationship
                    WHERE t.relationship < EXCLUDED.relationship
                RETURNING (xmax = 0) AS inserted)
            SELECT count(*) FILTER (WHERE inserted) FROM ins
            """, Self.binds {
                $0.append(components)
                $0.append(artifacts)
                $0.append(relationships)
            }, table: "inv_artifact_component") { try $0.int(0) }.first ?? 0
        newComponentRows += count
    }

    /// Puts every component's id in the cache, creating rows and merging attributes as needed.
    private mutating func resolveComponents(_ records: [InventoryComponentRecord]) async throws {
        var pending: [String: (record: InventoryComponentRecord, attributes: Support.ComponentAttributes)] = [:]
        for component in records {
            if let cached = cache.entries[component.purl] {
                let known = cached.attributes
                if known.name == component.name, known.version == component.version, known.ecosystem == component.ecosystem,
                   component.licenses.allSatisfy(known.licenses.contains) {
                    continue
                }
                if known.absorbs(Support.ComponentAttributes(component)) { continue }
            }
            if pending[component.purl] != nil {
                pending[component.purl]?.attributes.merge(Support.ComponentAttributes(component))
            } else {
                pending[component.purl] = (component, Support.ComponentAttributes(component))
            }
        }
        guard !pending.isEmpty else { return }
        let purls = pending.keys.sorted()
        let stored = try await rows("""
            SELECT id, purl, name, version, ecosystem, licenses FROM §inv_component WHERE purl = ANY($1::text[])
            """, Self.binds { $0.append(purls) }, table: "inv_component") { c in
            (id: Int32(clamping: try c.int(0)), purl: try c.text(1), attributes: Support.ComponentAttributes(
                name: try c.text(2), version: try c.optionalText(3), ecosystem: try c.text(4),
                licenses: Support.ComponentAttributes.licenses(stored: try c.text(5))))
        }
        var updates: [(id: Int32, attributes: Support.ComponentAttributes)] = []
        var found = Set<String>()
        for row in stored {
            guard let incoming = pending[row.purl] else { continue }
            found.insert(row.purl)
            var merged = row.attributes
            merged.merge(incoming.attributes)
            if merged != row.attributes { updates.append((row.id, merged)) }
            cache.entries[row.purl] = PostgresComponentCache.Entry(id: row.id, attributes: merged)
        }
        if !updates.isEmpty {
            updates.sort { $0.id < $1.id }
            try await execute("""
                UPDATE §inv_component c SET name = u.name, version = u.version, ecosystem = u.ecosystem, licenses = u.licenses
                FROM unnest($1::int4[], $2::text[], $3::text[], $4::text[], $5::text[]) AS u(id, name, version, ecosystem, licenses)
                WHERE c.id = u.id
                """, Self.binds {
                    $0.append(updates.map(\.id))
                    $0.append(updates.map(\.attributes.name))
                    $0.append(Texts(updates.map(\.attributes.version)))
                    $0.append(updates.map(\.attributes.ecosystem))
                    $0.append(updates.map(\.attributes.storedLicenses))
                })
        }
        let missing = purls.filter { !found.contains($0) }.compactMap { pending[$0] }
        guard !missing.isEmpty else { return }
        let inserted = try await rows("""
            INSERT INTO §inv_component (purl, package_key, name, version, ecosystem, licenses)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
            RETURNING id, purl
            """, Self.binds {
                $0.append(missing.map(\.record.purl))
                $0.append(missing.map(\.record.packageKey))
                $0.append(missing.map(\.attributes.name))
                $0.append(Texts(missing.map(\.attributes.version)))
                $0.append(missing.map(\.attributes.ecosystem))
                $0.append(missing.map(\.attributes.storedLicenses))
            }, table: "inv_component") { (id: Int32(clamping: try $0.int(0)), purl: try $0.text(1)) }
        for row in inserted {
            guard let incoming = pending[row.purl] else { continue }
            cache.entries[row.purl] = PostgresComponentCache.Entry(id: row.id, attributes: incoming.attributes)
        }
    }

    // MARK: Provenance, signatures, decisions

    private mutating func applyFacts(_ plan: InventoryPlan) async throws {
        if !plan.provenance.isEmpty {
            let facts = plan.provenance
            let artifacts = try facts.map { try artifactID($0.artifactKey) }
            try await execute("""
                INSERT INTO §inv_provenance AS t (artifact_id, fact_key, source, vouched_by, repository, commit_sha, ref,
                    workflow, builder, trigger_event, document, time)
                SELECT * FROM unnest($1::int4[], $2::bytea[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                    $8::text[], $9::text[], $10::text[], $11::bytea[], $12::float8[])
                ON CONFLICT (artifact_id, fact_key) DO UPDATE SET time = LEAST(t.time, EXCLUDED.time)
                """, Self.binds {
                    $0.append(artifacts)
                    $0.append(facts.map(\.factKey.buffer))
                    $0.append(facts.map(\.record.source.rawValue))
                    $0.append(facts.map(\.record.vouchedBy))
                    $0.append(Texts(facts.map(\.record.repository)))
                    $0.append(Texts(facts.map(\.record.commit)))
                    $0.append(Texts(facts.map(\.record.ref)))
                    $0.append(Texts(facts.map(\.record.workflow)))
                    $0.append(Texts(facts.map(\.record.builder)))
                    $0.append(Texts(facts.map(\.record.trigger)))
                    $0.append(Blobs(facts.map { $0.record.document.map { Support.key($0).buffer } }))
                    $0.append(facts.map(\.time))
                })
            let trusted = Array(Set(zip(facts, artifacts).filter { $0.0.record.source != .selfAsserted }.map(\.1))).sorted()
            if !trusted.isEmpty {
                newTrusted += Int64(try await rows("""
                    UPDATE §inv_artifact SET trusted_provenance = true WHERE id = ANY($1::int4[]) AND NOT trusted_provenance
                    RETURNING id
                    """, Self.binds { $0.append(trusted) }, table: "inv_artifact") { try $0.int(0) }.count)
            }
        }
        if !plan.signatures.isEmpty {
            let facts = plan.signatures
            let artifacts = try facts.map { try artifactID($0.artifactKey) }
            try await execute("""
                INSERT INTO §inv_signature AS t (artifact_id, fact_key, evidence, signer, issuer, trusted, time)
                SELECT * FROM unnest($1::int4[], $2::bytea[], $3::text[], $4::text[], $5::text[], $6::bool[], $7::float8[])
                ON CONFLICT (artifact_id, fact_key) DO UPDATE SET time = LEAST(t.time, EXCLUDED.time)
                """, Self.binds {
                    $0.append(artifacts)
                    $0.append(facts.map(\.factKey.buffer))
                    $0.append(facts.map(\.record.evidence))
                    $0.append(facts.map(\.record.signer))
                    $0.append(Texts(facts.map(\.record.issuer)))
                    $0.append(facts.map(\.record.trusted))
                    $0.append(facts.map(\.time))
                })
        }
        if !plan.decisions.isEmpty {
            let facts = plan.decisions
            let artifacts = try facts.map { try artifactID($0.artifactKey) }
            try await execute("""
                INSERT INTO §inv_decision (artifact_id, fact_key, decision, policy, ledger_index, time)
                SELECT * FROM unnest($1::int4[], $2::bytea[], $3::text[], $4::text[], $5::int8[], $6::float8[])
                ON CONFLICT (artifact_id, fact_key) DO NOTHING
                """, Self.binds {
                    $0.append(artifacts)
                    $0.append(facts.map(\.factKey.buffer))
                    $0.append(facts.map(\.record.decision))
                    $0.append(facts.map(\.record.policy))
                    $0.append(PostgresNullableArray<Int64>(facts.map { $0.record.ledgerIndex.map { Int64(clamping: $0) } }))
                    $0.append(facts.map { Support.time($0.record.time) })
                })
        }
    }

    // MARK: Deployments

    private mutating func applyDeployments(_ plan: InventoryPlan) async throws {
        guard !plan.slots.isEmpty else { return }
        typealias Latest = Support.SlotLatest
        var slots: [String: (id: Int32, stored: Latest?)] = [:]
        for row in try await rows("""
            SELECT id, slot_key, latest_time, latest_key, latest_running FROM §inv_slot WHERE slot_key = ANY($1::text[])
            """, Self.binds { $0.append(plan.slots.map(\.key)) }, table: "inv_slot", { c in
                (id: Int32(clamping: try c.int(0)), key: try c.text(1),
                 latest: Latest(time: try c.double(2), key: try c.text(3), running: try c.bool(4)))
            }) {
            slots[row.key] = (row.id, row.latest)
        }
        let newSlots = plan.slots.filter { slots[$0.key] == nil }
        if !newSlots.isEmpty {
            for row in try await rows("""
                INSERT INTO §inv_slot (slot_key, environment, cluster, namespace, service, latest_time, latest_key, latest_running)
                SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::text[], $8::bool[])
                RETURNING id, slot_key
                """, Self.binds {
                    $0.append(newSlots.map(\.key))
                    $0.append(newSlots.map(\.environment))
                    $0.append(Texts(newSlots.map(\.cluster)))
                    $0.append(Texts(newSlots.map(\.namespace)))
                    $0.append(Texts(newSlots.map(\.service)))
                    $0.append(newSlots.map(\.latest.time))
                    $0.append(newSlots.map(\.latest.key))
                    $0.append(newSlots.map(\.latest.running))
                }, table: "inv_slot", { (id: Int32(clamping: try $0.int(0)), key: try $0.text(1)) }) {
                slots[row.key] = (row.id, nil)
            }
        }
        let fields = Dictionary(plan.slots.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })

        if !plan.deployments.isEmpty {
            let slotIDs = try plan.deployments.map { row -> Int32 in
                guard let slot = slots[row.slotKey] else {
                    throw StoreError(.io, "an inventory batch names a deployment slot it did not register")
                }
                return slot.id
            }
            var stored: [String: (id: Int32, reference: Support.Sighted, firstSeen: Double, lastSeen: Double)] = [:]
            for row in try await rows("""
                SELECT d.id, d.slot_id, d.key, d.reference, d.reference_time, d.first_seen, d.last_seen
                FROM §inv_deployment d JOIN unnest($1::int4[], $2::text[]) AS u(slot_id, key)
                    ON d.slot_id = u.slot_id AND d.key = u.key
                """, Self.binds {
                    $0.append(slotIDs)
                    $0.append(plan.deployments.map(\.key))
                }, table: "inv_deployment", { c in
                    (id: Int32(clamping: try c.int(0)), slot: try c.int(1), key: try c.text(2),
                     reference: Support.Sighted(value: try c.optionalText(3), time: try c.optionalDouble(4) ?? 0),
                     firstSeen: try c.double(5), lastSeen: try c.double(6))
                }) {
                stored["\(row.slot)\u{0}\(row.key)"] = (row.id, row.reference, row.firstSeen, row.lastSeen)
            }
            var updates: [(id: Int32, reference: Support.Sighted, firstSeen: Double, lastSeen: Double)] = []
            var inserts: [(slot: Int32, row: InventoryPlan.Deployment, fields: InventoryPlan.Slot)] = []
            for (index, row) in plan.deployments.enumerated() {
                let slot = slotIDs[index]
                if let old = stored["\(slot)\u{0}\(row.key)"] {
                    var reference = old.reference
                    reference.merge(row.reference)
                    let first = min(old.firstSeen, row.firstSeen), last = max(old.lastSeen, row.lastSeen)
                    if reference != old.reference || first != old.firstSeen || last != old.lastSeen {
                        updates.append((old.id, reference, first, last))
                    }
                } else if let slotFields = fields[row.slotKey] {
                    inserts.append((slot, row, slotFields))
                }
            }
            if !updates.isEmpty {
                updates.sort { $0.id < $1.id }
                try await execute("""
                    UPDATE §inv_deployment d SET reference = u.reference, reference_time = u.reference_time,
                        first_seen = u.first_seen, last_seen = u.last_seen
                    FROM unnest($1::int4[], $2::text[], $3::float8[], $4::float8[], $5::float8[])
                        AS u(id, reference, reference_time, first_seen, last_seen)
                    WHERE d.id = u.id
                    """, Self.binds {
                        $0.append(updates.map(\.id))
                        $0.append(Texts(updates.map(\.reference.value)))
                        $0.append(Doubles(updates.map { $0.reference.value == nil ? nil : $0.reference.time }))
                        $0.append(updates.map(\.firstSeen))
                        $0.append(updates.map(\.lastSeen))
                    })
            }
            if !inserts.isEmpty {
                try await execute("""
                    INSERT INTO §inv_deployment (slot_id, key, environment, cluster, namespace, service, digest, reference,
                        reference_time, first_seen, last_seen, running)
                    SELECT u.*, false FROM unnest($1::int4[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                        $7::bytea[], $8::text[], $9::float8[], $10::float8[], $11::float8[]) AS u
                    """, Self.binds {
                        $0.append(inserts.map(\.slot))
                        $0.append(inserts.map(\.row.key))
                        $0.append(inserts.map(\.fields.environment))
                        $0.append(Texts(inserts.map(\.fields.cluster)))
                        $0.append(Texts(inserts.map(\.fields.namespace)))
                        $0.append(Texts(inserts.map(\.fields.service)))
                        $0.append(Blobs(inserts.map { $0.row.digestKey?.buffer }))
                        $0.append(Texts(inserts.map(\.row.reference.value)))
                        $0.append(Doubles(inserts.map { $0.row.reference.value == nil ? nil : $0.row.reference.time }))
                        $0.append(inserts.map(\.row.firstSeen))
                        $0.append(inserts.map(\.row.lastSeen))
                    })
                newDeployments += Int64(inserts.count)
                newWithoutDigest += Int64(inserts.filter { $0.row.digestKey == nil }.count)
            }
        }

        // The running flag follows each slot's latest sighting.
        var off: [(slot: Int32, key: String)] = []
        var on: [(slot: Int32, key: String)] = []
        var moved: [(slot: Int32, latest: Latest)] = []
        for slot in plan.slots {
            guard let state = slots[slot.key] else { continue }
            if let old = state.stored {
                guard old.isReplaced(by: slot.latest) else { continue }
                if old.running { off.append((state.id, old.key)) }
                moved.append((state.id, slot.latest))
            }
            if slot.latest.running { on.append((state.id, slot.latest.key)) }
        }
        for (list, running) in [(off, false), (on, true)] where !list.isEmpty {
            let sorted = list.sorted { $0.slot < $1.slot }
            var binds = Self.binds {
                $0.append(sorted.map(\.slot))
                $0.append(sorted.map(\.key))
            }
            binds.append(running)
            try await execute("""
                UPDATE §inv_deployment d SET running = $3 FROM unnest($1::int4[], $2::text[]) AS u(slot_id, key)
                WHERE d.slot_id = u.slot_id AND d.key = u.key
                """, binds)
        }
        if !moved.isEmpty {
            moved.sort { $0.slot < $1.slot }
            try await execute("""
                UPDATE §inv_slot s SET latest_time = u.latest_time, latest_key = u.latest_key, latest_running = u.latest_running
                FROM unnest($1::int4[], $2::float8[], $3::text[], $4::bool[]) AS u(id, latest_time, latest_key, latest_running)
                WHERE s.id = u.id
                """, Self.binds {
                    $0.append(moved.map(\.slot))
                    $0.append(moved.map(\.latest.time))
                    $0.append(moved.map(\.latest.key))
                    $0.append(moved.map(\.latest.running))
                })
        }
    }

    // MARK: Tags, findings, exception events

    private func applyOthers(_ plan: InventoryPlan) async throws {
        if !plan.tags.isEmpty {
            try await execute("""
                INSERT INTO §inv_tag (repository, tag, time, digest)
                SELECT * FROM unnest($1::text[], $2::text[], $3::float8[], $4::bytea[]) ON CONFLICT DO NOTHING
                """, Self.binds {
                    $0.append(plan.tags.map(\.repository))
                    $0.append(plan.tags.map(\.tag))
                    $0.append(plan.tags.map(\.time))
                    $0.append(plan.tags.map(\.digestKey.buffer))
                })
        }
        if !plan.findings.isEmpty {
            try await execute("""
                INSERT INTO §inv_finding AS t (advisory, purl, first_seen)
                SELECT * FROM unnest($1::text[], $2::text[], $3::float8[])
                ON CONFLICT (advisory, purl) DO UPDATE SET first_seen = LEAST(t.first_seen, EXCLUDED.first_seen)
                """, Self.binds {
                    $0.append(plan.findings.map(\.advisory))
                    $0.append(plan.findings.map(\.purl))
                    $0.append(plan.findings.map(\.firstSeen))
                })
        }
        if !plan.exceptionEvents.isEmpty {
            try await execute("""
                INSERT INTO §inv_exception_event (event) SELECT * FROM unnest($1::text[]) ON CONFLICT DO NOTHING
                """, Self.binds { $0.append(plan.exceptionEvents) })
        }
    }
}
