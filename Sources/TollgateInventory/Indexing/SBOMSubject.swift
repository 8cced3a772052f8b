import TollgateModel
import TollgateSBOM

/// The digest of the artifact an SBOM describes, from the SBOM itself: the CycloneDX
/// `metadata.component.hashes` or the SPDX described package's `checksums` (SHA-256, SHA-512 or
/// SHA-384), else its purl's `digest` / `checksum` qualifier or a digest version (OCI purls:
/// `pkg:oci/app@sha256%3A…`). Nil when the SBOM names none: the caller must say which artifact
/// it describes (`--artifact`), never guess.
public enum SBOMSubject {
    public static func digest(of sbom: SBOM) -> Digest? {
        guard let subject = sbom.subject else { return nil }
        for algorithm in ["SHA-256", "SHA-512", "SHA-384"] {
            if let hash = subject.hashes.first(where: { $0.algorithm == algorithm }),
               let name = DigestAlgorithm(name: algorithm),
               let digest = try? Digest(algorithm: name, hex: hash.value) {
                return digest
            }
        }
        guard let purl = subject.purl else { return nil }
        var candidates: [String] = []
        if let value = purl.qualifiers["digest"] { candidates.append(value) }
        if let value = purl.qualifiers["checksum"] { candidates += value.split(separator: ",").map(String.init) }
        if let version = purl.version { candidates.append(version) }
        for candidate in candidates {
            if let digest = try? Digest(parsing: candidate) { return digest }
        }
        return nil
    }

    /// Where the digest was found, for reports: `hashes`, `purl` or nil.
    public static func describe(_ sbom: SBOM) -> String {
        guard let subject = sbom.subject else { return "the SBOM has no subject (CycloneDX metadata.component, SPDX described package)" }
        let name = subject.purl?.description ?? subject.name
        return "its subject \(name.isEmpty ? subject.bomRef : name) has no SHA-256/384/512 hash or checksum and no digest in its purl"
    }
}
