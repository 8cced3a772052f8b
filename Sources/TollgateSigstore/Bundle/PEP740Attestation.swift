import Foundation
import TollgateModel

/// A PEP 740 attestation object (PyPI's JSON form, snake_case fields), converted to the
/// equivalent v0.3 DSSE bundle. Spec: https://peps.python.org/pep-0740/#attestation-objects
struct PEP740Attestation {
    struct Wire: Decodable {
        var version: Int?
        var verification_material: MaterialWire?
        var envelope: EnvelopeWire?
    }
    struct MaterialWire: Decodable {
        var certificate: String?
        var transparency_entries: [TransparencyLogEntryWire]?
    }
    struct EnvelopeWire: Decodable {
        var statement: String?
        var signature: String?
    }

    let wire: Wire


    static func looksLikeAttestation(_ bytes: [UInt8]) -> Bool {
        // Cheap sniff; a real bundle never has this snake_case key.
        let needle = Array("\"verification_material\"".utf8)
        guard bytes.count >= needle.count else { return false }
        // `memchr` to each quote, then `memcmp`: the byte-by-byte loop this replaces was 0.2% of a
        // `verify-bundle --batch` bundle.
        return bytes.withUnsafeBufferPointer { buffer in
            needle.withUnsafeBufferPointer { pattern in
                guard let base = buffer.baseAddress, let first = pattern.first, let patternBase = pattern.baseAddress else { return false }
                let last = buffer.count - pattern.count
                var offset = 0
                while offset <= last {
                    guard let found = memchr(base + offset, Int32(first), last - offset + 1) else { return false }
                    let position = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + position, patternBase, pattern.count) == 0 { return true }
                    offset = position + 1
                }
                return false
            }
        }
    }

    init(json bytes: [UInt8]) throws(SigstoreError) {
        do {
            wire = try JSONDecoder().decode(Wire.self, from: Data(bytes))
        } catch {
            throw SigstoreError(.malformedBundle, "the PEP 740 attestation is not valid: \(JSONDepth.describe(error))")
        }
    }

    func bundle() throws(SigstoreError) -> UnverifiedBundle {
        func fail(_ message: String) -> SigstoreError { SigstoreError(.malformedBundle, "PEP 740 attestation: \(message)") }
        guard wire.version == 1 else { throw SigstoreError(.unsupportedBundleVersion, "PEP 740 attestation version must be 1") }
        guard let material = wire.verification_material else { throw fail("verification_material is missing") }
        guard let certText = material.certificate, let der = Base64Bytes.decode(certText) else {
            throw fail("verification_material.certificate is missing or not base64")
        }
        let (leaf, leafDER) = try UnverifiedBundle.certificate(der: der, at: "verification_material.certificate")
        let entryWires = material.transparency_entries ?? []
        guard !entryWires.isEmpty, entryWires.count <= UnverifiedBundle.maxTlogEntries else {
            throw fail("transparency_entries must hold 1...\(UnverifiedBundle.maxTlogEntries) entries")
        }
        var entries: [TransparencyLogEntry] = []
        for (index, entry) in entryWires.enumerated() {
            entries.append(try TransparencyLogEntry(wire: entry, at: "transparency_entries[\(index)]"))
        }
        guard let statementText = wire.envelope?.statement, let statement = Base64Bytes.decode(statementText) else {
            throw fail("envelope.statement is missing or not base64")
        }
        guard let signatureText = wire.envelope?.signature, let signature = Base64Bytes.decode(signatureText), !signature.isEmpty else {
            throw fail("envelope.signature is missing or not base64")
        }
        return UnverifiedBundle(
            mediaType: "application/vnd.dev.sigstore.bundle.v0.3+json", version: .v0_3,
            material: .certificate(leaf: leaf, leafDER: leafDER, chainRest: []),
            tlogEntries: entries, rfc3161Timestamps: [],
            content: .dsseEnvelope(BundleDSSEEnvelope(payloadType: DSSE.inTotoPayloadType, payload: statement,
                                                      signature: signature, keyID: nil)),
            isPEP740Attestation: true
        )
    }
}
