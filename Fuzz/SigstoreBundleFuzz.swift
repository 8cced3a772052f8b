import TollgateTransparency

// libFuzzer target: the Sigstore bundle parser and every parser it feeds (PEP 740, Rekor entry
// bodies, C2SP checkpoints, RFC 3161 tokens, SCT lists, trusted roots).
// Built by Fuzz/SigstoreBundleFuzz.sh together with the TollgateSigstore sources (one module, so
// the parsers are instrumented for coverage). Invariant: no input crashes, hangs or exhausts
// memory; every rejection is a typed error.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSigstoreBundle(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let bundle = try? UnverifiedBundle(json: bytes) {
        for entry in bundle.tlogEntries {
            _ = try? RekorEntryBody(body: entry.canonicalizedBody, kind: entry.kind, version: entry.version)
            if let note = entry.inclusionProof?.checkpoint { _ = try? Checkpoint(text: SignedNote(parsing: note).text) }
            if let proof = entry.inclusionProof { _ = proof.inclusionProof(forEntryBody: entry.canonicalizedBody).verify() }
        }
        for token in bundle.rfc3161Timestamps { _ = try? RFC3161Timestamp(der: token) }
        if case .certificate(let leaf, let der, _) = bundle.material {
            _ = try? SignedCertificateTimestamp.list(in: leaf)
            _ = try? SignedCertificateTimestamp.precertificateTBS(leafDER: der)
            _ = FulcioIdentity(certificate: leaf)
        }
    }
    // The same bytes as the other inputs the parsers take.
    _ = try? TrustedRoot(json: bytes)
    _ = try? RFC3161Timestamp(der: bytes)
    _ = try? Checkpoint(text: SignedNote(parsing: bytes).text)
    _ = try? RekorEntryBody(body: bytes, kind: "hashedrekord", version: "0.0.1")
    _ = try? RekorEntryBody(body: bytes, kind: "intoto", version: "0.0.2")
    return 0
}
