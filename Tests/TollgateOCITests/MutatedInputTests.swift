import Foundation
import Testing
import TollgateModel
@testable import TollgateOCI

/// Valid inputs, damaged at random (flipped, dropped, inserted and truncated bytes, with a fixed
/// seed): every parser answers with a value or a specific `OCIError`, never a crash or a hang.
@Suite("Damaged manifests, layers and references give errors, never crashes")
struct MutatedInputTests {
    /// SplitMix64: the same mutations on every run.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func mutations(of input: [UInt8], count: Int, seed: UInt64) -> [[UInt8]] {
        var random = Seeded(state: seed)
        return (0..<count).map { _ in
            var bytes = input
            for _ in 0..<Int.random(in: 1...4, using: &random) where !bytes.isEmpty {
                let at = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: bytes[at] ^= UInt8.random(in: 1...255, using: &random)
                case 1: bytes.remove(at: at)
                case 2: bytes.insert(UInt8.random(in: 0...255, using: &random), at: at)
                default: bytes = Array(bytes.prefix(at))
                }
            }
            return bytes
        }
    }

    static let layer: [UInt8] = TarWriter.archive([
        .file("etc/os-release", Array("ID=debian\nVERSION_ID=\"12\"\n".utf8)), .directory("var/lib/dpkg"),
        .file("var/lib/dpkg/status", Array("Package: a\nStatus: install ok installed\nVersion: 1\n\n".utf8)),
        .symlink("usr/lib/os-release", target: "../../etc/os-release"), .file("srv/.wh..wh..opq", []),
    ])

    @Test("damaged tar and gzip layers", arguments: [false, true])
    func layers(gzip: Bool) {
        let input = gzip ? Gzip.compress(Self.layer) : Self.layer
        for bytes in Self.mutations(of: input, count: 400, seed: gzip ? 7 : 11) {
            var files = ImageFileSystem()
            do throws(OCIError) {
                try files.apply(layer: bytes, mediaType: gzip ? MediaType.layerTarGzip : MediaType.layerTar)
                _ = ImageSBOM.generate(files, image: nil, digest: nil)
            } catch {
                #expect([.invalidLayer, .tooLarge].contains(error.kind), "\(error)")
            }
        }
    }

    @Test("damaged manifests and indexes")
    func manifests() {
        let layer = #"{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:\#(String(repeating: "a", count: 64))","size":3,"annotations":{"k":"v"}}"#
        let inputs = [#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":\#(layer),"layers":[\#(layer)],"subject":\#(layer)}"#,
                      #"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"m","digest":"sha256:\#(String(repeating: "b", count: 64))","size":1,"platform":{"os":"linux","architecture":"arm64"}}]}"#]
        for (index, input) in inputs.enumerated() {
            for bytes in Self.mutations(of: Array(input.utf8), count: 500, seed: UInt64(index + 3)) {
                do {
                    _ = try OCIManifest(bytes: bytes, digest: DigestAlgorithm.sha256.hash(bytes), contentType: nil)
                } catch {
                    #expect([.invalidManifest, .unsupportedMediaType, .tooLarge].contains(error.kind), "\(error)")
                }
            }
        }
    }

    @Test("damaged references, Rekor bundles and simple-signing payloads")
    func texts() throws {
        for bytes in Self.mutations(of: Array("registry.example:5000/team/app:1.2@sha256:\(String(repeating: "c", count: 64))".utf8), count: 500, seed: 5) {
            do { _ = try ImageReference(parsing: String(decoding: bytes, as: UTF8.self)) } catch {
                #expect(error.kind == .invalidReference)
            }
        }
        let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("cosign")
        let manifest = try Data(contentsOf: fixtures.appendingPathComponent("server_image.sig.manifest.json"))
        let annotation = try #require(try JSONValue.parse(manifest)["layers"]?[0]?["annotations"]?[CosignAnnotation.rekorBundle]?.stringValue)
        for bytes in Self.mutations(of: Array(annotation.utf8), count: 300, seed: 9) {
            do { _ = try CosignRekorBundle(json: String(decoding: bytes, as: UTF8.self)) } catch {
                #expect(error.kind == .invalidManifest)
            }
        }
        let payload = [UInt8](try Data(contentsOf: fixtures.appendingPathComponent("server_image.sig.payload.json")))
        for bytes in Self.mutations(of: payload, count: 300, seed: 13) {
            do { _ = try SimpleSigningPayload(parsing: bytes) } catch {
                #expect(error.kind == .invalidManifest)
            }
        }
    }
}
