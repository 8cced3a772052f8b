import ArgumentParser
import Foundation
import TollgateModel
import TollgateSigstore

/// `tollgate verify-bundle`: verify Sigstore bundles (and PEP 740 attestations) offline.
/// Follows the sigstore-conformance client protocol, so the conformance harness can drive it.
struct VerifyBundleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-bundle",
        abstract: "Verify a Sigstore bundle or PEP 740 attestation offline against a trusted root (docs/sigstore.md).",
        discussion: """
        FILE_OR_DIGEST is the artifact path or sha256:<hex>, sha384:<hex> or sha512:<hex> (npm subjects carry \
        only sha512). Without --trusted-root the shipped public-good \
        production root is used (--staging: the staging root); nothing touches the network.
        --batch LIST verifies many bundles on every core: one job per line, whitespace-separated \
        `BUNDLE ARTIFACT [IDENTITY ISSUER]` (identity and issuer default to the flags); '#' starts a comment.
        """
    )

    @Flag(help: "Use the shipped public-good staging trusted root.")
    var staging = false

    @Option(help: "The bundle (JSON) or PEP 740 attestation.")
    var bundle: String?

    @OptionGroup var identity: CertificateIdentityOptions

    @Option(help: "PEM public key for key-signed (managed key) bundles.")
    var key: String?

    @Option(name: .customLong("trusted-root"), help: "A trusted_root.json to use instead of the shipped one.")
    var trustedRoot: String?

    @Option(help: "Verify many bundles: a file with one `BUNDLE ARTIFACT [IDENTITY ISSUER]` per line.")
    var batch: String?

    @Option(help: "Data directory whose trust/ (tollgate trust init) supplies the refreshed trusted root (default: $TOLLGATE_DATA or ./tollgate-data).")
    var data: String?

    @OptionGroup var output: OutputOptions

    @Argument(help: "The artifact file, or sha256:<hex>, sha384:<hex> or sha512:<hex>.")
    var artifact: String?

    /// The arguments of a plain `tollgate verify-bundle …` as ArgumentParser would parse them, or
    /// `nil` for anything else: another command, `--help`, `--output`, `--opt=value`, a repeated
    /// or unknown option, a value starting with `-`, or arguments that fail ``validate()``. `nil`
    /// means "parse normally", so every error message still comes from ArgumentParser.
    /// `VerifyBundleFastParseTests` checks it against `parseAsRoot` argument vector by argument vector.
    static func fastParse(_ arguments: [String]) -> VerifyBundleCommand? {
        guard arguments.first == "verify-bundle" else { return nil }
        var values: [String: String] = [:]
        var staging = false
        var artifact: String?
        let valued: Set<String> = ["--bundle", "--certificate-identity", "--certificate-identity-regexp", "--certificate-oidc-issuer",
                                   "--certificate-oidc-issuer-regexp", "--key", "--trusted-root", "--batch", "--format", "--data"]
        var index = 1
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--staging" {
                guard !staging else { return nil }
                staging = true
            } else if valued.contains(argument) {
                guard index < arguments.count, values[argument] == nil else { return nil }
                let value = arguments[index]
                guard !value.hasPrefix("-") else { return nil }
                values[argument] = value
                index += 1
            } else if !argument.hasPrefix("-"), argument != "help", artifact == nil {
                artifact = argument
            } else {
                return nil
            }
        }
        var output = OutputOptions()
        if let format = values["--format"] {
            guard let parsed = OutputFormat(rawValue: format) else { return nil }
            output.requestedFormat = parsed
        } else {
            output.requestedFormat = nil
        }
        output.output = nil
        output.deprecatedOutputFile = nil
        var identity = CertificateIdentityOptions()
        identity.identity = values["--certificate-identity"]
        identity.identityRegexp = values["--certificate-identity-regexp"]
        identity.issuer = values["--certificate-oidc-issuer"]
        identity.issuerRegexp = values["--certificate-oidc-issuer-regexp"]
        var command = VerifyBundleCommand()
        command.staging = staging
        command.bundle = values["--bundle"]
        command.identity = identity
        command.key = values["--key"]
        command.trustedRoot = values["--trusted-root"]
        command.batch = values["--batch"]
        command.data = values["--data"]
        command.output = output
        command.artifact = artifact
        guard (try? command.validate()) != nil else { return nil }
        return command
    }

    func validate() throws {
        if batch == nil {
            guard bundle != nil else { throw ValidationError("--bundle is required (or --batch LIST)") }
            guard artifact != nil else { throw ValidationError("the artifact (FILE, or sha256:/sha384:/sha512:<hex>) is required") }
            if key == nil && !identity.hasIdentity {
                throw ValidationError("give --certificate-identity(-regexp) and --certificate-oidc-issuer(-regexp), or --key")
            }
        } else if bundle != nil || artifact != nil {
            throw ValidationError("--batch takes bundles and artifacts from the list; do not also give --bundle or an artifact")
        }
        if key != nil && identity.isGiven {
            throw ValidationError("--key and certificate identity flags are mutually exclusive")
        }
        if trustedRoot != nil && staging {
            throw ValidationError("--staging selects the shipped staging root; do not combine it with --trusted-root")
        }
    }

    func run() async throws {
        if let batch {
            // The trusted root loads on one core while the list is read and the first bundles are
            // parsed on the other (docs/benchmarks.md, issue #13).
            let loaded = OnceFlag()
            let command = self
            let root = Task {
                defer { loaded.raise() }
                return try await command.loadTrustedRoot()
            }
            try await runBatch(list: batch, root: root, loaded: loaded)
            return
        }
        let root = try await loadTrustedRoot()
        let verifier = SigstoreVerifier(trustedRoot: root)
        let policy = try commandLinePolicy(identity: nil, issuer: nil)
        let report = await Self.verifyOne(bundlePath: bundle ?? "", artifact: artifact ?? "", policy: policy, verifier: verifier)
        try await output.emit { out in
            if output.isJSON {
                try out.json(report)
            } else if report.verified {
                out.line(report.textLine)
                for warning in report.warnings ?? [] { Console.err("warning: \(warning)") }
            } else {
                Console.err(report.textLine)
            }
            if !report.verified {
                throw ExitCode(report.reasonCode.hasPrefix("sigstore.") && Self.isVerificationReason(report.reasonCode) ? 1 : 3)
            }
        }
    }

    static func isVerificationReason(_ code: String) -> Bool {
        VerificationFailure.Reason(rawValue: code) != nil
    }

    /// `--trusted-root`, else the root kept current by `tollgate trust update` (checked offline now:
    /// an expired copy is refused with the way out, never used), else the shipped one.
    private func loadTrustedRoot() async throws -> TrustedRoot {
        if let trustedRoot {
            return try TrustedRoot(json: try InputFile.readBytes(trustedRoot, limit: 8 << 20))
        }
        if !staging, let refreshed = try await TrustedRootSource.refreshed(data: data) {
            return try TrustedRoot(json: refreshed)
        }
        return staging ? try TrustedRoot.publicGoodStaging() : try TrustedRoot.publicGoodProduction()
    }

    private func commandLinePolicy(identity: String?, issuer: String?) throws -> IdentityPolicy {
        if let key {
            let pem = String(decoding: try InputFile.read(key, limit: 1 << 20), as: UTF8.self)
            return try IdentityPolicy.publicKey(pem: pem)
        }
        if let identity {
            return try self.identity.policy(identity: identity, issuer: issuer)
        }
        return try self.identity.policy()
    }

    /// Reads, parses and verifies one bundle; every problem becomes a report line, so one bad
    /// bundle in a batch does not stop the others.
    static func verifyOne(bundlePath: String, artifact: String, policy: IdentityPolicy, verifier: SigstoreVerifier) async -> VerifyBundleReport {
        await verify(prepare(bundlePath: bundlePath, artifact: artifact), policy: policy, verifier: verifier)
    }

    /// Reads and parses one bundle and its artifact: everything before the trusted root is needed.
    static func prepare(bundlePath: String, artifact: String) -> PreparedBundle {
        do {
            let bundleBytes = try InputFile.readBytes(bundlePath, limit: 32 << 20)
            let artifactValue: Artifact
            if Artifact.isDigestString(artifact) {
                artifactValue = try Artifact(digestString: artifact)
            } else {
                // The file name (a PEP 740 subject names the distribution), without building a URL.
                let filename = artifact.split(separator: "/").last.map(String.init) ?? artifact
                artifactValue = Artifact(bytes: try InputFile.readBytes(artifact, limit: 1 << 30), filename: filename)
            }
            return .ready(bundlePath: bundlePath, artifactArgument: artifact, bundle: try UnverifiedBundle(json: bundleBytes), artifact: artifactValue)
        } catch let error as any TollgateError {
            return .failed(VerifyBundleReport(bundle: bundlePath, artifact: artifact, errorCode: error.code, reason: error.reason))
        } catch {
            return .failed(VerifyBundleReport(bundle: bundlePath, artifact: artifact, errorCode: "internal", reason: ErrorText.describe(error)))
        }
    }

    static func verify(_ prepared: PreparedBundle, policy: IdentityPolicy, verifier: SigstoreVerifier) async -> VerifyBundleReport {
        switch prepared {
        case .failed(let report):
            return report
        case .ready(let bundlePath, let artifactArgument, let bundle, let artifact):
            let result = await verifier.verify(bundle, artifact: artifact, policy: policy)
            return VerifyBundleReport(bundle: bundlePath, artifact: artifactArgument, result: result)
        }
    }

    private struct Job: Sendable {
        let line: Int
        let bundle: String
        let artifact: String
        let policy: IdentityPolicy
    }

    private func runBatch(list: String, root: Task<TrustedRoot, any Error>, loaded: OnceFlag) async throws {
        let jobs: [Job]
        do {
            jobs = try batchJobs(list: list)
        } catch {
            // A root that cannot load is reported before a bad list, as when one followed the other.
            _ = try await root.value
            throw error
        }
        let queue = BatchJobQueue(count: jobs.count)
        // Until the root has loaded, this core reads and parses bundles for the workers (with one
        // core, the root cannot load meanwhile: nothing is read ahead).
        var prefetched: [(index: Int, bundle: PreparedBundle)] = []
        var heldBytes = 0
        let readAhead = ProcessInfo.processInfo.activeProcessorCount > 1
        while readAhead, prefetched.count < Self.prefetchLimit, heldBytes < Self.prefetchByteLimit, !loaded.isRaised, let index = queue.next() {
            let prepared = Self.prepare(bundlePath: jobs[index].bundle, artifact: jobs[index].artifact)
            heldBytes += prepared.artifactBytes
            prefetched.append((index, prepared))
        }
        // A batch often repeats certificates, log entries and checkpoints: its verifier remembers
        // the signature checks that succeeded, by their exact bytes (VerificationOptions).
        let verifier = SigstoreVerifier(trustedRoot: try await root.value, options: VerificationOptions(rememberVerifiedSignatures: true))
        try await verifyBatch(jobs: jobs, queue: queue, prefetched: prefetched, verifier: verifier)
    }

    /// At most this many bundles, holding at most this many artifact bytes, are parsed ahead of the
    /// trusted root (the root loads in milliseconds; an artifact may be up to 1 GiB).
    static let prefetchLimit = 256
    static let prefetchByteLimit = 64 << 20

    /// The jobs of a `--batch` list, one a line, with each line's identity policy.
    private func batchJobs(list: String) throws -> [Job] {
        let parsed = BatchList(bytes: try InputFile.readBytes(list, limit: 64 << 20))
        var jobs: [Job] = []
        jobs.reserveCapacity(parsed.lines.count)
        var flagsPolicy: IdentityPolicy?
        for line in parsed.lines {
            let fields = line.fields
            guard fields.count == 2 || fields.count == 4 else {
                throw CLIError(.usage, "\(list):\(line.number): expected `BUNDLE ARTIFACT [IDENTITY ISSUER]`, got \(fields.count) fields")
            }
            let policy: IdentityPolicy
            if fields.count == 4 {
                policy = try commandLinePolicy(identity: fields[2], issuer: fields[3])
            } else if let flagsPolicy {
                policy = flagsPolicy
            } else {
                // The flags' policy (a regular expression compiles once), built at the first line that uses it.
                policy = try commandLinePolicy(identity: nil, issuer: nil)
                flagsPolicy = policy
            }
            jobs.append(Job(line: line.number, bundle: fields[0], artifact: fields[1], policy: policy))
        }
        return jobs
    }

    /// Verifies the bundles parsed ahead first, then takes the rest from `queue`.
    private func verifyBatch(jobs: [Job], queue: BatchJobQueue, prefetched: [(index: Int, bundle: PreparedBundle)],
                             verifier: SigstoreVerifier) async throws {
        let progress = ProgressReporter("verifying bundles")
        // One long-lived task a core, each taking the next job until none is left: no task is
        // created, and no result handed back through the group, per bundle.
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, jobs.count))
        let ahead = BatchJobQueue(count: prefetched.count)
        let allJobs = jobs
        // A text report's lines are written by the workers, beside their verifications, not one
        // after another once the last bundle is done.
        let writesText = !output.isJSON
        var slots = [BatchSlot?](repeating: nil, count: jobs.count)
        await withTaskGroup(of: [(Int, BatchSlot)].self) { group in
            for _ in 0..<workers {
                group.addTask {
                    var done: [(Int, BatchSlot)] = []
                    while let next = ahead.next() {
                        let (index, prepared) = prefetched[next]
                        let report = await Self.verify(prepared, policy: allJobs[index].policy, verifier: verifier)
                        done.append((index, BatchSlot(report: report, textLine: writesText ? report.textLine : nil)))
                        progress.update(queue.finishedOne(), of: allJobs.count)
                    }
                    while let index = queue.next() {
                        let job = allJobs[index]
                        let report = await Self.verifyOne(bundlePath: job.bundle, artifact: job.artifact, policy: job.policy, verifier: verifier)
                        done.append((index, BatchSlot(report: report, textLine: writesText ? report.textLine : nil)))
                        progress.update(queue.finishedOne(), of: allJobs.count)
                    }
                    return done
                }
            }
            for await done in group {
                for (index, slot) in done { slots[index] = slot }
            }
        }
        progress.finish()
        let total = slots.count
        var verified = 0
        for case let slot? in slots where slot.report.verified { verified += 1 }
        try await output.emit { out in
            if output.isJSON {
                try out.json(VerifyBundleBatchReport(total: total, verified: verified, results: slots.compactMap { $0?.report }))
            } else {
                // One write for the whole report: a line at a time was a system call a bundle,
                // all of them after the last verification.
                var text: [UInt8] = []
                text.reserveCapacity(slots.reduce(0) { $0 + ($1?.textLine?.utf8.count ?? 0) + 1 } + 64)
                for case let slot? in slots {
                    text.append(contentsOf: (slot.textLine ?? slot.report.textLine).utf8)
                    text.append(UInt8(ascii: "\n"))
                }
                text.append(contentsOf: "\(verified)/\(total) bundles verified\n".utf8)
                out.write(Data(text))
            }
            if verified != total { throw ExitCode(1) }
        }
    }

    /// A bundle and its artifact read and parsed, or the report of why they could not be.
    enum PreparedBundle: Sendable {
        case ready(bundlePath: String, artifactArgument: String, bundle: UnverifiedBundle, artifact: Artifact)
        case failed(VerifyBundleReport)

        /// The artifact bytes it holds until verified.
        var artifactBytes: Int {
            if case .ready(_, _, _, let artifact) = self { return artifact.bytes?.count ?? 0 }
            return 0
        }
    }

    /// One finished job of a batch: its report and, for a text report, its line.
    private struct BatchSlot: Sendable {
        let report: VerifyBundleReport
        let textLine: String?
    }
}
