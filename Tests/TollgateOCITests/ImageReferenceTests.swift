import Testing
import TollgateModel
@testable import TollgateOCI

@Suite("Image references are parsed and normalised as docker/distribution does")
struct ImageReferenceTests {
    static let hex = String(repeating: "ab", count: 32)

    @Test("a reference normalises to its canonical form", arguments: [
        ("alpine", "docker.io/library/alpine:latest"),
        ("alpine:3.20", "docker.io/library/alpine:3.20"),
        ("index.docker.io/library/alpine:3.20", "docker.io/library/alpine:3.20"),
        ("docker.io/acme/app", "docker.io/acme/app:latest"),
        ("localhost:5000/app:v1", "localhost:5000/app:v1"),
        ("localhost/team/app", "localhost/team/app:latest"),
        ("127.0.0.1:5000/a/b/c:1.0-rc.1", "127.0.0.1:5000/a/b/c:1.0-rc.1"),
        ("[::1]:5000/app:x", "[::1]:5000/app:x"),
        ("ghcr.io/acme/my_app__x.y-z:TAG_1", "ghcr.io/acme/my_app__x.y-z:TAG_1"),
    ])
    func normalises(text: String, canonical: String) throws {
        #expect(try ImageReference(parsing: text).description == canonical)
    }

    @Test("in name:tag@digest the digest wins and the tag is kept for reports")
    func digestWins() throws {
        let reference = try ImageReference(parsing: "ghcr.io/acme/app:1.2@sha256:\(Self.hex)")
        #expect(reference.manifestReference == "sha256:\(Self.hex)")
        #expect(reference.tag == "1.2")
        #expect(reference.repository.registry == "ghcr.io")
        #expect(reference.repository.name == "acme/app")
        let pinned = try ImageReference(parsing: "app@sha256:\(Self.hex)")
        #expect(pinned.tag == nil)
        #expect(pinned.repository.apiHost == "registry-1.docker.io")
    }

    @Test("malformed references are oci.invalid-reference, exit 2", arguments: [
        "", "Alpine", "a//b", "app:", "app@sha256:xyz", "app@sha256:\(String(repeating: "AB", count: 32))", "ex ample/app",
        "registry.example:99999/app", "app:-tag", "/app", "app/", "registry.example/UPPER/app",
        String(repeating: "a", count: 300),
    ])
    func rejects(text: String) {
        #expect {
            _ = try ImageReference(parsing: text)
        } throws: { error in
            (error as? OCIError)?.kind == .invalidReference && (error as? OCIError)?.exitStatus == .usage
        }
    }

    @Test("cosign's tags and the referrers tag derive from the digest")
    func tags() throws {
        let digest = try Digest(parsing: "sha256:\(Self.hex)")
        #expect(CosignTag.signature.tag(for: digest) == "sha256-\(Self.hex).sig")
        #expect(CosignTag.attestation.tag(for: digest) == "sha256-\(Self.hex).att")
        #expect(CosignTag.referrersTag(for: digest) == "sha256-\(Self.hex)")
    }
}
