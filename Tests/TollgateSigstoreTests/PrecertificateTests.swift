import Crypto
import Foundation
import SwiftASN1
import Testing
import TollgateModel
import X509
@testable import TollgateSigstore

/// The cheaper paths of a `verify-bundle --batch` bundle (issue #13) against what they replaced:
/// the precertificate rebuilt by a shallow DER walk against one rebuilt from a full `DER.parse`,
/// the leaf's signing key taken from swift-certificates against one loaded from its DER, and the
/// PEP 740 sniff. Leaves come from every fixture bundle (sigstore-conformance, sigstore-go,
/// slsa-verifier, PyPI; Fixtures/*/SOURCES.md).
@Suite("precertificate rebuild and leaf key reuse")
struct PrecertificateTests {
    /// Every leaf certificate (DER) of every fixture bundle that parses.
    static let leaves: [[UInt8]] = {
        let root = ConformanceCase.fixtures
        guard let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        var result: [[UInt8]] = []
        for case let url as URL in files where url.pathExtension == "json" {
            guard let bytes = try? Data(contentsOf: url), let bundle = try? UnverifiedBundle(json: [UInt8](bytes)),
                  case .certificate(_, let der, _) = bundle.material, !result.contains(der) else { continue }
            result.append(der)
        }
        return result
    }()

    /// The rebuild as it was before (a full SwiftASN1 parse), as the oracle.
    static func reference(_ leafDER: [UInt8]) throws -> [UInt8] {
        let root = try DER.parse(leafDER)
        guard case .constructed(let parts) = root.content, let tbs = parts.first(where: { _ in true }),
              case .constructed(let fields) = tbs.content else { throw DERFormatError("not a certificate") }
        var content: [UInt8] = []
        for field in fields {
            guard field.identifier.tagClass == .contextSpecific, field.identifier.tagNumber == 3 else {
                content += field.encodedBytes
                continue
            }
            guard case .constructed(let wrapper) = field.content, let list = wrapper.first(where: { _ in true }),
                  case .constructed(let extensions) = list.content else { throw DERFormatError("bad extensions") }
            var kept: [UInt8] = []
            for ext in extensions {
                guard case .constructed(let extParts) = ext.content, let first = extParts.first(where: { _ in true }) else {
                    throw DERFormatError("bad extension")
                }
                if try ASN1ObjectIdentifier(derEncoded: first) == SignedCertificateTimestamp.listOID { continue }
                kept += ext.encodedBytes
            }
            content += DERReader.tlv(0xA3, DERReader.tlv(0x30, kept))
        }
        return DERReader.tlv(0x30, content)
    }

    @Test("the fixtures hold Fulcio leaves with embedded SCTs")
    func fixturesHaveLeaves() throws {
        #expect(Self.leaves.count >= 10)
        let withSCT = try Self.leaves.filter { !(try SignedCertificateTimestamp.list(in: try Certificate(derEncoded: $0)).isEmpty) }
        #expect(withSCT.count >= 10)
    }

    @Test("the shallow rebuild equals the full-parse rebuild for every fixture leaf, and drops only the SCT list")
    func rebuildMatchesReference() throws {
        for der in Self.leaves {
            let rebuilt = try SignedCertificateTimestamp.precertificateTBS(leafDER: der)
            #expect(rebuilt == (try Self.reference(der)))
            let certificate = try Certificate(derEncoded: der)
            let hasSCT = certificate.extensions[oid: SignedCertificateTimestamp.listOID] != nil
            let tbs = Array(certificate.tbsCertificateBytes)
            if hasSCT {
                #expect(rebuilt.count < tbs.count)
                #expect(!rebuilt.contains(subsequence: SignedCertificateTimestamp.listOIDDER))
            } else {
                #expect(rebuilt == tbs)
            }
        }
    }

    @Test("the SCT list OID is found by its DER")
    func listOIDDER() {
        #expect(SignedCertificateTimestamp.listOIDDER == [0x06, 0x0A, 0x2B, 0x06, 0x01, 0x04, 0x01, 0xD6, 0x79, 0x02, 0x04, 0x02])
    }

