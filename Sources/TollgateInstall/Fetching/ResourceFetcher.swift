/// How the install verifiers reach registries and indexes: injected, so the library imports no
/// network code (the CLI passes an AsyncHTTPClient fetcher; `--registry-dir` a `DirectoryFetcher`).
///
/// A fetcher answers with the status it got; it throws `install.unreachable` only when there was no
/// answer at all (connection refused, timeout, DNS), and `install.too-large` past `limit` bytes.
public protocol ResourceFetcher: Sendable {
    func get(_ url: String, accept: String?, limit: Int) async throws(InstallError) -> FetchedResource
}
