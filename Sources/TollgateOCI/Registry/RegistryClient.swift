import TollgateModel

/// The OCI distribution API as the core libraries use it, with no HTTP or NIO in sight
/// (distribution-spec `spec.md`). `TollgateOCIHTTP` implements it over HTTP(S); tests use an
/// in-memory one. Implementations bound every read by `maxBytes`.
///
/// Nothing a client returns is trusted: ``Registry`` hashes every manifest and blob and compares
/// the result with the digest that named it.
public protocol RegistryClient: Sendable {
    /// `GET /v2/<name>/manifests/<reference>`, or nil when the registry says 404.
    func manifest(_ repository: Repository, reference: String, maxBytes: Int) async throws(OCIError) -> RegistryResponse?
    /// `HEAD /v2/<name>/manifests/<reference>`: the announced digest, or nil when 404.
    func manifestDigest(_ repository: Repository, reference: String) async throws(OCIError) -> Digest?
    /// `GET /v2/<name>/blobs/<digest>` (following redirects to blob storage), or nil when 404.
    func blob(_ repository: Repository, digest: Digest, maxBytes: Int) async throws(OCIError) -> [UInt8]?
    /// `HEAD /v2/<name>/blobs/<digest>`.
    func blobExists(_ repository: Repository, digest: Digest) async throws(OCIError) -> Bool
    /// A monolithic upload: `POST /v2/<name>/blobs/uploads/` then `PUT <location>?digest=`.
    func pushBlob(_ repository: Repository, bytes: [UInt8], digest: Digest) async throws(OCIError)
    /// `PUT /v2/<name>/manifests/<reference>` with `Content-Type: mediaType`.
    func pushManifest(_ repository: Repository, reference: String, bytes: [UInt8], mediaType: String) async throws(OCIError)
    /// `GET /v2/<name>/referrers/<digest>`: the referrers index, or nil when the registry does not
    /// offer the API (404), so the caller falls back to the referrers tag schema.
    func referrers(_ repository: Repository, digest: Digest, maxBytes: Int) async throws(OCIError) -> RegistryResponse?
    /// `GET /v2/<name>/tags/list`, following `Link` pagination, at most `limit` tags.
    func tags(_ repository: Repository, limit: Int) async throws(OCIError) -> [String]
}
