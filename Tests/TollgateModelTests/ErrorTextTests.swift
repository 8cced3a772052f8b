import Foundation
import Testing
import TollgateModel

/// Fragments of a Swift value dump: none may reach a message a user reads.
let typeDumpMarkers = ["CodingKeys(", "ASN1Error", "Optional(", "DecodingError", "CryptoKit", "keyNotFound(", "Swift.", ".swift:"]

@Suite("Error messages say what went wrong, never a Swift type dump")
struct ErrorTextTests {
    static func expectPlain(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for marker in typeDumpMarkers {
            #expect(!text.contains(marker), "'\(marker)' in: \(text)", sourceLocation: sourceLocation)
        }
    }

    @Test("a truncated DER public key is reported as truncated DER", arguments: ["p256.pub", "ed25519.pub", "rsa2048.pub"])
    func truncatedPublicKey(_ name: String) throws {
        let der = try PEMBlock(parsing: try FixtureFiles.text("openssl/\(name)")).der
        let truncated = PEMBlock(label: "PUBLIC KEY", der: Array(der.prefix(der.count / 2))).pem
        let error = #expect(throws: ModelError.self) { _ = try PublicKey(pem: truncated) }
        #expect(error?.code == "model.invalid-key")
        #expect(error?.reason.contains("truncated") == true, "\(error?.reason ?? "")")
        Self.expectPlain(error?.reason ?? "")
    }

    @Test("a truncated DER private key is reported without a type dump", arguments: ["p256.key", "ed25519.key", "rsa2048.key"])
    func truncatedPrivateKey(_ name: String) throws {
        let block = try PEMBlock(parsing: try FixtureFiles.text("openssl/\(name)"))
        let truncated = PEMBlock(label: block.label, der: Array(block.der.prefix(block.der.count - 7))).pem
        let error = #expect(throws: ModelError.self) { _ = try PrivateKey(pem: truncated) }
        #expect(error?.code == "model.invalid-key")
        Self.expectPlain(error?.reason ?? "")
    }

    struct Statement: Decodable { let subject: String; let predicateType: String }

    @Test("a JSON document missing a field names the field and its path")
    func missingField() {
        do {
            _ = try JSONDecoder().decode([Statement].self, from: Data(#"[{"subject": "a"}]"#.utf8))
            Issue.record("decoded a document without predicateType")
        } catch {
            let text = ErrorText.describe(error)
            #expect(text == "missing field 'predicateType' at [0]")
            Self.expectPlain(text)
        }
    }

    @Test("a Tollgate error is described by its reason")
    func tollgateError() {
        #expect(ErrorText.describe(ModelError(.invalidDigest, "expected 64 hex digits, found 3")) == "expected 64 hex digits, found 3")
    }

    struct Opaque: Error { let payload = [1, 2, 3] }

    @Test("an unknown error is named by its type, without its payload")
    func unknownError() {
        let text = ErrorText.describe(Opaque())
        #expect(text == "an unexpected error (Opaque)")
        #expect(!text.contains("payload"))
    }

    @Test("a Foundation file error keeps Foundation's sentence")
    func fileError() {
        do {
            _ = try Data(contentsOf: URL(fileURLWithPath: "/nonexistent/tollgate-\(UUID().uuidString)"))
            Issue.record("read a file that does not exist")
        } catch {
            let text = ErrorText.describe(error)
            #expect(!text.isEmpty && !text.contains("unexpected error"), "\(text)")
            Self.expectPlain(text)
        }
    }
}
