import ArgumentParser
import Foundation
import TollgateModel
import TollgateVerify

/// `tollgate provenance generate --subject FILE... (--key K | --unsafe-unsigned)`
struct ProvenanceGenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write SLSA v1 provenance for files, from GitHub Actions / GitLab CI variables or flags, as a DSSE envelope.",
        discussion: "Flags override what the CI environment says. Sign with --key, or write an unsigned envelope with --unsafe-unsigned (Tollgate's gate rejects unsigned provenance)."
    )

    @Option(name: .customLong("subject"), help: "A file the provenance is about; repeatable.")
    var subjects: [String]

    @Option(name: .customLong("key"), help: "Private key to sign the envelope; repeatable.")
    var keys: [String] = []

    @Flag(name: .customLong("unsafe-unsigned"), help: "Write the envelope without a signature.")
    var unsafeUnsigned = false

    @Option(help: "Source repository URL (e.g. https://github.com/acme/app).")
    var repository: String?

    @Option(help: "Source commit (40 or 64 hex).")
    var commit: String?

    @Option(help: "Git ref built (refs/tags/v1.2.0).")
    var ref: String?

    @Option(help: "Workflow or pipeline file (.github/workflows/release.yml).")
    var workflow: String?

    @Option(name: .customLong("builder-id"), help: "SLSA builder id.")
    var builderID: String?

    @Option(help: "Trigger event (push, workflow_dispatch, …).")
    var event: String?

    @Option(name: .customLong("parameter"), help: "External parameter KEY=VALUE; repeatable.")
    var parameters: [String] = []

    @Option(name: .customLong("dependency"), help: "Resolved dependency URI[@ALG:HEX] (e.g. pkg:npm/x@1.0@sha256:…); repeatable.")
    var dependencies: [String] = []

    /// The envelope is the report: `--output FILE` writes it whole or not at all.
    @OptionGroup var output: ReportOptions<JSONFormat>

    func validate() throws {
        if unsafeUnsigned == !keys.isEmpty {
            throw ValidationError("give --key to sign, or --unsafe-unsigned (not both, not neither)")
        }
        if subjects.isEmpty { throw ValidationError("give at least one --subject") }
    }

    func run() async throws {
        var context = BuildContext.fromEnvironment(ProcessInfo.processInfo.environment)
        if let repository { context.repository = repository }
        if let commit { context.commit = commit }
        if let ref { context.ref = ref }
        if let workflow { context.workflow = workflow }
        if let builderID { context.builderID = builderID }
        if let event { context.event = event }
        for parameter in parameters {
            guard let equals = parameter.firstIndex(of: "=") else {
                throw CLIError(.usage, "--parameter '\(parameter)': expected KEY=VALUE")
            }
            context.parameters[String(parameter[..<equals])] = String(parameter[parameter.index(after: equals)...])
        }
        for dependency in dependencies { context.dependencies.append(try Self.descriptor(dependency)) }
        var inTotoSubjects: [InTotoSubject] = []
        for path in subjects {
            let digest = try FileDigester(algorithm: .sha256).digest(path: path)
            inTotoSubjects.append(InTotoSubject(name: URL(fileURLWithPath: path).lastPathComponent, digest: digest))
        }
        let statement = try ProvenanceGenerator().statement(subjects: inTotoSubjects, context: context, finishedOn: Date())
        let envelope: DSSEEnvelope
        if unsafeUnsigned {
            envelope = DSSEEnvelope(payloadType: DSSE.inTotoPayloadType, payload: statement.jsonBytes(), signatures: [])
        } else {
            let reader = PassphraseReader()
            let privateKeys = try keys.map { try reader.signer(at: $0) }
            envelope = try DSSE.sign(payload: statement.jsonBytes(), payloadType: DSSE.inTotoPayloadType, signers: privateKeys)
        }
        try await output.emit { out in out.write(Data(envelope.jsonBytes()) + Data("\n".utf8)) }
        if let file = output.file { Console.err("wrote SLSA v1 provenance for \(subjects.count) subject(s) to \(file)") }
    }

    /// `URI` or `URI@ALG:HEX` (split at the last '@' when what follows is a digest).
    static func descriptor(_ text: String) throws -> SLSAResourceDescriptor {
        if let at = text.lastIndex(of: "@") {
            let tail = text[text.index(after: at)...]
            if let colon = tail.firstIndex(of: ":") {
                let algorithm = String(tail[..<colon])
                let hex = String(tail[tail.index(after: colon)...]).lowercased()
                if algorithm == "gitCommit" || DigestAlgorithm(name: algorithm) != nil, Hex.decode(hex) != nil {
                    return SLSAResourceDescriptor(uri: String(text[..<at]), digest: [algorithm: hex])
                }
            }
        }
        guard !text.isEmpty else { throw CLIError(.usage, "--dependency: empty value") }
        return SLSAResourceDescriptor(uri: text)
    }
}
