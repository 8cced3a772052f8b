import Foundation
import GRDB
import GRDBSQLite
import TollgateModel
import TollgateStore

/// Component ids by purl with the attributes last known to be stored, kept across batches.
struct ComponentCache {
    struct Entry {
        var id: Int64
        var attributes: InventoryStoreSupport.ComponentAttributes
    }

    /// `inv_meta.generation` when the entries were read; `reset` bumps it.
    var generation: Int64 = -1
    var entries: [String: Entry] = [:]
}

/// Writes one `InventoryPlan` inside the caller's `BEGIN IMMEDIATE` transaction: each entry is
/// merged with the stored row (the write lock makes read-merge-write safe across processes).
struct InventoryWriterSQLite {
    typealias Support = InventoryStoreSupport

    let raw: RawSQL
    var cache: ComponentCache
    private var artifactIDs: [[UInt8]: Int64] = [:]
    private var sbomCounts: [Int64: Int64] = [:]
    // Counter changes, written to inv_meta at the end.
    private var newArtifacts = 0
    private var newArtifactsWithSBOM = 0
    private var newTrusted = 0
    private var newDeployments = 0
    private var newWithoutDigest = 0
    private var newComponentRows = 0

    init(raw: RawSQL, cache: ComponentCache) {
        self.raw = raw
        self.cache = cache
    }

    mutating func apply(_ plan: InventoryPlan) throws {
        guard let generation = try raw.one("SELECT generation FROM inv_meta WHERE id = 1", table: "inv_meta", { try $0.int(0) }) else {
            throw StoreError(.corrupt, "the inventory counters row is missing; run `tollgate inventory rebuild`")
        }
        if generation != cache.generation { cache = ComponentCache(generation: generation) }
        let unknownBefore = try runningUnknown(plan)
        try applyArtifacts(plan)
        try applySBOMs(plan)
        try applyFacts(plan)
        try applyDeployments(plan)
        try applyOthers(plan)
        let unknownAfter = try runningUnknown(plan)
        try raw.execute("""
            UPDATE inv_meta SET artifacts = artifacts + ?, artifacts_with_sbom = artifacts_with_sbom + ?,
                artifacts_with_trusted_provenance = artifacts_with_trusted_provenance + ?, deployments = deployments + ?,
                deployments_without_digest = deployments_without_digest + ?, running_unknown = running_unknown + ?,
                component_rows = component_rows + ?, deployment_version = deployment_version + ?
            WHERE id = 1
            """, [.int(Int64(newArtifacts)), .int(Int64(newArtifactsWithSBOM)), .int(Int64(newTrusted)),
                  .int(Int64(newDeployments)), .int(Int64(newWithoutDigest)),
                  .int(Int64(unknownAfter.count - unknownBefore.count)), .int(Int64(newComponentRows)),
                  .int(plan.slots.isEmpty ? 0 : 1)])
        _ = try raw.execute("UPDATE inv_revision SET revision = revision + 1 WHERE id = 1")
    }

    /// Running deployment rows whose digest is no known artifact, among those the plan can change.
    private func runningUnknown(_ plan: InventoryPlan) throws -> Set<Int64> {
        var ids = Set<Int64>()
        for key in plan.affectedDigestKeys {
            try raw.query("""
                SELECT d.id FROM inv_deployment d WHERE d.digest = ? AND d.running = 1
                    AND NOT EXISTS (SELECT 1 FROM inv_artifact a WHERE a.digest = d.digest)
                """, [.blob(key)], table: "inv_deployment") { ids.insert(try $0.int(0)) }
        }
        for slot in plan.slots {
            try raw.query("""
                SELECT d.id FROM inv_slot s JOIN inv_deployment d ON d.slot_id = s.id
                WHERE s.slot_key = ? AND d.running = 1 AND d.digest IS NOT NULL
                    AND NOT EXISTS (SELECT 1 FROM inv_artifact a WHERE a.digest = d.digest)
                """, [.text(slot.key)], table: "inv_deployment") { ids.insert(try $0.int(0)) }
        }
        return ids
    }

