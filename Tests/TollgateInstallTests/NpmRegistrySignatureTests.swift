import Foundation
import Testing
@testable import TollgateInstall
import TollgateVerify

/// npm registry signatures with npm's real key (the registry.npmjs.org keys.json TUF target) and
/// real signatures the registry published, judged at the version's publish time.
@Suite("npm registry signatures")
struct NpmRegistrySignatureTests {
    static func keys() throws -> NpmRegistryKeys {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/keys", withExtension: "json"))
        return try NpmRegistryKeys(json: [UInt8](try Data(contentsOf: url)), source: "keys.json")
    }

    static let jl3bw = "SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA"

    struct Vector: Sendable, CustomTestStringConvertible {
        let name: String
        let version: String
        let integrity: String
        let sig: String
        var testDescription: String { "\(name)@\(version)" }
    }

    static let vectors = [
        Vector(name: "lodash.pick", version: "2.0.0",
               integrity: "sha512-uZsGHJgpY0jyAEh6YAyut74QvBuUaG1kAV6B+arHf2ML1FXhbJET411NxVHH0tU2u7UFPz2s5LZGNfIzZ+mGdQ==",
               sig: "MEUCIB76SkmSbJmQOKaU0aCuB3IQsIJmfPpa7DzCQDcupjVDAiEA58e62NZ7egrIVUSTa1eL3S/2sl5Euk+hRlXa8sObOMk="),
        Vector(name: "express", version: "0.14.0",
               integrity: "sha512-ULazYLF3/YqOU5rzkviWJEd4TNZ0j77Nymuqa1+sQe0dhxcsDzKOQK8GemM9S3i8x2Q55GWXhnhRHwYaJIrM1g==",
               sig: "MEYCIQCGihQqfDiARxIfslKVGe5vzfxCGOh+vhulZER4lO9oBQIhAO2VvApOYRVumT9XVDffvpYimysO/Hm1Qd59+KBublcM"),
        Vector(name: "lodash", version: "0.1.0",
               integrity: "sha512-ufIfwX7g5obXKaJhzbnAJBNf5Idxqty+AHaNadWFxtNKjGmF/ZO8ptSEjQRQRymBPZtLa0NV9sbrsH87Ae2R1A==",
               sig: "MEQCIBB7pdqPfBFUsZQhVr3woDJ7/bbRWV3tlXQZNp3ivosbAiBMhwfq9fqaJvFFX1/scqPbIywUUZCQkfJaISqaJbZX2Q=="),
    ]

    static func at(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test("the keys.json TUF target is read: only npm:signatures keys, with their validity")
    func readsTUFTarget() throws {
        let keys = try Self.keys()
        #expect(keys.keys.count == 2)
        let old = try #require(keys.key(id: Self.jl3bw))
        #expect(old.expires == Self.at("2025-01-29T00:00:00Z"))
        #expect(keys.key(id: "SHA256:DhQ8wR5APBvFHLF/+Tc+AYvPOdTpcIDqOhxsBHRwC7U")?.expires == nil)
    }

    @Test("a real registry signature verifies with the key valid when the version was published", arguments: vectors)
    func verifiesAtPublishTime(_ vector: Vector) throws {
        let check = NpmRegistrySignature.verify(name: vector.name, version: vector.version, integrity: vector.integrity,
                                                signatures: [.init(keyid: Self.jl3bw, sig: vector.sig)],
                                                published: Self.at("2020-01-01T00:00:00Z"), keys: try Self.keys())
        guard case .verified = check else { Issue.record("\(check)"); return }
    }

    @Test("the same signature is refused for a version published after the key expired (judged at publish time, not now)",
          arguments: vectors)
    func refusedAfterExpiry(_ vector: Vector) throws {
        let check = NpmRegistrySignature.verify(name: vector.name, version: vector.version, integrity: vector.integrity,
                                                signatures: [.init(keyid: Self.jl3bw, sig: vector.sig)],
                                                published: Self.at("2025-02-01T00:00:00Z"), keys: try Self.keys())
        guard case .failed(let reason) = check else { Issue.record("\(check)"); return }
        #expect(reason.contains("was not valid"))
    }

    @Test("a signature over another integrity, a missing signature, an unknown key or no publish time is refused", arguments: vectors)
    func refusals(_ vector: Vector) throws {
        let keys = try Self.keys()
        let published = Self.at("2020-01-01T00:00:00Z")
        let other = NpmRegistrySignature.verify(name: vector.name, version: vector.version, integrity: "sha512-" + String(vector.integrity.dropFirst(8).reversed()),
                                                signatures: [.init(keyid: Self.jl3bw, sig: vector.sig)], published: published, keys: keys)
        guard case .failed = other else { Issue.record("other integrity: \(other)"); return }
        let none = NpmRegistrySignature.verify(name: vector.name, version: vector.version, integrity: vector.integrity, signatures: [],
                                               published: published, keys: keys)
        guard case .failed = none else { Issue.record("no signature: \(none)"); return }
        let unknown = NpmRegistrySignature.verify(name: vector.name, version: vector.version, integrity: vector.integrity,
                                                  signatures: [.init(keyid: "SHA256:unknown", sig: vector.sig)], published: published, keys: keys)
        guard case .unavailable = unknown else { Issue.record("unknown key: \(unknown)"); return }
        let undated = NpmRegistrySignature.verify(name: vector.name, version: vector.version, integrity: vector.integrity,
                                                  signatures: [.init(keyid: Self.jl3bw, sig: vector.sig)], published: nil, keys: keys)
        guard case .unavailable = undated else { Issue.record("no publish time: \(undated)"); return }
    }

    @Test("hostile keys documents are refused with a reason", arguments: [
        "", "{}", "{\"keys\": []}", "{\"keys\": [{\"keyid\": \"x\", \"keytype\": \"ssh-rsa\", \"key\": \"AAAA\"}]}",
        "{\"keys\": [{\"keyid\": \"x\", \"keytype\": \"ecdsa-sha2-nistp256\", \"key\": \"not base64!\"}]}",
        String(repeating: "[", count: 10_000),
    ])
    func hostileKeys(_ text: String) {
        #expect(throws: InstallError.self) { try NpmRegistryKeys(json: Array(text.utf8), source: "keys") }
    }
}
