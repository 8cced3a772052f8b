import Foundation
import TollgateModel
import TollgateOCI
import TollgatePolicy

/// Evidence found in a registry (``ImageEvidence``) goes through the same trust model as files:
/// DSSE envelopes and Sigstore bundles join the attestation inputs, an attached SBOM is the
/// unsigned `--sbom`, and cosign signatures are verified here (``CosignVerifier``) and weighed
/// like any artifact signature. `artifact.signature.imageIndex` says whose signatures count for
/// a multi-platform image (docs/images.md).
extension EvidenceCollector {
    func collectImage(_ image: ImageEvidence, inputs: inout Inputs, into evidence: inout Evidence) async {
        let scope = policy.artifact.signature?.imageIndex ?? .either
        let verifier = CosignVerifier(keys: keys, trustedRoot: trustedRoot, algorithmPolicy: algorithmPolicy, now: now)
        let rule = policy.signers(for: .artifactSignature)

        func verified(_ found: DiscoveredEvidence, as label: String?) async -> [VerifiedSignature] {
            var result: [VerifiedSignature] = []
            for signature in found.signatures {
                switch await verifier.verify(signature, digest: found.digest, repository: image.repository) {
                case .verified(let cosign):
                    let source = signature.source + (label.map { " (\($0))" } ?? "")
                    result.append(cosign.bundle.map { Self.signature(verified: $0, key: cosign.key, source: source) }
                        ?? Self.signature(key: cosign.key!, source: source, signedAt: nil))
                case .failed(let failure):
                    let code: EvidenceProblem.Code = failure.code == .wrongDigest || failure.code == .wrongReference ? .wrongSubject : .unverified
                    evidence.problems.append(EvidenceProblem(code, signature.source, "cosign signature not verified: \(failure.reason)",
                                                             kind: .artifactSignature))
                }
            }
            return result
        }
        func notCounted(_ signatures: [VerifiedSignature], _ why: String) {
            for signature in signatures {
                evidence.problems.append(EvidenceProblem(.wrongSubject, signature.source,
                    "signature by \(signature.signer) not counted: \(why) (artifact.signature.imageIndex: \(scope.rawValue))", kind: .artifactSignature))
            }
        }

        let own = await verified(image.found, as: nil)
        if image.isIndex {
            if scope == .platform {
                notCounted(own, "it signs the index; each platform manifest must carry its own signature")
                var all: [VerifiedSignature] = []
                var unsigned: [String] = []
                for platform in image.platforms {
                    let name = platform.descriptor.platform?.description ?? platform.descriptor.digest.description
                    let signatures = await verified(platform.found, as: name)
                    if signatures.contains(where: rule.trusts) { all += signatures } else { unsigned.append("\(name) \(platform.descriptor.digest)") }
                }
                if unsigned.isEmpty {
                    evidence.signatures += all
                } else {
                    evidence.problems.append(EvidenceProblem(.unverified, image.repository.description,
                        "platform manifests without a trusted signature: \(unsigned.joined(separator: ", ")) (artifact.signature.imageIndex: platform needs every one signed)",
                        kind: .artifactSignature))
                }
            } else {
                evidence.signatures += own
            }
        } else {
            if scope == .index {
                notCounted(own, "it signs the platform manifest, and only a signature on the index counts")
            } else {
                evidence.signatures += own
            }
            if let index = image.index {
                let inherited = await verified(index, as: "index \(index.digest)")
                if scope == .platform {
                    notCounted(inherited, "it signs the index \(index.digest), not this platform manifest")
                } else {
                    evidence.signatures += inherited
                }
            } else if scope == .index {
                evidence.problems.append(EvidenceProblem(.unverified, image.repository.description,
                    "no index listing \(image.digest) was given, and only a signature on the index counts (artifact.signature.imageIndex: index)",
                    kind: .artifactSignature))
            }
        }

        for file in image.found.attestations { inputs.attestations.append(EvidenceInput(name: file.name, bytes: file.bytes)) }
        for file in image.found.bundles { inputs.bundles.append(EvidenceInput(name: file.name, bytes: file.bytes)) }
        for file in image.found.sboms {
            if inputs.sbom == nil {
                inputs.sbom = EvidenceInput(name: file.name, bytes: file.bytes)
            } else {
                evidence.problems.append(EvidenceProblem(.unsigned, file.name, "a further unsigned SBOM attached to the image: shown, never used", kind: .sbom))
            }
        }
        for found in [image.found] + (image.index.map { [$0] } ?? []) + image.platforms.map(\.found) {
            for problem in found.problems {
                evidence.problems.append(EvidenceProblem(.unreadable, problem.source, problem.message))
            }
        }
    }
}
