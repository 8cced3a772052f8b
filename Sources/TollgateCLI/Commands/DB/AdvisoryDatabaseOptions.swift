import ArgumentParser
import Foundation
import TollgateStoreSQLite

/// `--db FILE` / `--data DIR`: where the local advisory database lives.
///
/// Precedence: `--db FILE`, then `--data DIR`, then `$TOLLGATE_DATA`, then `./tollgate-data`; inside a data
/// directory the file is `advisories.sqlite`.
struct AdvisoryDatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "The advisory database file (overrides --data).")
    var db: String?

    @Option(name: .long, help: "The data directory (default: $TOLLGATE_DATA or ./tollgate-data).")
    var data: String?

    var path: String {
        if let db { return db }
        let directory = data ?? ProcessInfo.processInfo.environment["TOLLGATE_DATA"] ?? "tollgate-data"
        return (directory as NSString).appendingPathComponent(AdvisoryStoreSQLite.defaultFileName)
    }

    func open() throws -> AdvisoryStoreSQLite {
        try AdvisoryStoreSQLite(path: path)
    }
}