    // MARK: Artifacts

    private mutating func applyArtifacts(_ plan: InventoryPlan) throws {
        for artifact in plan.artifacts {
            let stored = try raw.one("""
                SELECT id, name, name_time, version, version_time, purl, purl_time, media_type, media_type_time,
                    first_seen, last_seen, sbom_count
                FROM inv_artifact WHERE digest = ?
                """, [.blob(artifact.key)], table: "inv_artifact") { c in
                (id: try c.int(0), sbomCount: try c.int(11), state: Support.ArtifactState(
                    name: Support.Sighted(value: try c.optionalText(1), time: try c.optionalDouble(2) ?? 0),
                    version: Support.Sighted(value: try c.optionalText(3), time: try c.optionalDouble(4) ?? 0),
                    purl: Support.Sighted(value: try c.optionalText(5), time: try c.optionalDouble(6) ?? 0),
                    mediaType: Support.Sighted(value: try c.optionalText(7), time: try c.optionalDouble(8) ?? 0),
                    firstSeen: try c.double(9), lastSeen: try c.double(10)))
            }
            if let stored {
                artifactIDs[artifact.key] = stored.id
                sbomCounts[stored.id] = stored.sbomCount
                var merged = stored.state
                merged.merge(artifact.state)
                guard merged != stored.state else { continue }
                try raw.execute("""
                    UPDATE inv_artifact SET name = ?, name_time = ?, version = ?, version_time = ?, purl = ?, purl_key = ?,
                        purl_time = ?, media_type = ?, media_type_time = ?, first_seen = ?, last_seen = ?
                    WHERE id = ?
                    """, Self.identityValues(merged) + [.int(stored.id)])
            } else {
                try raw.execute("""
                    INSERT INTO inv_artifact (name, name_time, version, version_time, purl, purl_key, purl_time, media_type,
                        media_type_time, first_seen, last_seen, digest, sbom_count, trusted_provenance)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)
                    """, Self.identityValues(artifact.state) + [.blob(artifact.key)])
                let id = raw.lastInsertedRowID
                artifactIDs[artifact.key] = id
                sbomCounts[id] = 0
                newArtifacts += 1
            }
        }
    }

    private static func identityValues(_ state: Support.ArtifactState) -> [SQLValue] {
        func sighted(_ field: Support.Sighted) -> [SQLValue] {
            [.text(field.value), field.value == nil ? .null : .real(field.time)]
        }
        return sighted(state.name) + sighted(state.version)
            + [.text(state.purl.value), .text(state.purlKey), state.purl.value == nil ? .null : .real(state.purl.time)]
            + sighted(state.mediaType) + [.real(state.firstSeen), .real(state.lastSeen)]
    }

    private func artifactID(_ key: [UInt8]) throws -> Int64 {
        guard let id = artifactIDs[key] else {
            throw StoreError(.io, "an inventory batch names an artifact it did not register")
        }
        return id
    }

    // MARK: SBOMs and components

