import Testing
import TollgateModel
@testable import TollgateOCI

@Suite("Manifests and indexes are parsed with limits; bad ones are specific errors")
struct ManifestTests {
    static let digest = try! Digest(parsing: "sha256:" + String(repeating: "0", count: 64))

    static func parse(_ text: String, contentType: String? = nil, limits: OCILimits = OCILimits()) throws -> OCIManifest {
        try OCIManifest(bytes: Array(text.utf8), digest: digest, contentType: contentType, limits: limits)
    }

    @Test("an image manifest and an index parse; the index finds a platform")
    func parses() throws {
        let layer = #"{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:\#(String(repeating: "a", count: 64))","size":3}"#
        let manifest = try Self.parse(#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":\#(layer),"layers":[\#(layer)]}"#)
        guard case .image(let image) = manifest.content else { Issue.record("not an image"); return }
        #expect(image.layers.count == 1)
        let index = try Self.parse(#"{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:\#(String(repeating: "b", count: 64))","size":9,"platform":{"os":"linux","architecture":"arm64","variant":"v8"}}]}"#,
                                   contentType: MediaType.imageIndex)
        guard case .index(let list) = index.content else { Issue.record("not an index"); return }
        #expect(list.manifest(for: try Platform(parsing: "linux/arm64")) != nil)
        #expect(list.manifest(for: try Platform(parsing: "linux/amd64")) == nil)
    }

    @Test("malformed manifests are oci.invalid-manifest, exit 3", arguments: [
        "", "[]", "{", #"{"schemaVersion":1,"config":{}}"#, #"{"schemaVersion":2}"#,
        #"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"x","digest":"nope","size":1},"layers":[]}"#,
        #"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"x","digest":"sha256:\#(String(repeating: "a", count: 64))","size":-1},"layers":[]}"#,
        #"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":{}}"#,
    ])
    func malformed(text: String) {
        #expect { try Self.parse(text) } throws: { ($0 as? OCIError)?.kind == .invalidManifest && ($0 as? OCIError)?.exitStatus == .invalidInput }
    }

    @Test("a Content-Type that contradicts mediaType is refused; an unknown media type is unsupported")
    func mediaTypes() {
        let index = #"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}"#
        #expect { try Self.parse(index, contentType: MediaType.imageManifest) } throws: { ($0 as? OCIError)?.kind == .invalidManifest }
        #expect { try Self.parse(#"{"schemaVersion":2,"mediaType":"application/vnd.example+json"}"#) } throws: {
            ($0 as? OCIError)?.kind == .unsupportedMediaType
        }
    }

    @Test("a manifest over the size limit, or with too many layers, is oci.too-large")
    func limits() {
        var limits = OCILimits()
        limits.manifestBytes = 10
        #expect { try Self.parse(#"{"schemaVersion":2,"manifests":[]}"#, limits: limits) } throws: { ($0 as? OCIError)?.kind == .tooLarge }
        limits = OCILimits()
        limits.descriptors = 1
        let entry = #"{"mediaType":"m","digest":"sha256:\#(String(repeating: "c", count: 64))","size":1}"#
        #expect { try Self.parse(#"{"schemaVersion":2,"manifests":[\#(entry),\#(entry)]}"#, limits: limits) } throws: { ($0 as? OCIError)?.kind == .tooLarge }
    }
}
