import ArgumentParser
import Foundation
import TollgateInstall
import TollgateModel
import TollgateSBOM
import TollgateVerify

/// `tollgate pip install [--policy P] -- PIP-ARGS…`: resolve into a quarantine directory, verify every
/// file, install only the verified files with `--no-index --find-links QUARANTINE --require-hashes`,
/// record the decision. A refusal installs nothing.
struct PipInstallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Resolve with pip, verify every distribution file, then install only the verified files.",
        discussion: """
        1. pip install --dry-run --report resolves (built distributions only: resolving a source distribution \
        would run its build; when that fails and the policy allows sdists, it is resolved again with sdists in a \
        bubblewrap sandbox with a read-only file system); 2. every file is fetched into a quarantine directory and verified, and each \
        allowed sdist is built into a wheel in a sandbox without network and verified like a wheel; 3. pip install \
        --no-index --find-links QUARANTINE --require-hashes installs exactly those files; 4. with --record the \
        decision goes to the ledger. Uses $VIRTUAL_ENV's python, else python3. Exit 0 when installed, 1 when \
        denied (nothing installed), 4 when pip fails.
        """
    )

    @OptionGroup var attestations: PipAttestationOptions
    @OptionGroup var sdists: PipSdistOptions
    @OptionGroup var gate: InstallGateOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "The Python whose pip installs (default: $VIRTUAL_ENV/bin/python, else python3).")
    var python: String?

    /// Everything Tollgate does not recognise goes to pip; after `--` everything does.
    @Argument(parsing: .allUnrecognized, help: "pip install's arguments (requirements, -r FILE, --index-url URL, …); after -- all of them go to pip.")
    var pipArguments: [String] = []

    mutating func validate() throws {
        // The terminator separates Tollgate's options from pip's; pip does not get it.
        if let terminator = pipArguments.firstIndex(of: "--") { pipArguments.remove(at: terminator) }
        guard !pipArguments.isEmpty else { throw ValidationError("give pip's arguments after --, e.g. tollgate pip install -- -r requirements.txt") }
    }

    /// `$VIRTUAL_ENV/bin/python`, else `python3` on PATH.
    var interpreter: String { Self.interpreter(python) }

    /// `python` when given, else `$VIRTUAL_ENV/bin/python`, else `python3` on PATH.
    static func interpreter(_ python: String?) -> String {
        if let python { return python }
        if let environment = ProcessInfo.processInfo.environment["VIRTUAL_ENV"], !environment.isEmpty {
            return URL(fileURLWithPath: environment).appendingPathComponent("bin/python").path
        }
        return "python3"
    }

    func run() async throws {
        try await output.emit { out in
            let quarantine = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-quarantine-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: quarantine, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: quarantine) }
            let pip = PackageManagerRun(executable: interpreter)
            let report = quarantine.appendingPathComponent("report.json")
            let builder = sdists.builder(python: interpreter)
            let resolution = ["-m", "pip", "install", "--no-input", "--dry-run", "--ignore-installed", "--quiet"]
            // Wheels only first: no code of any package runs, and an sdist is used only where no wheel fits.
            var resolved = try pip.run(resolution + ["--only-binary=:all:", "--report", report.path] + pipArguments)
            if resolved.status != 0, !resolved.output.contains("DO NOT MATCH THE HASHES"),
               try gate.loadPolicy().install?.allowSdist == true, case .bubblewrap? = builder.isolation {
                // Resolving an sdist prepares its metadata, which runs its code: in the sandbox (read-only
                // file system, only the quarantine writable; the network stays, resolution needs the indexes).
                Console.err("tollgate: no wheel-only resolution; resolving with source distributions in the sandbox (install.allowSdist)")
                let command = builder.confined([interpreter] + resolution + ["--prefer-binary", "--no-cache-dir", "--report", report.path] + pipArguments,
                                               writable: [quarantine], network: true,
                                               environment: SdistSandbox.resolutionEnvironment(scratch: quarantine))
                resolved = try PackageManagerRun(executable: command[0]).run(Array(command.dropFirst()))
            }
            if resolved.status != 0, resolved.output.contains("DO NOT MATCH THE HASHES") {
                // pip's own hash check refused a file while resolving: a verification failure, reported as one.
                let policy = try gate.loadPolicy()
                let refusal = InstallDecision(ecosystem: .pypi, source: "pip install \(pipArguments.joined(separator: " "))", policy: policy.name,
                                              policyDigest: policy.digest, evaluatedAt: Date(), packages: [],
                                              problems: ["pip refused a file whose hash does not match the index's or the requirements' (tampered or replaced): \(Self.tail(resolved.output))"])
                NpmVerifyCommand.print(refusal, output: output, to: out)
                Console.err("tollgate: nothing installed")
                throw ExitCode(ExitStatus.failed.rawValue)
            }
            guard resolved.status == 0, let reportBytes = FileManager.default.contents(atPath: report.path) else {
                throw InstallError(.resolutionFailed, "pip could not resolve \(pipArguments.joined(separator: " ")) (exit \(resolved.status)): \(Self.tail(resolved.output))")
            }
            let items = try PipReport(json: [UInt8](reportBytes)).items
            let pinned = try Self.pinnedHashes(PipIndexes.requirementFiles(pipArguments))
            let candidates = items.map { item in
                PipVerifier.Candidate(name: item.name, version: item.version, url: item.url,
                                      pinned: pinned[PythonProjectPage.normalise(item.name)] ?? [], indexSHA256: item.indexHashes["sha256"])
            }
            let outcome = try await Self.verify(candidates, source: "pip install \(pipArguments.joined(separator: " "))",
                                                indexes: PipIndexes.from(arguments: pipArguments), gate: gate,
                                                attestations: attestations, quarantine: quarantine, sdistBuilder: builder)
            NpmVerifyCommand.print(outcome.decision, output: output, to: out)
            guard outcome.decision.decision != .deny else {
                Console.err("tollgate: nothing installed: \(outcome.decision.denied.count) of \(outcome.decision.packages.count) files denied")
                throw ExitCode(ExitStatus.failed.rawValue)
            }
            guard !outcome.files.isEmpty else { return }
            // Only the verified files, each pinned by the hash just checked.
            let requirements = quarantine.appendingPathComponent("verified-requirements.txt")
            let lines = outcome.files.map { "\($0.name)==\($0.version) --hash=sha256:\($0.sha256)" }
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: requirements)
            let installed = try pip.run(["-m", "pip", "install", "--no-input", "--no-index", "--find-links", quarantine.path, "--require-hashes",
                                         "--only-binary=:all:", "-r", requirements.path])
            guard installed.status == 0 else {
                throw InstallError(.installFailed, "pip install of the verified files exited \(installed.status): \(Self.tail(installed.output))")
            }
        }
    }

    static func tail(_ text: String) -> String {
        text.split(separator: "\n").suffix(4).joined(separator: " | ")
    }

    /// `--hash=sha256:…` pins from the requirement files pip was given, by normalised name.
    static func pinnedHashes(_ files: [String]) throws -> [String: [String]] {
        var pinned: [String: [String]] = [:]
        for file in files {
            let data = try InputFile.read(file, limit: 16 << 20)
            let packages: [LockfilePackage]
            do { packages = try RequirementsParser().parse(data, path: file).packages } catch {
                throw InstallError(.invalidInput, "\(file): \(error.reason)")
            }
            for package in packages {
                pinned[PythonProjectPage.normalise(package.name), default: []]
                    += package.hashes.filter { $0.algorithm == "SHA-256" }.map(\.value)
            }
        }
        return pinned
    }

    /// Verifies the candidates with the gate options (and records when asked).
    static func verify(_ candidates: [PipVerifier.Candidate], source: String, indexes: [String], gate: InstallGateOptions,
                       attestations: PipAttestationOptions, quarantine: URL? = nil, sdistBuilder: SdistSandbox? = nil) async throws -> PipVerifier.Outcome {
        let policy = try gate.loadPolicy()
        let advisories = try await gate.openAdvisories()
        let root = try await gate.loadTrustedRoot()
        let now = Date()
        let scratch = quarantine ?? FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-quarantine-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { if quarantine == nil { try? FileManager.default.removeItem(at: scratch) } }
        let outcome = try await HTTPResourceFetcher.with { fetcher in
            await PipVerifier(indexes: indexes, fetcher: fetcher, policy: policy, advisories: InstallAdvisories(store: advisories),
                              attestations: PackageAttestationVerifier(trustedRoot: root),
                              attestationDirectory: attestations.attestationDirectory.map { URL(fileURLWithPath: $0) },
                              quarantine: scratch, sdistBuilder: sdistBuilder, now: { now }).verify(candidates, source: source)
        }
        _ = try await gate.recordIfAsked(outcome.decision, evidence: outcome.evidence, policy: policy, now: now)
        return outcome
    }
}
