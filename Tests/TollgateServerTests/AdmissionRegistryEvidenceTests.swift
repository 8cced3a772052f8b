import Foundation
import Testing
import TollgateAdmission
import TollgateModel
import TollgateOCI
import TollgateOCIHTTP
@testable import TollgateServer

private let testRegistry = ProcessInfo.processInfo.environment["TOLLGATE_TEST_REGISTRY"]

/// `registryEvidence: true`: a first-seen digest is verified with what its registry attaches. A real
/// registry on loopback (`scripts/test.sh` starts Debian's docker-registry and sets
/// `TOLLGATE_TEST_REGISTRY`); the image is pushed with Tollgate's client and signed with the built
/// `tollgate sign`, as `tollgate verify IMAGE_REF` would read it.
@Suite("Admission with registry evidence (real registry)",
       .enabled(if: testRegistry != nil, "TOLLGATE_TEST_REGISTRY is not set (scripts/test.sh sets it)"), .serialized)
struct AdmissionRegistryEvidenceTests {
    static func run(_ arguments: [String], in directory: URL) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = RepositoryFiles.tollgate
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    @Test("a digest signed in its registry by the trusted key is admitted; the unsigned one beside it is denied; an unreachable registry denies")
    func registrySignatures() async throws {
        let directory = try TestServer.temporaryDirectory()
        let repository = try Repository(parsing: "\(testRegistry!)/tollgate-admission/\(UUID().uuidString.lowercased().prefix(12))")
        func push(_ text: String, tag: String) async throws -> Digest {
            try await HTTPRegistryClient.with(credentials: RegistryCredentials(), allowHTTP: true) { client in
                try await ImageBuilder.push([[.file("etc/hello", Array(text.utf8))]], to: Registry(client: client), repository: repository,
                                            tag: tag, platform: Platform(os: "linux", architecture: "amd64"))
            }.digest
        }
        let signed = try await push("signed", tag: "signed")
        let unsigned = try await push("unsigned", tag: "unsigned")
        let keyed = try Self.run(["key", "generate", "--output-prefix", "trusted", "--unsafe-unencrypted"], in: directory)
        #expect(keyed.0 == 0, "\(keyed.1)")
        let signing = try Self.run(["sign", "\(repository)@\(signed)", "--key", "trusted.key", "--allow-http-registry"], in: directory)
        #expect(signing.0 == 0, "\(signing.1)")
        let keyPath = directory.appendingPathComponent("trusted.pub").path
        let keyID = try PublicKey(pem: String(contentsOfFile: keyPath, encoding: .utf8)).keyID
        let server = try await TestServer.start { configuration in
            configuration.keyFiles.append(keyPath)
            configuration.admission = AdmissionConfig(policy: "production", deadline: .seconds(25), registryEvidence: true, allowHTTPRegistry: true)
        }
        let policy = "apiVersion: tollgate.dev/v1\nkind: Policy\nmetadata: { name: production }\nartifact:\n  signature: { required: true, keys: [\"\(keyID)\"] }\n"
        #expect(try await server.request(.PUT, "/v1/policies/production", role: .admin, body: Array(policy.utf8), contentType: "application/yaml").status == 201)
        func admit(_ image: String) async throws -> TestServer.Reply {
            let body = try AdmissionFixtures.edited(Array(try RepositoryFiles.text("Tests/TollgateAdmissionTests/Fixtures/connaisseur/02_pod.json").utf8)) { request in
                guard case .object(var object)? = request["object"], case .object(var spec)? = object["spec"] else { return }
                spec["containers"] = [["name": "app", "image": .string(image)]]
                object["spec"] = .object(spec)
                request["object"] = .object(object)
            }
            return try await server.request(.POST, "/v1/admission", role: .deployer, body: body, contentType: "application/json")
        }
        let allowed = try await admit("\(repository):signed@\(signed)")
        #expect(allowed.json["response"]?["allowed"]?.boolValue == true, "\(allowed.text)")
        let denied = try await admit("\(repository)@\(unsigned)")
        #expect(denied.json["response"]?["allowed"]?.boolValue == false)
        #expect(denied.json["response"]?["status"]?["message"]?.stringValue?.contains("rule artifact.signature") == true, "\(denied.text)")
        // Nothing listens on port 9: the check cannot run, so the image is denied, with the reason.
        let unreachable = try await admit("127.0.0.1:9/team/app@\(signed)")
        #expect(unreachable.json["response"]?["allowed"]?.boolValue == false)
        #expect(unreachable.json["response"]?["status"]?["message"]?.stringValue?.contains("could not be verified") == true, "\(unreachable.text)")
        try await server.stop()
        try? FileManager.default.removeItem(at: directory)
    }
}
