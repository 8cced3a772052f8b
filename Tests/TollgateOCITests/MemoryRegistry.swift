import TollgateModel
@testable import TollgateOCI

/// An in-memory registry for tests: manifests by digest and tag, blobs, and (optionally) the
/// OCI 1.1 referrers API computed from the stored manifests' `subject`. `serveWrongManifest`
/// makes it answer every manifest GET with other bytes, as a compromised registry would.
final class MemoryRegistry: RegistryClient {
    private actor Store {
        var manifests: [String: (bytes: [UInt8], mediaType: String)] = [:]
        var tags: [String: String] = [:]
        var blobs: [Digest: [UInt8]] = [:]

        func putManifest(_ bytes: [UInt8], mediaType: String, reference: String) {
            let digest = DigestAlgorithm.sha256.hash(bytes).description
            manifests[digest] = (bytes, mediaType)
            if !reference.hasPrefix("sha256:") { tags[reference] = digest }
        }

        func manifest(_ reference: String) -> (bytes: [UInt8], mediaType: String)? {
            manifests[tags[reference] ?? reference]
        }

        func putBlob(_ bytes: [UInt8], digest: Digest) { blobs[digest] = bytes }
        func blob(_ digest: Digest) -> [UInt8]? { blobs[digest] }
        func allManifests() -> [(String, [UInt8], String)] { manifests.map { ($0.key, $0.value.bytes, $0.value.mediaType) } }
        func tagList() -> [String] { Array(tags.keys).sorted() }
    }

    private let store = Store()
    let referrersAPI: Bool
    let serveWrongManifest: Bool

    init(referrersAPI: Bool = true, serveWrongManifest: Bool = false) {
        self.referrersAPI = referrersAPI
        self.serveWrongManifest = serveWrongManifest
    }

    func manifest(_ repository: Repository, reference: String, maxBytes: Int) async throws(OCIError) -> RegistryResponse? {
        guard let found = await store.manifest(reference) else { return nil }
        let bytes = serveWrongManifest ? found.bytes + Array(" ".utf8) : found.bytes
        return RegistryResponse(bytes: bytes, contentType: found.mediaType,
                                announcedDigest: DigestAlgorithm.sha256.hash(found.bytes))
    }

    func manifestDigest(_ repository: Repository, reference: String) async throws(OCIError) -> Digest? {
        await store.manifest(reference).map { DigestAlgorithm.sha256.hash($0.bytes) }
    }

    func blob(_ repository: Repository, digest: Digest, maxBytes: Int) async throws(OCIError) -> [UInt8]? {
        await store.blob(digest)
    }

    func blobExists(_ repository: Repository, digest: Digest) async throws(OCIError) -> Bool {
        await store.blob(digest) != nil
    }

    func pushBlob(_ repository: Repository, bytes: [UInt8], digest: Digest) async throws(OCIError) {
        await store.putBlob(bytes, digest: digest)
    }

    func pushManifest(_ repository: Repository, reference: String, bytes: [UInt8], mediaType: String) async throws(OCIError) {
        await store.putManifest(bytes, mediaType: mediaType, reference: reference)
    }

    func referrers(_ repository: Repository, digest: Digest, maxBytes: Int) async throws(OCIError) -> RegistryResponse? {
        guard referrersAPI else { return nil }
        var descriptors: [Descriptor] = []
        for (name, bytes, mediaType) in await store.allManifests() {
            guard let manifest = try? OCIManifest(bytes: bytes, digest: try! Digest(parsing: name), contentType: mediaType),
                  case .image(let image) = manifest.content, image.subject?.digest == digest else { continue }
            var descriptor = manifest.descriptor
            descriptor.annotations = image.annotations
            descriptors.append(descriptor)
        }
        return RegistryResponse(bytes: ImageIndex(manifests: descriptors).jsonBytes, contentType: MediaType.imageIndex, announcedDigest: nil)
    }

    func tags(_ repository: Repository, limit: Int) async throws(OCIError) -> [String] {
        Array(await store.tagList().prefix(limit))
    }
}
