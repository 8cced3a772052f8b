import TollgateModel

/// cosign's signed payload, the "simple signing" format of containers/image
/// (cosign `specs/SIGNATURE_SPEC.md`, "Payload"):
///
/// ```json
/// {"critical": {"identity": {"docker-reference": "ghcr.io/acme/app"},
///               "image": {"docker-manifest-digest": "sha256:…"},
///               "type": "cosign container image signature"},
///  "optional": {…}}
/// ```
public struct SimpleSigningPayload: Sendable, Hashable {
    public static let type = "cosign container image signature"
    /// The largest payload read.
    public static let maxBytes = 1 << 20

    public var dockerReference: String
    public var manifestDigest: Digest
    public var optional: [String: JSONValue]

    public init(dockerReference: String, manifestDigest: Digest, optional: [String: JSONValue] = [:]) {
        self.dockerReference = dockerReference
        self.manifestDigest = manifestDigest
        self.optional = optional
    }

    /// Parses a payload; a payload that is not simple signing is an error.
    public init(parsing bytes: [UInt8]) throws(OCIError) {
        func fail(_ why: String) -> OCIError { OCIError(.invalidManifest, "the signature payload is not cosign simple signing: \(why)") }
        let value: JSONValue
        do { value = try JSONValue.parse(bytes, maxBytes: Self.maxBytes, maxDepth: 16) } catch {
            throw fail(error.reason)
        }
        guard let critical = value["critical"] else { throw fail("'critical' is missing") }
        guard critical["type"]?.stringValue == Self.type else {
            throw fail("critical.type is \(critical["type"]?.stringValue.map { "'\($0.prefix(80))'" } ?? "missing"), expected '\(Self.type)'")
        }
        guard let digestText = critical["image"]?["docker-manifest-digest"]?.stringValue else {
            throw fail("critical.image.docker-manifest-digest is missing")
        }
        do { manifestDigest = try Digest(parsing: digestText) } catch { throw fail("critical.image.docker-manifest-digest: \(error.reason)") }
        guard let reference = critical["identity"]?["docker-reference"]?.stringValue else {
            throw fail("critical.identity.docker-reference is missing")
        }
        dockerReference = reference
        optional = value["optional"]?.objectValue ?? [:]
    }

    /// The payload bytes cosign writes (keys sorted, compact).
    public var jsonBytes: [UInt8] {
        var object: [String: JSONValue] = [
            "critical": ["identity": ["docker-reference": .string(dockerReference)],
                         "image": ["docker-manifest-digest": .string(manifestDigest.description)],
                         "type": .string(Self.type)],
        ]
        object["optional"] = optional.isEmpty ? .null : .object(optional)
        return JSONValue.object(object).encodedBytes()
    }
}