    private mutating func applySBOMs(_ plan: InventoryPlan) throws {
        var links: [(component: Int64, artifact: Int64, relationship: Int64)] = []
        var added: [Int64: Int64] = [:]
        for sbom in plan.sboms {
            let artifact = try artifactID(sbom.artifactKey)
            let inserted = try raw.execute("INSERT OR IGNORE INTO inv_sbom (artifact_id, document, format) VALUES (?, ?, ?)",
                                           [.int(artifact), .blob(sbom.document), .text(sbom.format)])
            if inserted > 0 { added[artifact, default: 0] += 1 }
            // Components are stored again even when the document is known (an ignored insert each), so
            // the union holds even if two records named one document with different components.
            links.reserveCapacity(links.count + sbom.components.count)
            for component in sbom.components {
                links.append((try resolve(component), artifact, Int64(Support.code(component.relationship))))
            }
        }
        for (artifact, count) in added.sorted(by: { $0.key < $1.key }) {
            try raw.execute("UPDATE inv_artifact SET sbom_count = sbom_count + ? WHERE id = ?", [.int(count), .int(artifact)])
            if sbomCounts[artifact] == 0 { newArtifactsWithSBOM += 1 }
        }
        guard !links.isEmpty else { return }
        // Key order (block, component, artifact): the B-tree is written page by page, not at random.
        let shift = InventoryStoreSQLite.blockShift
        links.sort { a, b in
            let blockA = a.artifact >> shift, blockB = b.artifact >> shift
            if blockA != blockB { return blockA < blockB }
            if a.component != b.component { return a.component < b.component }
            return a.artifact != b.artifact ? a.artifact < b.artifact : a.relationship > b.relationship
        }
        let insert = try raw.statement("""
            INSERT OR IGNORE INTO inv_artifact_component (block, component_id, artifact_id, relationship)
            VALUES (?2 >> \(shift), ?1, ?2, ?3)
            """)
        let raise = try raw.statement("""
            UPDATE inv_artifact_component SET relationship = ?3
            WHERE block = ?2 >> \(shift) AND component_id = ?1 AND artifact_id = ?2 AND relationship < ?3
            """)
        let connection = raw.db.sqliteConnection
        var previous: (Int64, Int64) = (-1, -1)
        for link in links {
            // Sorted with the highest relationship first: a repeated pair adds nothing.
            if link.component == previous.0 && link.artifact == previous.1 { continue }
            previous = (link.component, link.artifact)
            try step(insert, link)
            if sqlite3_changes(connection) > 0 {
                newComponentRows += 1
            } else if link.relationship > 0 {
                try step(raise, link)
            }
        }
    }

    @inline(__always) private func step(_ handle: OpaquePointer, _ link: (component: Int64, artifact: Int64, relationship: Int64)) throws {
        defer { sqlite3_reset(handle) }
        guard sqlite3_bind_int64(handle, 1, link.component) == SQLITE_OK,
              sqlite3_bind_int64(handle, 2, link.artifact) == SQLITE_OK,
              sqlite3_bind_int64(handle, 3, link.relationship) == SQLITE_OK,
              sqlite3_step(handle) == SQLITE_DONE else {
            throw raw.error("cannot store a component of an artifact")
        }
    }

    /// The component's id, creating the row or merging its attributes when needed.
    private mutating func resolve(_ component: InventoryComponentRecord) throws -> Int64 {
        if let cached = cache.entries[component.purl] {
            let known = cached.attributes
            if known.name == component.name, known.version == component.version, known.ecosystem == component.ecosystem,
               component.licenses.allSatisfy(known.licenses.contains) {
                return cached.id
            }
            // Merging is a join (min, union): what the cache absorbs, the stored row absorbs too.
            if known.absorbs(Support.ComponentAttributes(component)) { return cached.id }
        }
        let incoming = Support.ComponentAttributes(component)
        let stored = try raw.one("SELECT id, name, version, ecosystem, licenses FROM inv_component WHERE purl = ?",
                                 [.text(component.purl)], table: "inv_component") { c in
            (id: try c.int(0), attributes: Support.ComponentAttributes(
                name: try c.text(1), version: try c.optionalText(2), ecosystem: try c.text(3),
                licenses: Support.ComponentAttributes.licenses(stored: try c.text(4))))
        }
        if let stored {
            var merged = stored.attributes
            merged.merge(incoming)
            if merged != stored.attributes {
                try raw.execute("UPDATE inv_component SET name = ?, version = ?, ecosystem = ?, licenses = ? WHERE id = ?",
                                [.text(merged.name), .text(merged.version), .text(merged.ecosystem),
                                 .text(merged.storedLicenses), .int(stored.id)])
            }
            cache.entries[component.purl] = ComponentCache.Entry(id: stored.id, attributes: merged)
            return stored.id
        }
        try raw.execute("""
            INSERT INTO inv_component (purl, package_key, name, version, ecosystem, licenses) VALUES (?, ?, ?, ?, ?, ?)
            """, [.text(component.purl), .text(component.packageKey), .text(incoming.name), .text(incoming.version),
                  .text(incoming.ecosystem), .text(incoming.storedLicenses)])
        let id = raw.lastInsertedRowID
        cache.entries[component.purl] = ComponentCache.Entry(id: id, attributes: incoming)
        return id
    }

