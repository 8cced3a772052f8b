/// An in-toto v1 ResourceDescriptor as used by SLSA v1 `resolvedDependencies` and v0.2 `materials`.
///
/// <https://github.com/in-toto/attestation/blob/main/spec/v1/resource_descriptor.md>:
/// "A ResourceDescriptor MUST specify one or more of uri, digest, content." v0.2 materials carry
/// only `uri` and `digest`.
public struct SLSAResourceDescriptor: Sendable, Hashable, Codable {
    public var uri: String?
    /// Algorithm name → lowercase hex (e.g. `sha256`, `gitCommit`).
    public var digest: [String: String]
    public var name: String?

    public init(uri: String?, digest: [String: String] = [:], name: String? = nil) {
        self.uri = uri
        self.digest = digest
        self.name = name
    }

    /// True when the descriptor is pinned by a content digest Tollgate accepts: a SHA-2 digest or a
    /// full git commit id (SHA-1 40 hex or SHA-256 64 hex). A SHA-1 file digest alone does not pin.
    public var isPinnedByDigest: Bool {
        for (algorithm, value) in digest {
            let hex = value.lowercased()
            guard !hex.isEmpty, Hex.decode(hex) != nil else { continue }
            switch algorithm.lowercased() {
            case "gitcommit", "gittree", "gitblob":
                if hex.count == 40 || hex.count == 64 { return true }
            default:
                if let known = DigestAlgorithm(name: algorithm), hex.count == known.byteCount * 2 { return true }
            }
        }
        return false
    }

    static func parse(_ value: JSONValue, at path: String) throws(ModelError) -> SLSAResourceDescriptor {
        guard let object = value.objectValue else {
            throw ModelError(.invalidProvenance, "\(path) must be an object")
        }
        var digest: [String: String] = [:]
        if let raw = object["digest"] {
            guard let entries = raw.objectValue else {
                throw ModelError(.invalidProvenance, "\(path).digest must be an object of algorithm to hex")
            }
            for (algorithm, hex) in entries {
                guard let text = hex.stringValue else {
                    throw ModelError(.invalidProvenance, "\(path).digest.\(algorithm) must be a string")
                }
                digest[algorithm] = text
            }
        }
        let uri = try SLSAJSON.optionalString(object["uri"], at: "\(path).uri")
        let name = try SLSAJSON.optionalString(object["name"], at: "\(path).name")
        guard uri != nil || !digest.isEmpty || object["content"] != nil else {
            throw ModelError(.invalidProvenance, "\(path) must specify one or more of uri, digest, content")
        }
        return SLSAResourceDescriptor(uri: uri, digest: digest, name: name)
    }
}
