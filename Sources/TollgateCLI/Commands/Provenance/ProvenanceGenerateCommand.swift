import ArgumentParser
import Foundation
import TollgateModel
import TollgateSBOM
import TollgateSigstore
import TollgateVerify

/// `tollgate provenance generate --subject FILE... (--key K | --keyless | --unsafe-unsigned)`
struct ProvenanceGenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write SLSA v1 provenance for files, from GitHub Actions / GitLab CI variables or flags, as a DSSE envelope.",
        discussion: "Flags override what the CI environment says. Sign with --key; or with --keyless through Sigstore, which writes a v0.3 DSSE bundle whose Fulcio certificate carries the CI job's identity (docs/sigstore.md); or write an unsigned envelope with --unsafe-unsigned (Tollgate's gate rejects unsigned provenance)."
    )

    @Option(name: .customLong("subject"), help: "A file the provenance is about; repeatable.")
    var subjects: [String]

    @Option(name: .customLong("key"), help: "Private key to sign the envelope; repeatable.")
    var keys: [String] = []

    @Flag(name: .customLong("unsafe-unsigned"), help: "Write the envelope without a signature.")
    var unsafeUnsigned = false

    @OptionGroup var keyless: StandardKeylessOptions

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

    @Flag(name: .customLong("record-inputs"),
          help: "Record what a rebuild needs: toolchain versions (detected), lockfile digests under --source, allow-listed environment variables, SOURCE_DATE_EPOCH.")
    var recordInputs = false

    @Option(help: "The source tree whose lockfiles --record-inputs digests (default: the current directory).")
    var source: String?

    @Option(name: .customLong("toolchain"), help: "A toolchain version NAME=VERSION to record (overrides detection); repeatable.")
    var toolchains: [String] = []

    @Option(name: .customLong("base-image"), help: "A base image digest (REF@sha256:… or sha256:…) to record; repeatable.")
    var baseImages: [String] = []

    /// The envelope is the report: `--output FILE` writes it whole or not at all.
    @OptionGroup var output: ReportOptions<JSONFormat>

    func validate() throws {
        if [unsafeUnsigned, !keys.isEmpty, keyless.keyless].filter({ $0 }).count != 1 {
            throw ValidationError("give --key or --keyless to sign, or --unsafe-unsigned (one of them)")
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
        context.recordedInputs = try recordedInputs()
        var inTotoSubjects: [InTotoSubject] = []
        for path in subjects {
            let digest = try FileDigester(algorithm: .sha256).digest(path: path)
            inTotoSubjects.append(InTotoSubject(name: URL(fileURLWithPath: path).lastPathComponent, digest: digest))
        }
        let statement = try ProvenanceGenerator().statement(subjects: inTotoSubjects, context: context, finishedOn: Date())
        if keyless.keyless {
            let first = try FileDigester(algorithm: .sha256).digest(path: subjects[0])
            let bundle = try await keyless.withSigner { signer, token in
                try await signer.signDSSE(statement.jsonBytes(), artifact: Artifact(digest: first, filename: inTotoSubjects[0].name), token: token)
            }
            try await output.emit { out in try StandardKeylessOptions.write(bundle, to: out, pretty: false) }
            if let file = output.file { Console.err("wrote SLSA v1 provenance for \(subjects.count) subject(s), signed keylessly, to \(file)") }
            return
        }
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

    /// The recorded inputs the flags ask for, or nil when none do.
    func recordedInputs() throws -> RecordedInputs? {
        guard recordInputs || !toolchains.isEmpty || !baseImages.isEmpty || source != nil else { return nil }
        let environment = ProcessInfo.processInfo.environment
        var recorded = RecordedInputs(sourceDateEpoch: environment["SOURCE_DATE_EPOCH"])
        if recordInputs || source != nil {
            let root = source ?? "."
            let found: [LockfileFinder.Found]
            do { found = try LockfileFinder().find(path: root) } catch {
                throw CLIError(.unreadable, "--source '\(root)': \(error.reason)")
            }
            for lockfile in found {
                recorded.lockfiles[lockfile.relativePath] = try FileDigester(algorithm: .sha256).digest(path: lockfile.absolutePath)
            }
            if recordInputs {
                recorded.toolchains = ToolchainDetector.detect(ToolchainDetector.tools(for: Set(found.map(\.kind))))
                recorded.environment = RecordedInputs.environment(from: environment)
            }
        }
        for toolchain in toolchains {
            guard let equals = toolchain.firstIndex(of: "="), equals != toolchain.startIndex,
                  toolchain.index(after: equals) != toolchain.endIndex else {
                throw CLIError(.usage, "--toolchain '\(toolchain)': expected NAME=VERSION")
            }
            recorded.toolchains[String(toolchain[..<equals])] = String(toolchain[toolchain.index(after: equals)...])
        }
        for image in baseImages {
            let digestText = image.split(separator: "@").last.map(String.init) ?? image
            guard (try? Digest(parsing: digestText)) != nil else {
                throw CLIError(.usage, "--base-image '\(image)': expected REF@sha256:HEX or sha256:HEX")
            }
            recorded.baseImages.append(image)
        }
        return recorded
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
