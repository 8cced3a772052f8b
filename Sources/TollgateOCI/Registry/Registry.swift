import TollgateModel

/// The registry as the gate sees it: a ``RegistryClient`` whose every answer is checked.
///
/// - A manifest fetched by digest must hash to that digest.
/// - A manifest fetched by tag is named by the hash of the bytes received; a `Docker-Content-Digest`
///   that disagrees is an error (distribution-spec: "the client SHOULD verify the returned
///   manifest signature/digest"), and the header alone is never taken as the digest.
/// - A blob must hash to its digest and, when a descriptor gives one, have its size.
public struct Registry: Sendable {
    public let client: any RegistryClient
    public let limits: OCILimits

    public init(client: any RegistryClient, limits: OCILimits = OCILimits()) {
        self.client = client
        self.limits = limits
    }

    /// The manifest `reference` names (its digest if pinned, else its tag).
    public func manifest(_ reference: ImageReference) async throws(OCIError) -> OCIManifest {
        guard let manifest = try await optionalManifest(reference.repository, reference: reference.manifestReference) else {
            throw OCIError(.notFound, "\(reference) is not in the registry (manifest unknown)")
        }
        if let digest = reference.digest, manifest.digest != digest {
            throw OCIError(.digestMismatch, "the registry served content with digest \(manifest.digest) for \(reference)")
        }
        return manifest
    }

    /// The manifest named by `digest` in `repository`.
    public func manifest(_ repository: Repository, digest: Digest) async throws(OCIError) -> OCIManifest {
        try await manifest(ImageReference(repository: repository, digest: digest))
    }

    /// A manifest by tag or digest, or nil when the registry has none.
    public func optionalManifest(_ repository: Repository, reference: String) async throws(OCIError) -> OCIManifest? {
        guard let response = try await client.manifest(repository, reference: reference, maxBytes: limits.manifestBytes) else {
            return nil
        }
        let digest = try Self.check(response, repository: repository, reference: reference)
        return try OCIManifest(bytes: response.bytes, digest: digest, contentType: response.contentType, limits: limits)
    }

    /// The digest of the received bytes, after checking it against the reference (when a digest)
    /// and the announced `Docker-Content-Digest`.
    static func check(_ response: RegistryResponse, repository: Repository, reference: String) throws(OCIError) -> Digest {
        var algorithm = DigestAlgorithm.sha256
        let pinned = try? Digest(parsing: reference)
        if let pinned { algorithm = pinned.algorithm }
        let actual = algorithm.hash(response.bytes)
        if let pinned, pinned != actual {
            throw OCIError(.digestMismatch, "\(repository)@\(pinned): the registry served content whose digest is \(actual)")
        }
        if let announced = response.announcedDigest {
            let received = announced.algorithm == actual.algorithm ? actual : announced.algorithm.hash(response.bytes)
            guard announced == received else {
                throw OCIError(.digestMismatch, "\(repository):\(reference): Docker-Content-Digest says \(announced) but the manifest received hashes to \(received)")
            }
        }
        return actual
    }

    /// A blob, checked against its descriptor's digest and size.
    public func blob(_ repository: Repository, _ descriptor: Descriptor, maxBytes: Int? = nil) async throws(OCIError) -> [UInt8] {
        let limit = maxBytes ?? limits.evidenceBlobBytes
        guard descriptor.size <= Int64(limit) else {
            throw OCIError(.tooLarge, "\(repository)@\(descriptor.digest) is \(descriptor.size) bytes; the limit is \(limit)")
        }
        guard let bytes = try await client.blob(repository, digest: descriptor.digest, maxBytes: limit) else {
            throw OCIError(.notFound, "blob \(descriptor.digest) is not in \(repository)")
        }
        let actual = descriptor.digest.algorithm.hash(bytes)
        guard actual == descriptor.digest else {
            throw OCIError(.digestMismatch, "blob \(descriptor.digest) of \(repository): the registry served content whose digest is \(actual)")
        }
        guard Int64(bytes.count) == descriptor.size else {
            throw OCIError(.digestMismatch, "blob \(descriptor.digest) of \(repository) is \(bytes.count) bytes; its descriptor says \(descriptor.size)")
        }
        return bytes
    }

    /// Uploads a blob unless the registry has it already.
    public func push(blob bytes: [UInt8], to repository: Repository) async throws(OCIError) -> Descriptor {
        let digest = DigestAlgorithm.sha256.hash(bytes)
        if try await !client.blobExists(repository, digest: digest) {
            try await client.pushBlob(repository, bytes: bytes, digest: digest)
        }
        return Descriptor(mediaType: "application/octet-stream", digest: digest, size: Int64(bytes.count))
    }

    /// Pushes a manifest under `tag` (or by digest when nil) and returns its descriptor.
    @discardableResult
    public func push(manifest bytes: [UInt8], mediaType: String, to repository: Repository, tag: String? = nil) async throws(OCIError) -> Descriptor {
        let digest = DigestAlgorithm.sha256.hash(bytes)
        try await client.pushManifest(repository, reference: tag ?? digest.description, bytes: bytes, mediaType: mediaType)
        return Descriptor(mediaType: mediaType, digest: digest, size: Int64(bytes.count))
    }

    /// The referrers of `digest` by the API, or nil when the registry does not offer it.
    public func referrersByAPI(_ repository: Repository, digest: Digest) async throws(OCIError) -> ImageIndex? {
        guard let response = try await client.referrers(repository, digest: digest, maxBytes: limits.manifestBytes) else { return nil }
        let received = DigestAlgorithm.sha256.hash(response.bytes)
        let manifest = try OCIManifest(bytes: response.bytes, digest: received, contentType: MediaType.imageIndex, limits: limits)
        guard case .index(let index) = manifest.content else {
            throw OCIError(.invalidManifest, "the referrers API of \(repository) answered for \(digest) with something other than an image index")
        }
        return index
    }
}
