import TollgateModel
import TollgateOCI
import TollgateOCIHTTP

/// What an image's registry attaches to it (cosign signatures, attestations, SBOMs: the same
/// discovery as `tollgate verify IMAGE_REF`, docs/images.md), for admission's inline verification
/// when the admission configuration says `registryEvidence: true`. Credentials come from the
/// environment and `~/.docker/config.json`; the registry is asked by digest only, never by tag.
enum AdmissionRegistryEvidence {
    static func fetch(_ repository: Repository, digest: Digest, allowHTTP: Bool) async throws -> ImageEvidence {
        let credentials = try RegistryCredentials.load()
        return try await HTTPRegistryClient.with(credentials: credentials, allowHTTP: allowHTTP, timeout: .seconds(10)) { client in
            let registry = Registry(client: client)
            let manifest = try await registry.manifest(repository, digest: digest)
            let found = try await EvidenceDiscovery(registry: registry).discover(repository, digest: digest)
            var isIndex = false
            if case .index = manifest.content { isIndex = true }
            return ImageEvidence(repository: repository, digest: digest, isIndex: isIndex, found: found)
        }
    }
}
