import Foundation
import Testing
import TollgateAdmission
import TollgateModel
import TollgateStore

@Suite("Admission pinning: tags to recorded digests, idempotent JSON Patch")
struct ImagePinTests {
    static let alice = AdmissionControllerTests.alice

    static func pin(_ bytes: [UInt8], _ controller: AdmissionController, _ environment: TestEnvironment) async throws -> AdmissionResult {
        switch await controller.pin(bytes: bytes, in: environment) {
        case .review(let result): return result
        case .rejected(let error): throw error
        }
    }

    /// The JSON Patch the response carries, decoded from base64.
    static func patch(_ result: AdmissionResult) throws -> JSONValue? {
        guard let text = try JSONValue.parse(result.bytes)["response"]?["patch"]?.stringValue, let data = Data(base64Encoded: text) else { return nil }
        return try JSONValue.parse(Array(data))
    }

    /// Applies `replace` operations (after checking their `test`) to the request's object, as the API server would.
    static func apply(_ patch: JSONValue, to bytes: [UInt8]) throws -> [UInt8] {
        var review = try JSONValue.parse(bytes)
        for operation in patch.arrayValue ?? [] {
            let path = (operation["path"]?.stringValue ?? "").split(separator: "/").map(String.init)
            func set(_ value: inout JSONValue, _ rest: ArraySlice<String>) throws {
                guard let key = rest.first else {
                    if operation["op"]?.stringValue == "test" {
                        guard value == operation["value"] else { throw ModelError(.invalidJSON, "test failed at \(path)") }
                    } else {
                        value = operation["value"] ?? .null
                    }
                    return
                }
                switch value {
                case .object(var object):
                    var child = object[key] ?? .null
                    try set(&child, rest.dropFirst())
                    object[key] = child
                    value = .object(object)
                case .array(var array):
                    let index = Int(key)!
                    try set(&array[index], rest.dropFirst())
                    value = .array(array)
                default:
                    throw ModelError(.invalidJSON, "no \(key) at \(path)")
                }
            }
            guard case .object(var object) = review, var request = object["request"], var target = request["object"] else { break }
            try set(&target, path[...])
            if case .object(var members) = request { members["object"] = target; request = .object(members) }
            object["request"] = request
            review = .object(object)
        }
        return review.encodedBytes()
    }

    @Test("a tag-only Deployment image is pinned to its recorded digest; the patched object needs no further patch; the validating review then passes by digest")
    func pinsIdempotently() async throws {
        let environment = try TestEnvironment()
        environment.state.withLock { state in
            state.signed = [Self.alice]
            state.observations = [TagObservationRecord(repository: "docker.io/securesystemsengineering/alice-image", tag: "test",
                                                       digest: Self.alice, time: Date(timeIntervalSince1970: 1_700_000_000))]
        }
        let controller = AdmissionController(configuration: AdmissionControllerTests.config)
        let original = try AdmissionFixtures.bytes("connaisseur/01_deployment.json")
        let first = try await Self.pin(original, controller, environment)
        #expect(first.response.allowed)
        let patch = try #require(try Self.patch(first))
        #expect(patch[1]?["op"]?.stringValue == "replace")
        #expect(patch[1]?["path"]?.stringValue == "/spec/template/spec/containers/0/image")
        #expect(patch[1]?["value"]?.stringValue == "docker.io/securesystemsengineering/alice-image:test@\(Self.alice)")
        #expect(try JSONValue.parse(first.bytes)["response"]?["patchType"]?.stringValue == "JSONPatch")
        let pinned = try Self.apply(patch, to: original)
        let second = try await Self.pin(pinned, controller, environment)
        #expect(try Self.patch(second) == nil, "a pinned image is never patched again")
        let validated = try await AdmissionControllerTests.review(pinned, controller, environment)
        #expect(validated.response.allowed)
        #expect(validated.verdicts.first?.digestFrom == .reference)
        // The shared sample response has the same shape.
        let sample = try AdmissionFixtures.json("tollgate-generated/response-patch-digest-pin.json")
        #expect(Set(try JSONValue.parse(first.bytes)["response"]?.objectValue?.keys.map { $0 } ?? [])
            .isSuperset(of: Set(sample["response"]?.objectValue?.keys.map { $0 } ?? [])))
    }

    @Test("nothing is pinned without a recorded observation, under deploy.byDigest, or for an image that names a digest")
    func leavesAlone() async throws {
        let environment = try TestEnvironment(policies: [TestEnvironment.signedPolicy, TestEnvironment.byDigestPolicy])
        let controller = AdmissionController(configuration: AdmissionControllerTests.config)
        #expect(try Self.patch(try await Self.pin(try AdmissionFixtures.bytes("connaisseur/01_deployment.json"), controller, environment)) == nil)
        #expect(try Self.patch(try await Self.pin(try AdmissionFixtures.bytes("connaisseur/24_alice_tag_digest_dpl.json"), controller, environment)) == nil)
        environment.state.withLock { state in
            state.observations = [TagObservationRecord(repository: "docker.io/securesystemsengineering/alice-image", tag: "test",
                                                       digest: Self.alice, time: Date(timeIntervalSince1970: 1_700_000_000))]
        }
        let pinnedPolicy = AdmissionController(configuration: AdmissionConfig(policy: "pinned"))
        #expect(try Self.patch(try await Self.pin(try AdmissionFixtures.bytes("connaisseur/01_deployment.json"), pinnedPolicy, environment)) == nil)
    }
}
