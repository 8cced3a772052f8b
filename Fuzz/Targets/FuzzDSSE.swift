// libFuzzer target: DSSE envelope and in-toto statement parsing.
// Built by Fuzz/run.sh together with the TollgateModel sources (one module, so the parsers are
// instrumented for coverage). Invariants: parsing never crashes; a parsed envelope re-serializes
// to an envelope that parses to the same value; verification of a parsed envelope never crashes.

let fuzzKey: PrivateKey? = try? PrivateKey.generate(.ed25519)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDSSE(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let envelope = try? DSSEEnvelope(parsing: bytes) {
        let again = try? DSSEEnvelope(parsing: envelope.jsonBytes())
        precondition(again == envelope, "DSSE envelope does not round-trip")
        if let key = fuzzKey?.publicKey, let verifier = try? DSSEVerifier(keys: [key]) {
            precondition(!verifier.verify(envelope).isVerified, "a fuzzed envelope verified under a fresh key")
        }
        _ = try? InTotoStatement(parsing: envelope.payload)
    }
    if let statement = try? InTotoStatement(parsing: bytes) {
        let again = try? InTotoStatement(parsing: statement.jsonBytes())
        precondition(again?.subjects == statement.subjects, "statement subjects do not round-trip")
    }
    _ = try? JSONValue.parse(bytes)
    return 0
}
