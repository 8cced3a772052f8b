import Foundation
import TollgateStoreSQLite
import TollgateVulnerabilities

/// The whole OSV fixture set (`Fixtures/osv/osv.zip`) imported once into a temporary SQLite file and shared
/// by the tests that need the full database.
enum SharedDatabase {
    static let imported: Task<(AdvisoryStoreSQLite, ImportSummary), any Error> = Task {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("tollgate-vuln-tests-\(UUID().uuidString)").appendingPathComponent("advisories.sqlite").path
        let store = try AdvisoryStoreSQLite(path: path)
        let summary = try await AdvisoryImporter(store: store).importPath(try FixtureLoader.url("osv/osv.zip").path)
        return (store, summary)
    }

    static func store() async throws -> AdvisoryStoreSQLite { try await imported.value.0 }
}

/// A fresh, empty database in a temporary directory.
func temporaryStore() throws -> AdvisoryStoreSQLite {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("tollgate-vuln-\(UUID().uuidString)").appendingPathComponent("advisories.sqlite").path
    return try AdvisoryStoreSQLite(path: path)
}
