import Foundation
import NIOCore
import PostgresNIO
import TollgateModel
import TollgateStore

/// The PostgreSQL implementation of `EvidenceStore`, beside a PostgreSQL ledger (same schema), for
/// several server replicas. Writes are single statements with `ON CONFLICT`, so replicas racing on
/// one artifact or document keep exactly one row.
public final class EvidenceStorePostgres: EvidenceStore {
    public let database: PostgresDatabase
    public let schema: String

    public init(database: PostgresDatabase, schema: String = "public") throws(StoreError) {
        self.schema = try PostgresDatabase.checkSchema(schema)
        self.database = database
    }

    private func table(_ name: String) -> String { "\"\(schema)\".\(name)" }

    public func prepare() async throws {
        try await database.createTables(schema: schema, [
            """
            CREATE TABLE IF NOT EXISTS \(table("server_artifact")) (digest TEXT PRIMARY KEY, name TEXT, version TEXT, purl TEXT,
                public BOOLEAN NOT NULL, registered DOUBLE PRECISION NOT NULL, registered_by TEXT NOT NULL, ledger_index BIGINT NOT NULL)
            """,
            """
            CREATE TABLE IF NOT EXISTS \(table("server_evidence")) (subject TEXT NOT NULL, document TEXT NOT NULL, kind TEXT NOT NULL,
                media_type TEXT NOT NULL, summary BYTEA NOT NULL, stored DOUBLE PRECISION NOT NULL, stored_by TEXT NOT NULL,
                ledger_index BIGINT NOT NULL, PRIMARY KEY (subject, document))
            """,
        ], "cannot create the evidence schema")
    }

    private var artifactColumns: String { "digest, name, version, purl, public, registered, registered_by, ledger_index" }

    public func register(_ artifact: ArtifactRegistration) async throws -> (ArtifactRegistration, created: Bool) {
        var insert = PostgresQuery(unsafeSQL: """
            INSERT INTO \(table("server_artifact")) (\(artifactColumns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (digest) DO NOTHING RETURNING digest
            """)
        insert.binds.append(artifact.digest.description)
        insert.binds.append(artifact.name)
        insert.binds.append(artifact.version)
        insert.binds.append(artifact.purl)
        insert.binds.append(artifact.isPublic)
        insert.binds.append(artifact.registered.timeIntervalSince1970)
        insert.binds.append(artifact.registeredBy)
        insert.binds.append(Int64(artifact.ledgerIndex))
        let created = try await database.rows(insert, "cannot register the artifact").isEmpty == false
        if created { return (artifact, true) }
        guard let existing = try await self.artifact(artifact.digest) else {
            throw StoreError(.conflict, "the artifact \(artifact.digest) was registered and removed concurrently")
        }
        return (existing, false)
    }

    public func artifact(_ digest: Digest) async throws -> ArtifactRegistration? {
        var query = PostgresQuery(unsafeSQL: "SELECT \(artifactColumns) FROM \(table("server_artifact")) WHERE digest = $1")
        query.binds.append(digest.description)
        return try await database.rows(query, "cannot read the artifact").map(Self.registration).first
    }

    private static func registration(_ row: PostgresRow) throws -> ArtifactRegistration {
        let (digest, name, version, purl, isPublic, registered, by, index) =
            try row.decode((String, String?, String?, String?, Bool, Double, String, Int64).self)
        return ArtifactRegistration(digest: try Digest(parsing: digest), name: name, version: version, purl: purl, isPublic: isPublic,
                                    registered: Date(timeIntervalSince1970: registered), registeredBy: by,
                                    ledgerIndex: UInt64(max(0, index)))
    }

    public func artifacts(publicOnly: Bool, after: Digest?, limit: Int) async throws -> [ArtifactRegistration] {
        var query = PostgresQuery(unsafeSQL: """
            SELECT \(artifactColumns) FROM \(table("server_artifact")) WHERE digest > $1 AND (NOT $2 OR public)
            ORDER BY digest COLLATE "C" LIMIT $3
            """)
        query.binds.append(after?.description ?? "")
        query.binds.append(publicOnly)
        query.binds.append(Int64(max(0, limit)))
        return try await database.rows(query, "cannot list the artifacts").map(Self.registration)
    }

    public func setPublic(_ digest: Digest, _ isPublic: Bool) async throws -> ArtifactRegistration? {
        var query = PostgresQuery(unsafeSQL: "UPDATE \(table("server_artifact")) SET public = $2 WHERE digest = $1 RETURNING \(artifactColumns)")
        query.binds.append(digest.description)
        query.binds.append(isPublic)
        return try await database.rows(query, "cannot change the artifact's disclosure").map(Self.registration).first
    }

    private var evidenceColumns: String { "subject, document, kind, media_type, summary, stored, stored_by, ledger_index" }

    public func attach(_ evidence: EvidenceAttachment) async throws -> (EvidenceAttachment, created: Bool) {
        var insert = PostgresQuery(unsafeSQL: """
            INSERT INTO \(table("server_evidence")) (\(evidenceColumns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (subject, document) DO NOTHING RETURNING subject
            """)
        insert.binds.append(evidence.subject.description)
        insert.binds.append(evidence.document.description)
        insert.binds.append(evidence.kind)
        insert.binds.append(evidence.mediaType)
        insert.binds.append(ByteBuffer(bytes: evidence.summary))
        insert.binds.append(evidence.stored.timeIntervalSince1970)
        insert.binds.append(evidence.storedBy)
        insert.binds.append(Int64(evidence.ledgerIndex))
        if try await database.rows(insert, "cannot attach the evidence").isEmpty == false { return (evidence, true) }
        var query = PostgresQuery(unsafeSQL: "SELECT \(evidenceColumns) FROM \(table("server_evidence")) WHERE subject = $1 AND document = $2")
        query.binds.append(evidence.subject.description)
        query.binds.append(evidence.document.description)
        guard let existing = try await database.rows(query, "cannot read the evidence").map(Self.attachment).first else {
            throw StoreError(.conflict, "the evidence \(evidence.document) was attached and removed concurrently")
        }
        return (existing, false)
    }

    public func evidence(of subject: Digest) async throws -> [EvidenceAttachment] {
        var query = PostgresQuery(unsafeSQL: "SELECT \(evidenceColumns) FROM \(table("server_evidence")) WHERE subject = $1 ORDER BY ledger_index")
        query.binds.append(subject.description)
        return try await database.rows(query, "cannot read the evidence").map(Self.attachment)
    }

    private static func attachment(_ row: PostgresRow) throws -> EvidenceAttachment {
        let (subject, document, kind, mediaType, summary, stored, by, index) =
            try row.decode((String, String, String, String, ByteBuffer, Double, String, Int64).self)
        return EvidenceAttachment(subject: try Digest(parsing: subject), document: try Digest(parsing: document), kind: kind,
                                  mediaType: mediaType, summary: Data(summary.readableBytesView),
                                  stored: Date(timeIntervalSince1970: stored), storedBy: by, ledgerIndex: UInt64(max(0, index)))
    }
}
