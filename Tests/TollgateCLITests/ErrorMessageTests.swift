import Foundation
import Testing
import TollgateModel

extension CommandWorldSuite {
    /// Malformed input through the `tollgate` binary: the message names the problem and its stable
    /// code, never a Swift type dump (DESIGN.md style rule 5).
    @Suite("error messages from malformed input")
    struct ErrorMessageTests {
        static let dumpMarkers = ["CodingKeys(", "ASN1Error", "Optional(", "DecodingError", "CryptoKit", "keyNotFound(",
                                  "Swift.", ".swift:", "NIOConnectionError", "PSQLError"]

        /// One malformed input: the files a command runs on and what it must say.
        struct Case {
            let files: [String: String]
            let arguments: [String]
            let status: Int32
            let code: String
            let fragment: String
        }

        enum Input: String, CaseIterable, Sendable {
            case truncatedPublicKey = "a truncated DER public key"
            case truncatedPrivateKey = "a truncated DER private key"
            case proofMissingField = "a proof document missing a field"
            case ledgerConfigMissingField = "a ledger configuration missing a field"
            case badLicenseExpression = "a bad SPDX expression in a policy"
        }

        static let spdxPolicy = """
            apiVersion: tollgate.dev/v1
            kind: Policy
            metadata: { name: bad-license }
            artifact:
              licenses: { deny: ["MIT AND"] }

            """

        /// The case for `input`, from the keys and signature of the shared world.
        static func make(_ input: Input, world: CommandWorld) throws -> Case {
            let publicKey = try PEMBlock(parsing: String(contentsOfFile: world.path("k.pub"), encoding: .utf8))
            let privateKey = try PEMBlock(parsing: String(contentsOfFile: world.path("k.key"), encoding: .utf8))
            let signature = try String(contentsOfFile: world.path("a.sig"), encoding: .utf8)
            let artifact = ["a.txt": "release artifact\n", "a.sig": signature]
            switch input {
            case .truncatedPublicKey:
                return Case(files: artifact.merging(["k.pub": PEMBlock(label: publicKey.label, der: Array(publicKey.der.prefix(40))).pem]) { $1 },
                            arguments: ["verify-signature", "a.txt", "--key", "k.pub", "--signature", "a.sig"],
                            status: 3, code: "model.invalid-key", fragment: "truncated")
            case .truncatedPrivateKey:
                let truncated = PEMBlock(label: privateKey.label, der: Array(privateKey.der.prefix(privateKey.der.count - 9)))
                return Case(files: artifact.merging(["k.key": truncated.pem]) { $1 }, arguments: ["sign", "a.txt", "--key", "k.key"],
                            status: 3, code: "model.invalid-key", fragment: "PrivateKeyInfo")
            case .proofMissingField:
                return Case(files: ["proof.json": #"{"leafIdx": 0, "treeSize": 2, "root": "", "proof": []}"#],
                            arguments: ["ledger", "check-proof", "proof.json"],
                            status: 3, code: "transparency.invalid-proof", fragment: "missing field 'leafHash'")
            case .ledgerConfigMissingField:
                return Case(files: ["data/ledger.json": #"{"schemaVersion": "tollgate.dev/ledger-config/v1", "origin": "example.com/log"}"#],
                            arguments: ["ledger", "get", "0", "--data", "data"],
                            status: 4, code: "ledger.not-initialized", fragment: "missing field 'store'")
            case .badLicenseExpression:
                return Case(files: artifact.merging(["k.pub": publicKey.pem, "p.yaml": spdxPolicy]) { $1 },
                            arguments: ["verify", "a.txt", "--policy", "p.yaml", "--signature", "a.sig", "--key", "k.pub", "--no-sidecar"],
                            status: 3, code: "policy.invalid-license-expression",
                            fragment: "artifact.licenses.deny[0]: expected an SPDX license expression: expected a license id, found the end")
            }
        }

        @Test("names the problem and its code, without a Swift type dump", arguments: Input.allCases)
        func message(_ input: Input) throws {
            let testCase = try Self.make(input, world: try ExitCodeTests.world())
            let directory = try CommandWorld.freshDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            for (name, text) in testCase.files {
                let url = directory.appendingPathComponent(name)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            }
            let result = try TollgateProcess.run(testCase.arguments, in: directory)
            #expect(result.status == testCase.status, "\(result.stderr)")
            #expect(result.stderr.contains("error[\(testCase.code)]: "), "\(result.stderr)")
            #expect(result.stderr.contains(testCase.fragment), "\(result.stderr)")
            for marker in Self.dumpMarkers {
                #expect(!result.stderr.contains(marker), "'\(marker)' in: \(result.stderr)")
            }
        }
    }
}
