/// How the client reaches a repository: injected, so `TollgateTUF` has no network code.
///
/// Both calls take a name relative to the repository's metadata or targets base, already
/// percent-encoded (`2.root.json`, `1.%3F.json`, `HASH.file.txt`, `dir/HASH.file.txt`).
/// A fetcher must:
/// - throw `TUFError(.notFound)` when the file does not exist (HTTP 403 or 404), which ends the
///   root-rotation loop normally;
/// - stop reading and throw `TUFError(.tooLarge)` once more than `maxLength` bytes arrive (spec
///   §5.2 endless-data attack), never buffering more;
/// - throw `TUFError(.fetchFailed)` for anything else (unreachable, other statuses, too slow).
public protocol TUFFetcher: Sendable {
    func fetchMetadata(_ name: String, maxLength: Int) async throws -> [UInt8]
    func fetchTarget(_ path: String, maxLength: Int) async throws -> [UInt8]
}
