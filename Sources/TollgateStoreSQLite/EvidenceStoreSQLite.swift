import Foundation
import GRDB
import TollgateModel
import TollgateStore

/// The SQLite implementation of `EvidenceStore`, in `DIR/server.sqlite` (WAL, `synchronous = FULL`).
public final class EvidenceStoreSQLite: EvidenceStore {
    private let pool: DatabasePool
    public let path: String

    /// The file name used inside a data directory (shared with `PolicyStoreSQLite`).
    public static let defaultFileName = "server.sqlite"

    public init(path: String) throws(StoreError) {
        self.path = path
        pool = try SQLiteDatabase.openPool(path: path, durable: true)
    }

    public func prepare() async throws {
        try await SQLiteDatabase.createTables(in: pool, """
            CREATE TABLE IF NOT EXISTS server_artifact (
                digest TEXT PRIMARY KEY, name TEXT, version TEXT, purl TEXT, public INTEGER NOT NULL,
                registered REAL NOT NULL, registered_by TEXT NOT NULL, ledger_index INTEGER NOT NULL) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS server_evidence (
                subject TEXT NOT NULL, document TEXT NOT NULL, kind TEXT NOT NULL, media_type TEXT NOT NULL,
                summary BLOB NOT NULL, stored REAL NOT NULL, stored_by TEXT NOT NULL, ledger_index INTEGER NOT NULL,
                PRIMARY KEY (subject, document)) WITHOUT ROWID;
            """, path: path, what: "evidence")
    }

    public func register(_ artifact: ArtifactRegistration) async throws -> (ArtifactRegistration, created: Bool) {
        do {
            return try await pool.write { db in
                if let existing = try Self.artifact(db, artifact.digest) { return (existing, false) }
                try db.execute(sql: """
                    INSERT INTO server_artifact (digest, name, version, purl, public, registered, registered_by, ledger_index)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [artifact.digest.description, artifact.name, artifact.version, artifact.purl, artifact.isPublic,
                                     artifact.registered.timeIntervalSince1970, artifact.registeredBy, Int64(artifact.ledgerIndex)])
                return (artifact, true)
            }
        } catch {
            throw SQLiteDatabase.storeError(error, "cannot register the artifact")
        }
    }

    public func artifact(_ digest: Digest) async throws -> ArtifactRegistration? {
        do {
            return try await pool.read { db in try Self.artifact(db, digest) }
        } catch {
            throw SQLiteDatabase.storeError(error, "cannot read the artifact")
        }
    }

    private static let artifactColumns = "digest, name, version, purl, public, registered, registered_by, ledger_index"

    private static func artifact(_ db: Database, _ digest: Digest) throws -> ArtifactRegistration? {
        try Row.fetchOne(db, sql: "SELECT \(artifactColumns) FROM server_artifact WHERE digest = ?",
                         arguments: [digest.description]).map(registration)
    }

    private static func registration(_ row: Row) throws -> ArtifactRegistration {
        ArtifactRegistration(digest: try Digest(parsing: row[0]), name: row[1], version: row[2], purl: row[3], isPublic: row[4],
                             registered: Date(timeIntervalSince1970: row[5]), registeredBy: row[6],
                             ledgerIndex: UInt64(max(0, row[7] as Int64)))
    }

    public func artifacts(publicOnly: Bool, after: Digest?, limit: Int) async throws -> [ArtifactRegistration] {
        do {
            return try await pool.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT \(Self.artifactColumns) FROM server_artifact WHERE digest > ? AND (? = 0 OR public = 1)
                    ORDER BY digest LIMIT ?
                    """, arguments: [after?.description ?? "", publicOnly, max(0, limit)]).map(Self.registration)
            }
        } catch {
            throw SQLiteDatabase.storeError(error, "cannot list the artifacts")
        }
    }

    public func setPublic(_ digest: Digest, _ isPublic: Bool) async throws -> ArtifactRegistration? {
        do {
            return try await pool.write { db in
                try db.execute(sql: "UPDATE server_artifact SET public = ? WHERE digest = ?", arguments: [isPublic, digest.description])
                return try Self.artifact(db, digest)
            }
        } catch {
            throw SQLiteDatabase.storeError(error, "cannot change the artifact's disclosure")
        }
    }

    public func attach(_ evidence: EvidenceAttachment) async throws -> (EvidenceAttachment, created: Bool) {
        do {
            return try await pool.write { db in
                if let existing = try Row.fetchOne(db, sql: "SELECT \(Self.evidenceColumns) FROM server_evidence WHERE subject = ? AND document = ?",
                                                   arguments: [evidence.subject.description, evidence.document.description]) {
                    return (try Self.attachment(existing), false)
                }
                try db.execute(sql: """
                    INSERT INTO server_evidence (subject, document, kind, media_type, summary, stored, stored_by, ledger_index)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [evidence.subject.description, evidence.document.description, evidence.kind, evidence.mediaType,
                                     evidence.summary, evidence.stored.timeIntervalSince1970, evidence.storedBy,
                                     Int64(evidence.ledgerIndex)])
                return (evidence, true)
            }
        } catch {
            throw SQLiteDatabase.storeError(error, "cannot attach the evidence")
        }
    }

    private static let evidenceColumns = "subject, document, kind, media_type, summary, stored, stored_by, ledger_index"

    private static func attachment(_ row: Row) throws -> EvidenceAttachment {
        EvidenceAttachment(subject: try Digest(parsing: row[0]), document: try Digest(parsing: row[1]), kind: row[2], mediaType: row[3],
                           summary: row[4], stored: Date(timeIntervalSince1970: row[5]), storedBy: row[6],
                           ledgerIndex: UInt64(max(0, row[7] as Int64)))
    }

    public func evidence(of subject: Digest) async throws -> [EvidenceAttachment] {
        do {
            return try await pool.read { db in
                try Row.fetchAll(db, sql: "SELECT \(Self.evidenceColumns) FROM server_evidence WHERE subject = ? ORDER BY ledger_index",
                                 arguments: [subject.description]).map(Self.attachment)
            }
        } catch {
            throw SQLiteDatabase.storeError(error, "cannot read the evidence")
        }
    }
}