    // MARK: Provenance, signatures, decisions

    private mutating func applyFacts(_ plan: InventoryPlan) throws {
        for fact in plan.provenance {
            let artifact = try artifactID(fact.artifactKey)
            let record = fact.record
            try raw.execute("""
                INSERT INTO inv_provenance (artifact_id, fact_key, source, vouched_by, repository, commit_sha, ref, workflow,
                    builder, trigger_event, document, time)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (artifact_id, fact_key) DO UPDATE SET time = min(time, excluded.time)
                """, [.int(artifact), .blob(fact.factKey), .text(record.source.rawValue), .text(record.vouchedBy),
                      .text(record.repository), .text(record.commit), .text(record.ref), .text(record.workflow),
                      .text(record.builder), .text(record.trigger), .blob(record.document.map(Support.key)),
                      .real(fact.time)])
            if record.source != .selfAsserted {
                newTrusted += try raw.execute(
                    "UPDATE inv_artifact SET trusted_provenance = 1 WHERE id = ? AND trusted_provenance = 0", [.int(artifact)])
            }
        }
        for fact in plan.signatures {
            let record = fact.record
            try raw.execute("""
                INSERT INTO inv_signature (artifact_id, fact_key, evidence, signer, issuer, trusted, time)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (artifact_id, fact_key) DO UPDATE SET time = min(time, excluded.time)
                """, [.int(try artifactID(fact.artifactKey)), .blob(fact.factKey), .text(record.evidence),
                      .text(record.signer), .text(record.issuer), .int(record.trusted ? 1 : 0), .real(fact.time)])
        }
        for fact in plan.decisions {
            let record = fact.record
            try raw.execute("""
                INSERT OR IGNORE INTO inv_decision (artifact_id, fact_key, decision, policy, ledger_index, time)
                VALUES (?, ?, ?, ?, ?, ?)
                """, [.int(try artifactID(fact.artifactKey)), .blob(fact.factKey), .text(record.decision),
                      .text(record.policy), .int(record.ledgerIndex.map { Int64(clamping: $0) }),
                      .real(Support.time(record.time))])
        }
    }

    // MARK: Deployments

