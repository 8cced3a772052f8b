import Foundation
import Testing
import TollgateSigstore

/// Hostile or broken bundles are rejected quickly, with a reason, and never crash.
@Suite("hostile bundles")
struct HostileBundleTests {
    static let happy = ConformanceCase.fixtures.appendingPathComponent("conformance/cases/happy-path-v0.3/bundle.sigstore.json")

    static func happyJSON() throws -> [String: Any] {
        let data = try Data(contentsOf: happy)
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    static func encode(_ object: [String: Any]) throws -> [UInt8] {
        [UInt8](try JSONSerialization.data(withJSONObject: object))
    }

    struct Mutation: Sendable, CustomTestStringConvertible {
        let name: String
        let expectedCode: String
        let make: @Sendable () throws -> [UInt8]
        var testDescription: String { name }
    }

    static let mutations: [Mutation] = [
        Mutation(name: "bad base64 in the certificate", expectedCode: "sigstore.bundle-malformed") {
            var json = try happyJSON()
            var material = json["verificationMaterial"] as? [String: Any] ?? [:]
            material["certificate"] = ["rawBytes": "!!!not base64!!!"]
            json["verificationMaterial"] = material
            return try encode(json)
        },
        Mutation(name: "a chain of 1,000 certificates", expectedCode: "sigstore.too-large") {
            var json = try happyJSON()
            var material = json["verificationMaterial"] as? [String: Any] ?? [:]
            let cert = material["certificate"] ?? [:]
            material["certificate"] = nil
            material["x509CertificateChain"] = ["certificates": Array(repeating: cert, count: 1000)]
            json["mediaType"] = "application/vnd.dev.sigstore.bundle+json;version=0.1"
            json["verificationMaterial"] = material
            return try encode(json)
        },
        Mutation(name: "an inclusion proof with 10,000 hashes", expectedCode: "sigstore.bundle-malformed") {
            var json = try happyJSON()
            var material = json["verificationMaterial"] as? [String: Any] ?? [:]
            var entries = material["tlogEntries"] as? [[String: Any]] ?? []
            var proof = entries[0]["inclusionProof"] as? [String: Any] ?? [:]
            proof["hashes"] = Array(repeating: "1J7hRIEGvYdAyzEs+GhAE9L+38oHye3BhalgoQRZoo4=", count: 10_000)
            entries[0]["inclusionProof"] = proof
            material["tlogEntries"] = entries
            json["verificationMaterial"] = material
            return try encode(json)
        },
        Mutation(name: "JSON nested 100,000 levels deep", expectedCode: "sigstore.too-large") {
            Array(String(repeating: "[", count: 100_000).utf8)
        },
        Mutation(name: "a number where the log index string belongs is fine, but an object is not", expectedCode: "sigstore.bundle-malformed") {
            var json = try happyJSON()
            var material = json["verificationMaterial"] as? [String: Any] ?? [:]
            var entries = material["tlogEntries"] as? [[String: Any]] ?? []
            entries[0]["logIndex"] = ["not": "a number"]
            material["tlogEntries"] = entries
            json["verificationMaterial"] = material
            return try encode(json)
        },
        Mutation(name: "a string where the entries list belongs", expectedCode: "sigstore.bundle-malformed") {
            var json = try happyJSON()
            var material = json["verificationMaterial"] as? [String: Any] ?? [:]
            material["tlogEntries"] = "nope"
            json["verificationMaterial"] = material
            return try encode(json)
        },
        Mutation(name: "a 40 MB bundle", expectedCode: "sigstore.too-large") {
            Array(repeating: UInt8(ascii: " "), count: 40 << 20)
        },
        Mutation(name: "a DSSE envelope with two signatures", expectedCode: "sigstore.bundle-malformed") {
            var json = try happyJSON()
            json["messageSignature"] = nil
            json["dsseEnvelope"] = ["payload": "e30=", "payloadType": "application/vnd.in-toto+json",
                                    "signatures": [["sig": "MEUCIQ=="], ["sig": "MEUCIQ=="]]]
            return try encode(json)
        },
        Mutation(name: "an empty object", expectedCode: "sigstore.bundle-malformed") { Array("{}".utf8) },
        Mutation(name: "a truncated document", expectedCode: "sigstore.bundle-malformed") {
            Array(try Data(contentsOf: happy).prefix(500))
        },
    ]

    @Test("a hostile bundle is rejected quickly with a reason", arguments: mutations)
    func rejectsHostileBundle(_ mutation: Mutation) throws {
        let bytes = try mutation.make()
        let start = Date()
        do {
            _ = try UnverifiedBundle(json: bytes)
            Issue.record("\(mutation.name) parsed")
        } catch {
            #expect(error.code == mutation.expectedCode, "\(mutation.name): \(error.reason)")
            #expect(!error.reason.isEmpty)
        }
        #expect(Date().timeIntervalSince(start) < 2, "\(mutation.name) took too long")
    }

    @Test("a log index written as a JSON number is accepted like the string form")
    func acceptsNumericInt64() throws {
        var json = try Self.happyJSON()
        var material = json["verificationMaterial"] as? [String: Any] ?? [:]
        var entries = material["tlogEntries"] as? [[String: Any]] ?? []
        entries[0]["logIndex"] = 79571823
        material["tlogEntries"] = entries
        json["verificationMaterial"] = material
        let bundle = try UnverifiedBundle(json: try Self.encode(json))
        #expect(bundle.tlogEntries.first?.logIndex == 79571823)
    }
}
