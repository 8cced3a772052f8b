import Foundation
import Logging
import TollgateModel
import TollgateVulnerabilities

/// The scheduled advisory import (`--advisory-import-dir`, docs/server.md#scheduled-advisory-import):
/// every `interval` the server lists the directory's `*.json` files (path, size, modification time);
/// when that listing changed since the last attempt, it imports the directory into its advisory
/// database with `AdvisoryImporter`, the importer of `tollgate db import`, in strict mode: all or
/// nothing. The import records its time as `db import` does; a changed database revision then starts
/// the re-evaluation (`Reevaluation.watch`), as after a CLI import. A directory with a file that is not
/// a readable OSV record imports nothing: the previous database stays, the error is logged and an
/// `advisory.import-failed` alert is raised; it is tried again once the directory changes (a failure
/// that is not the input's, such as the store, at the next check).
enum ScheduledAdvisoryImport {
    /// The most files listed (the importer's own limit on entries).
    static let maxFiles = AdvisoryImporter.Limits().maxEntries

    static func watch(directory: String, interval: Duration, state: LoadedState, server: ServerState, logger: Logger) async {
        var attempted: Digest?
        while !Task.isCancelled {
            do {
                let listing = try fingerprint(of: directory)
                if listing != attempted {
                    attempted = listing
                    try await importOnce(directory, state: state, logger: logger)
                }
            } catch {
                // Bad input waits for the directory to change; anything else (the store, listing) is tried again.
                if !(error is VulnerabilityError) { attempted = nil }
                let reason = ErrorText.describe(error)
                logger.error("the scheduled advisory import failed; the advisory database is unchanged",
                             metadata: ["directory": "\(directory)", "reason": "\(reason)"])
                AlertDispatcher.raise(Alert(kind: "advisory.import-failed", subject: directory,
                                            summary: "the scheduled import of \(directory) failed; the advisory database is unchanged",
                                            details: ["directory": directory, "reason": String(reason.prefix(2000))]),
                                      state: state, server: server, logger: logger)
            }
            try? await Task.sleep(for: interval)
        }
    }

    /// Imports the directory into the server's advisory database, all or nothing.
    static func importOnce(_ directory: String, state: LoadedState, logger: Logger) async throws {
        guard let store = state.advisories else {
            throw ServerError(.unavailable, "no advisory database is open")
        }
        let summary = try await AdvisoryImporter(store: store).importPath(directory, strict: true)
        logger.info("imported advisories", metadata: [
            "directory": "\(directory)", "examined": "\(summary.examined)", "added": "\(summary.added)", "updated": "\(summary.updated)",
            "unchanged": "\(summary.unchanged)", "removedWithdrawn": "\(summary.removedWithdrawn)", "skipped": "\(summary.skipped.count)"])
    }

    /// SHA-256 over the sorted `*.json` paths under `directory` with their sizes and modification times.
    static func fingerprint(of directory: String) throws -> Digest {
        let root = URL(fileURLWithPath: directory).standardizedFileURL.resolvingSymlinksInPath()
        let keys: [URLResourceKey] = [.fileSizeKey, .contentModificationDateKey]
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: keys) else {
            throw ServerError(.invalidConfiguration, "cannot list the advisory directory '\(directory)'")
        }
        var lines: [String] = []
        while let url = enumerator.nextObject() as? URL {
            guard url.pathExtension.lowercased() == "json" else { continue }
            let values = try? url.resourceValues(forKeys: Set(keys))
            let modified = values?.contentModificationDate?.timeIntervalSince1970 ?? 0
            lines.append("\(url.path.dropFirst(root.path.count))\t\(values?.fileSize ?? -1)\t\(modified)")
            guard lines.count <= maxFiles else { break }
        }
        return DigestAlgorithm.sha256.hash(Array(lines.sorted().joined(separator: "\n").utf8))
    }
}