    private mutating func applyDeployments(_ plan: InventoryPlan) throws {
        guard !plan.slots.isEmpty else { return }
        var slots: [String: (id: Int64, stored: Support.SlotLatest?)] = [:]
        for slot in plan.slots {
            let stored = try raw.one("SELECT id, latest_time, latest_key, latest_running FROM inv_slot WHERE slot_key = ?",
                                     [.text(slot.key)], table: "inv_slot") { c in
                (id: try c.int(0), latest: Support.SlotLatest(time: try c.double(1), key: try c.text(2), running: try c.bool(3)))
            }
            if let stored {
                slots[slot.key] = (stored.id, stored.latest)
            } else {
                try raw.execute("""
                    INSERT INTO inv_slot (slot_key, environment, cluster, namespace, service, latest_time, latest_key, latest_running)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, [.text(slot.key), .text(slot.environment), .text(slot.cluster), .text(slot.namespace),
                          .text(slot.service), .real(slot.latest.time), .text(slot.latest.key),
                          .int(slot.latest.running ? 1 : 0)])
                slots[slot.key] = (raw.lastInsertedRowID, nil)
            }
        }
        let slotFields = Dictionary(plan.slots.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        for row in plan.deployments {
            guard let slot = slots[row.slotKey], let fields = slotFields[row.slotKey] else {
                throw StoreError(.io, "an inventory batch names a deployment slot it did not register")
            }
            let stored = try raw.one("""
                SELECT id, reference, reference_time, first_seen, last_seen FROM inv_deployment WHERE slot_id = ? AND key = ?
                """, [.int(slot.id), .text(row.key)], table: "inv_deployment") { c in
                (id: try c.int(0), reference: Support.Sighted(value: try c.optionalText(1), time: try c.optionalDouble(2) ?? 0),
                 firstSeen: try c.double(3), lastSeen: try c.double(4))
            }
            if let stored {
                var reference = stored.reference
                reference.merge(row.reference)
                let first = min(stored.firstSeen, row.firstSeen), last = max(stored.lastSeen, row.lastSeen)
                guard reference != stored.reference || first != stored.firstSeen || last != stored.lastSeen else { continue }
                try raw.execute("""
                    UPDATE inv_deployment SET reference = ?, reference_time = ?, first_seen = ?, last_seen = ? WHERE id = ?
                    """, [.text(reference.value), reference.value == nil ? .null : .real(reference.time), .real(first),
                          .real(last), .int(stored.id)])
            } else {
                try raw.execute("""
                    INSERT INTO inv_deployment (slot_id, key, environment, cluster, namespace, service, digest, reference,
                        reference_time, first_seen, last_seen, running)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
                    """, [.int(slot.id), .text(row.key), .text(fields.environment), .text(fields.cluster),
                          .text(fields.namespace), .text(fields.service), .blob(row.digestKey), .text(row.reference.value),
                          row.reference.value == nil ? .null : .real(row.reference.time), .real(row.firstSeen),
                          .real(row.lastSeen)])
                newDeployments += 1
                if row.digestKey == nil { newWithoutDigest += 1 }
            }
        }
        // The running flag follows each slot's latest sighting.
        for slot in plan.slots {
            guard let state = slots[slot.key] else { continue }
            if let old = state.stored {
                guard old.isReplaced(by: slot.latest) else { continue }
                if old.running {
                    try raw.execute("UPDATE inv_deployment SET running = 0 WHERE slot_id = ? AND key = ?",
                                    [.int(state.id), .text(old.key)])
                }
                try raw.execute("UPDATE inv_slot SET latest_time = ?, latest_key = ?, latest_running = ? WHERE id = ?",
                                [.real(slot.latest.time), .text(slot.latest.key), .int(slot.latest.running ? 1 : 0),
                                 .int(state.id)])
            }
            if slot.latest.running {
                try raw.execute("UPDATE inv_deployment SET running = 1 WHERE slot_id = ? AND key = ?",
                                [.int(state.id), .text(slot.latest.key)])
            }
        }
    }

    // MARK: Tags, findings, exception events

    private func applyOthers(_ plan: InventoryPlan) throws {
        for tag in plan.tags {
            try raw.execute("INSERT OR IGNORE INTO inv_tag (repository, tag, time, digest) VALUES (?, ?, ?, ?)",
                            [.text(tag.repository), .text(tag.tag), .real(tag.time), .blob(tag.digestKey)])
        }
        for finding in plan.findings {
            try raw.execute("""
                INSERT INTO inv_finding (advisory, purl, first_seen) VALUES (?, ?, ?)
                ON CONFLICT (advisory, purl) DO UPDATE SET first_seen = min(first_seen, excluded.first_seen)
                """, [.text(finding.advisory), .text(finding.purl), .real(finding.firstSeen)])
        }
        for event in plan.exceptionEvents {
            try raw.execute("INSERT OR IGNORE INTO inv_exception_event (event) VALUES (?)", [.text(event)])
        }
    }
}
