import TollgateModel

/// Finds the evidence a registry holds for a digest, in this order (docs/images.md):
///
/// 1. the OCI 1.1 referrers API (`GET /v2/<name>/referrers/<digest>`); when the registry does not
///    offer it, the referrers tag schema (`sha256-<hex>`, an index of referrers);
/// 2. cosign's tags `sha256-<hex>.sig`, `.att` and `.sbom`.
///
/// Each referrer's manifest is fetched by digest and must name the digest as its `subject`.
/// Content that does not hash to its descriptor, or does not parse, becomes a ``DiscoveredEvidence/Problem``
/// (the rest is still read); a registry that cannot be reached is an error.
public struct EvidenceDiscovery: Sendable {
    public let registry: Registry

    public init(registry: Registry) {
        self.registry = registry
    }

    public func discover(_ repository: Repository, digest: Digest) async throws(OCIError) -> DiscoveredEvidence {
        var found = DiscoveredEvidence(digest: digest)
        var referrers: [Descriptor] = []
        if let index = try await registry.referrersByAPI(repository, digest: digest) {
            referrers = index.manifests
            found.lookups.append("referrers API: \(referrers.count) referrer\(referrers.count == 1 ? "" : "s")")
        } else {
            let tag = CosignTag.referrersTag(for: digest)
            do throws(OCIError) {
                if let manifest = try await registry.optionalManifest(repository, reference: tag) {
                    guard case .index(let index) = manifest.content else {
                        throw OCIError(.invalidManifest, "the referrers tag is not an image index")
                    }
                    referrers = index.manifests
                    found.lookups.append("referrers API not offered; referrers tag \(tag): \(referrers.count) referrer\(referrers.count == 1 ? "" : "s")")
                } else {
                    found.lookups.append("referrers API not offered; referrers tag \(tag): none")
                }
            } catch where error.kind != .registry && error.kind != .unauthorized {
                found.problems.append(.init(source: "\(repository):\(tag)", message: error.reason))
            }
        }
        for descriptor in referrers.prefix(registry.limits.descriptors) {
            let source = "\(repository)@\(descriptor.digest)"
            do throws(OCIError) {
                let manifest = try await registry.manifest(repository, digest: descriptor.digest)
                guard case .image(let image) = manifest.content else {
                    found.lookups.append("\(source): an index, not read")
                    continue
                }
                guard image.subject?.digest == digest else {
                    throw OCIError(.invalidManifest, "the referrer's subject is \(image.subject?.digest.description ?? "missing"), not \(digest)")
                }
                try await read(image, from: repository, source: source, into: &found)
            } catch where error.kind != .registry && error.kind != .unauthorized {
                found.problems.append(.init(source: source, message: error.reason))
            }
        }
        for kind in CosignTag.allCases {
            let tag = kind.tag(for: digest)
            let source = "\(repository):\(tag)"
            do throws(OCIError) {
                guard let manifest = try await registry.optionalManifest(repository, reference: tag) else { continue }
                guard case .image(let image) = manifest.content else {
                    throw OCIError(.invalidManifest, "the cosign tag is an index, not an image manifest")
                }
                try await read(image, from: repository, source: source, into: &found)
                found.lookups.append("\(tag): \(image.layers.count) layer\(image.layers.count == 1 ? "" : "s")")
            } catch where error.kind != .registry && error.kind != .unauthorized {
                found.problems.append(.init(source: source, message: error.reason))
            }
        }
        return found
    }

    /// Reads the evidence layers of one signature, attestation, bundle or SBOM manifest.
    private func read(_ manifest: ImageManifest, from repository: Repository, source: String,
                      into found: inout DiscoveredEvidence) async throws(OCIError) {
        for (position, layer) in manifest.layers.enumerated() {
            let name = "\(source)#\(position + 1)"
            let type = layer.mediaType
            let wanted = type == MediaType.cosignSimpleSigning || type == MediaType.dsseEnvelope
                || type.hasPrefix(MediaType.sigstoreBundlePrefix) || MediaType.isSBOM(type)
            guard wanted else {
                found.lookups.append("\(name): layer of type \(type.prefix(100)) ignored")
                continue
            }
            do throws(OCIError) {
                let bytes = try await registry.blob(repository, layer)
                if type == MediaType.cosignSimpleSigning {
                    let signature = try CosignSignature(layer: layer, payload: bytes, source: name, foundFor: found.digest)
                    if !found.signatures.contains(where: { $0.payload == signature.payload && $0.signature == signature.signature }) {
                        found.signatures.append(signature)
                    }
                } else if type == MediaType.dsseEnvelope {
                    let file = try Self.attestation(layer: layer, envelope: bytes, name: name)
                    if file.mediaType == MediaType.dsseEnvelope {
                        Self.add(file, to: &found.attestations)
                    } else {
                        Self.add(file, to: &found.bundles)
                    }
                } else if type.hasPrefix(MediaType.sigstoreBundlePrefix) {
                    Self.add(EvidenceFile(name: name, bytes: bytes, mediaType: type), to: &found.bundles)
                } else {
                    Self.add(EvidenceFile(name: name, bytes: bytes, mediaType: type), to: &found.sboms)
                }
            } catch where error.kind != .registry && error.kind != .unauthorized {
                found.problems.append(.init(source: name, message: error.reason))
            }
        }
    }

    private static func add(_ file: EvidenceFile, to list: inout [EvidenceFile]) {
        if !list.contains(where: { $0.bytes == file.bytes }) { list.append(file) }
    }

    /// A DSSE layer as the collector verifies it: keyless (certificate and Rekor bundle annotations)
    /// as its Sigstore bundle v0.1 equivalent, otherwise the envelope itself (verified with keys).
    static func attestation(layer: Descriptor, envelope bytes: [UInt8], name: String) throws(OCIError) -> EvidenceFile {
        guard let certificate = layer.annotations[CosignAnnotation.certificate], !certificate.isEmpty,
              let rekor = layer.annotations[CosignAnnotation.rekorBundle], !rekor.isEmpty else {
            return EvidenceFile(name: name, bytes: bytes, mediaType: MediaType.dsseEnvelope)
        }
        let envelope: DSSEEnvelope
        do { envelope = try DSSEEnvelope(parsing: bytes) } catch {
            throw OCIError(.invalidManifest, "the attestation layer is not a DSSE envelope: \(error.reason)")
        }
        let ders = try CosignRekorBundle.certificates(leafPEM: certificate, chainPEM: layer.annotations[CosignAnnotation.chain])
        let bundle = try CosignRekorBundle(json: rekor).sigstoreBundle(material: .certificates(ders), content: .dsse(envelope))
        return EvidenceFile(name: name, bytes: bundle, mediaType: "application/vnd.dev.sigstore.bundle+json;version=0.1")
    }
}
