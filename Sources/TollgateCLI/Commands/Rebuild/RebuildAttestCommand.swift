import ArgumentParser
import Foundation
import TollgateModel
import TollgateRebuild
import TollgateSigstore

/// `tollgate rebuild attest RELEASE --rebuilt REBUILT --provenance P --key K|--keyless`: compares, then signs
/// an in-toto statement `https://tollgate.dev/attestations/rebuild/v1` about the release (DSSE, the
/// same signer as `tollgate attest`). A mismatch is attested too: `match: false` with the differences.
struct RebuildAttestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attest",
        abstract: "Compare a rebuild with the release and sign the result as an in-toto rebuild attestation (DSSE).",
        discussion: "The statement's subject is the release digest; its predicate records the rebuilder, the inputs read from the provenance (source, build type and parameters, recorded toolchains and lockfiles), the rebuilt digest and match true/false with the comparison summary. Exit 0 when the attestation is written, whether or not the rebuild matched (docs/reproducible.md). With --keyless the statement is signed through Sigstore and the output is a v0.3 DSSE bundle (docs/sigstore.md)."
    )

    @Argument(help: "The released artifact.")
    var release: String

    @Option(help: "The rebuilt artifact.")
    var rebuilt: String

    @Option(help: "The release's provenance: a DSSE envelope (.intoto.jsonl) or an in-toto statement.")
    var provenance: String

    @Option(help: "Private key(s) of the rebuilder; repeat for several signatures.")
    var key: [String] = []

    @OptionGroup var keyless: StandardKeylessOptions

    @Option(help: "How the rebuilder names itself (default key:KEYID of the first key; with --keyless the signer's OIDC identity).")
    var rebuilderId: String?

    @OptionGroup var limitOptions: RebuildLimitOptions

    /// `text` prints the envelope on one line; `json` pretty-prints it.
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if keyless.keyless && !key.isEmpty { throw ValidationError("give --key or --keyless, not both") }
    }

    func run() async throws {
        try await output.emit { out in
            guard !key.isEmpty || keyless.keyless else { throw CLIError(.usage, "at least one --key (or --keyless) is required") }
            let provenanceBytes = [UInt8](try InputFile.read(provenance, limit: DSSEEnvelope.maxBytes))
            let inputs = try RebuildInputs(provenance: try Self.statement(provenanceBytes, path: provenance),
                                           digest: DigestAlgorithm.sha256.hash(provenanceBytes))
            if keyless.keyless {
                let comparison = try RebuildComparator(limits: limitOptions.limits).compare(release: release, rebuilt: rebuilt)
                let bundle = try await keyless.withSigner { signer, token in
                    let statement = self.statement(rebuilder: rebuilderId ?? token.identity, inputs: inputs, comparison: comparison)
                    return try await signer.signDSSE(statement.jsonBytes(), artifact: Artifact(digest: comparison.release.digest,
                                                                                                filename: statement.subjects[0].name),
                                                     token: token)
                }
                try StandardKeylessOptions.write(bundle, to: out, pretty: output.isJSON)
                Console.err("rebuild: \(comparison.summary)")
                return
            }
            let reader = PassphraseReader()
            let keys = try key.map { try reader.privateKey(at: $0) }
            let comparison = try RebuildComparator(limits: limitOptions.limits).compare(release: release, rebuilt: rebuilt)
            let statement = self.statement(rebuilder: rebuilderId ?? "key:\(keys[0].publicKey.keyID)", inputs: inputs, comparison: comparison)
            let envelope = try DSSE.sign(payload: statement.jsonBytes(), payloadType: DSSE.inTotoPayloadType, keys: keys)
            out.write(Data(envelope.jsonBytes(pretty: output.isJSON) + [0x0A]))
            Console.err("rebuild: \(comparison.summary)")
        }
    }

    /// The rebuild statement about the release, as `rebuilder` attests it.
    func statement(rebuilder: String, inputs: RebuildInputs, comparison: RebuildComparison) -> InTotoStatement {
        let predicate = RebuildPredicate(rebuilder: rebuilder, inputs: inputs, comparison: comparison, rebuiltOn: Date())
        let name = URL(fileURLWithPath: release).lastPathComponent
        return InTotoStatement(subjects: [InTotoSubject(name: name, digest: comparison.release.digest)],
                               predicateType: RebuildPredicate.predicateType, predicate: predicate.json)
    }

    /// The statement inside a DSSE envelope (its signatures are the gate's business, not the
    /// rebuilder's: the attestation records the provenance's digest), or a bare statement.
    static func statement(_ bytes: [UInt8], path: String) throws -> InTotoStatement {
        let first = bytes.split(separator: 0x0A, omittingEmptySubsequences: true).first.map(Array.init) ?? bytes
        if let envelope = try? DSSEEnvelope(parsing: first) {
            return try InTotoStatement(parsing: envelope.payload)
        }
        do { return try InTotoStatement(parsing: bytes) } catch {
            throw RebuildError(.invalidAttestation, "'\(path)' is neither a DSSE envelope nor an in-toto statement: \(error.reason)")
        }
    }
}
