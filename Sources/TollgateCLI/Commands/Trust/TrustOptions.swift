import ArgumentParser
import Foundation
import TollgateTUF

/// `--data DIR`: the trust directory is `DIR/trust` (default `$TOLLGATE_DATA` or `./tollgate-data`).
struct TrustOptions: ParsableArguments, Sendable {
    @OptionGroup var data: LedgerDataOptions

    var trustDirectory: TUFTrustDirectory { TUFTrustDirectory(directory: data.directory.appendingPathComponent("trust")) }

    /// A fetcher for `repository`: an `http(s)://` URL (metadata at URL, targets at URL/targets, as
    /// Sigstore's CDN serves them) or a mirror directory (`DIR/metadata` and `DIR/targets`, or
    /// metadata in DIR itself).
    static func withFetcher<T: Sendable>(_ repository: String, _ body: (any TUFFetcher) async throws -> T) async throws -> T {
        if repository.hasPrefix("http://") || repository.hasPrefix("https://") {
            let base = repository.hasSuffix("/") ? String(repository.dropLast()) : repository
            return try await HTTPTUFFetcher.with(metadataBase: base, targetsBase: base + "/targets") { try await body($0) }
        }
        let root = URL(fileURLWithPath: repository)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CLIError(.unreadable, "the repository '\(repository)' is neither an http(s) URL nor a directory")
        }
        let metadata = root.appendingPathComponent("metadata")
        let metadataDirectory = FileManager.default.fileExists(atPath: metadata.path) ? metadata : root
        return try await body(TUFDirectoryFetcher(metadataDirectory: metadataDirectory, targetsDirectory: root.appendingPathComponent("targets")))
    }
}
