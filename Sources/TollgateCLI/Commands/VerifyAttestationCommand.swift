import ArgumentParser
import Foundation
import TollgateModel

/// `tollgate verify-attestation FILE --envelope E --key K.pub [--key K2.pub --threshold N] [--predicate-type URI]`
struct VerifyAttestationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-attestation",
        abstract: "Verify a DSSE in-toto attestation about FILE: signatures, payload type, statement, subject digest."
    )

    @Argument(help: "The artifact (file or directory) the attestation must be about.")
    var file: String

    @Option(help: "The DSSE envelope (JSON).")
    var envelope: String

    @Option(help: "Trusted public key(s); repeat for several.")
    var key: [String]

    @Option(help: "How many distinct trusted keys must have signed.")
    var threshold: Int = 1

    @Option(name: .customLong("predicate-type"), help: "Require this predicate type.")
    var predicateType: String?

    @OptionGroup var output: OutputOptions

    struct Report: Encodable {
        let schemaVersion = "tollgate.dev/attestation-verification/v1"
        let file: String
        let artifactDigest: String
        let verified: Bool
        let keyIDs: [String]
        let subject: InTotoSubject?
        let statementType: String?
        let statement: JSONValue?
        let reasons: [String]
    }

    func run() async throws {
        try await output.emit { out in
            guard !key.isEmpty else { throw CLIError(.usage, "at least one --key is required") }
            let keys = try key.map { try VerifySignatureCommand.loadPublicKey($0) }
            let distinct = Set(keys.map(\.keyID)).count
            guard threshold >= 1, threshold <= distinct else {
                throw CLIError(.usage, "--threshold \(threshold) must be between 1 and the number of distinct keys (\(distinct))")
            }
            let verifier = try DSSEVerifier(keys: keys, threshold: threshold)
            let parsed = try DSSEEnvelope(parsing: try InputFile.read(envelope, limit: DSSEEnvelope.maxBytes))
            let digest = try FileDigester(algorithm: .sha256).digest(path: file)
            let verdict = AttestationVerifier(dsse: verifier).verify(parsed, artifact: digest, predicateType: predicateType)
            switch verdict {
            case .verified(let statement, let subject, let keyIDs):
                if output.isJSON {
                    try out.json(Report(file: file, artifactDigest: digest.description, verified: true, keyIDs: keyIDs,
                                            subject: subject, statementType: statement.version.rawValue,
                                            statement: try JSONValue.parse(statement.jsonBytes()), reasons: []))
                } else {
                    out.line("Verified OK: \(file) (\(digest)) is subject '\(subject.name)' of a \(statement.predicateType) statement")
                    out.line("signed by \(keyIDs.count) trusted key(s): \(keyIDs.joined(separator: ", "))")
                }
            case .failed(let reasons):
                if output.isJSON {
                    try out.json(Report(file: file, artifactDigest: digest.description, verified: false, keyIDs: [],
                                            subject: nil, statementType: nil, statement: nil, reasons: reasons))
                } else {
                    Console.err("verification failed: " + reasons.joined(separator: "; "))
                }
                throw ExitCode(ExitStatus.failed.rawValue)
            }
        }
    }
}