    @Test("every truncation and every single-byte change of a leaf either fails with a DER error or rebuilds as the full parse does")
    func hostileLeaves() throws {
        let der = try #require(Self.leaves.first)
        for length in 0..<der.count {
            #expect(throws: DERFormatError.self) { try SignedCertificateTimestamp.precertificateTBS(leafDER: Array(der.prefix(length))) }
        }
        for index in stride(from: 0, to: der.count, by: 3) {
            var changed = der
            changed[index] ^= 0xA5
            // Never traps; when both walks read it, they agree.
            let shallow = try? SignedCertificateTimestamp.precertificateTBS(leafDER: changed)
            if let full = try? Self.reference(changed), let shallow {
                #expect(shallow == full)
            }
        }
    }

    @Test("malformed DER elements are refused", arguments: [
        [0x30],                          // no length
        [0x30, 0x05, 0x01],              // content runs past the end
        [0x1F, 0x01, 0x00],              // multi-octet identifier
        [0x30, 0x80, 0x00, 0x00],        // indefinite length
        [0x30, 0x85, 0, 0, 0, 0, 1, 0],  // five length octets
        [0x30, 0x82, 0x01],              // length octets cut short
    ] as [[UInt8]])
    func malformedElements(bytes: [UInt8]) {
        #expect(throws: DERFormatError.self) { try DERReader.elements(bytes[...], "test") }
    }

    @Test("elements are read in order with their exact bytes")
    func elementsInOrder() throws {
        let long = [UInt8](repeating: 7, count: 200)
        let bytes: [UInt8] = [0x02, 0x01, 0x05] + [0x04, 0x81, 200] + long + [0xA3, 0x00]
        let elements = try DERReader.elements(bytes[...], "test")
        #expect(elements.map(\.tag) == [0x02, 0x04, 0xA3])
        #expect(Array(elements[0].content) == [0x05])
        #expect(Array(elements[1].content) == long)
        #expect(Array(elements[1].encoded) == [0x04, 0x81, 200] + long)
        #expect(elements[2].content.isEmpty && elements[2].isConstructed)
    }

    @Test("the leaf's signing key is the one its DER SubjectPublicKeyInfo loads")
    func signingKeyMatchesDER() throws {
        for der in Self.leaves {
            let certificate = try Certificate(derEncoded: der)
            let reused = try SigstoreVerifier.signingKey(of: certificate)
            let loaded = try PublicKey(spkiDER: SPKI.der(certificate.publicKey))
            #expect(reused.spkiDER == loaded.spkiDER)
            #expect(reused.algorithm == loaded.algorithm)
        }
    }

    @Test("a P-256 or P-384 key already parsed gives the same key and verdicts as its DER")
    func parsedKeyInitializers() throws {
        let p256 = P256.Signing.PrivateKey()
        let message = Array("tollgate".utf8)
        let signature = Array(try p256.signature(for: message).derRepresentation)
        let direct = PublicKey(p256.publicKey)
        let viaDER = try PublicKey(spkiDER: Array(p256.publicKey.derRepresentation))
        #expect(direct == viaDER && direct.algorithm == .ecdsaP256)
        #expect(direct.verify(signature: signature, message: message) == .valid)
        #expect(direct.verify(signature: signature, message: message + [0]) != .valid)
        let p384 = P384.Signing.PrivateKey()
        let direct384 = PublicKey(p384.publicKey)
        #expect(direct384 == (try PublicKey(spkiDER: Array(p384.publicKey.derRepresentation))) && direct384.algorithm == .ecdsaP384)
        #expect(direct384.verify(signature: Array(try p384.signature(for: message).derRepresentation), message: message) == .valid)
    }

    @Test("the PEP 740 sniff finds the member name anywhere, and only whole", arguments: [
        ("{\"verification_material\":{}}", true),
        ("\"verification_material\"", true),
        ("{\"a\":\"\"\"verification_material\"", true),
        ("{\"x\":1,\"verification_material\"", true),
        ("\"verification_material", false),
        ("verification_material\"", false),
        ("{\"verificationMaterial\":{}}", false),
        ("", false),
    ])
    func pep740Sniff(text: String, expected: Bool) {
        #expect(PEP740Attestation.looksLikeAttestation(Array(text.utf8)) == expected)
    }
}

extension Array where Element == UInt8 {
    func contains(subsequence: [UInt8]) -> Bool {
        guard !subsequence.isEmpty, count >= subsequence.count else { return false }
        return (0...(count - subsequence.count)).contains { self[$0..<$0 + subsequence.count].elementsEqual(subsequence) }
    }
}
