import ArgumentParser
import Foundation
import TollgateInstall
import TollgateModel
import TollgateSBOM
import TollgateVerify

/// `tollgate pip verify requirements.txt|pylock.toml|uv.lock [--index-url URL] [--python PY] [--policy P]`
struct PipVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify the distributions a requirements file, pylock.toml or uv.lock pins, without installing.",
        discussion: """
        Each pinned release is found on the indexes (the internal index first); every file with a pinned hash \
        (or every file of the version when none is pinned) is fetched and checked as tollgate pip install checks it. \
        For pylock.toml and uv.lock, the wheels the lockfile pins are checked (with --python, only those that \
        interpreter can install) and the sdist only when no wheel fits. \
        Exit 0 when every file is allowed, 1 when any is denied.
        """
    )

    @Argument(help: "requirements.txt, pylock.toml (pylock.NAME.toml), uv.lock, poetry.lock or Pipfile.lock.")
    var lockfile: String

    @Option(name: [.customShort("i"), .customLong("index-url")], help: "The index (PEP 503/691 simple URL; default: $PIP_INDEX_URL or PyPI).")
    var indexURL: String?

    @Option(name: .customLong("extra-index-url"), help: "More indexes, asked after --index-url.")
    var extraIndexURLs: [String] = []

    @Option(help: "The Python the lockfile is for: only the wheels it can install are checked (default: every pinned wheel), and allowed sdists are built in a sandbox with it (without it they are judged as files).")
    var python: String?

    @OptionGroup var attestations: PipAttestationOptions
    @OptionGroup var sdists: PipSdistOptions
    @OptionGroup var gate: InstallGateOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await output.emit { out in
            let data = try InputFile.read(lockfile, limit: 64 << 20)
            let kind = LockfileKind.detect(filename: URL(fileURLWithPath: lockfile).lastPathComponent) ?? .requirementsTxt
            guard kind.ecosystem == "PyPI" else {
                throw InstallError(.invalidInput, "\(lockfile) is a \(kind.rawValue), not a Python lockfile (requirements.txt, pylock.toml, uv.lock, poetry.lock, Pipfile.lock)")
            }
            let parsed: LockfileParseResult
            do { parsed = try kind.parser.parse(data, path: lockfile) } catch {
                throw InstallError(.invalidInput, "\(lockfile): \(ErrorText.describe(error))")
            }
            let packages = parsed.packages
            let tags = try python.map { try PythonTags.supported(by: $0) }
            var problems: [String] = []
            let candidates = packages.filter { !$0.version.isEmpty }.map { package in
                guard !package.distributions.isEmpty else {
                    return PipVerifier.Candidate(name: package.name, version: package.version,
                                                 pinned: package.hashes.filter { $0.algorithm == "SHA-256" }.map(\.value))
                }
                let selection = LockedFileSelection.pick(package.distributions, supportedTags: tags)
                let pinned = selection.files.compactMap(\.sha256)
                if pinned.isEmpty {
                    problems.append("\(package.name) \(package.version): \(selection.reason); nothing with a hash to verify")
                }
                return PipVerifier.Candidate(name: package.name, version: package.version, pinned: pinned)
            }
            var indexes = PipIndexes.from(arguments: [])
            if let indexURL { indexes[0] = indexURL }
            indexes += extraIndexURLs
            let outcome = try await PipInstallCommand.verify(candidates, source: lockfile, indexes: indexes, gate: gate,
                                                             attestations: attestations,
                                                             sdistBuilder: python.map { sdists.builder(python: $0) })
            NpmVerifyCommand.print(outcome.decision, output: output, to: out)
            for package in packages where package.version.isEmpty { problems.append("\(package.name) is not pinned to a version") }
            // A requirement that pins nothing cannot be verified: it fails, never skips.
            for warning in parsed.warnings where warning.code.contains("unpinned") || warning.code.contains("no-files") { problems.append(warning.message) }
            if !problems.isEmpty { problems.forEach { Console.err("tollgate: \($0)") } }
            if outcome.decision.decision == .deny || !problems.isEmpty { throw ExitCode(ExitStatus.failed.rawValue) }
        }
    }
}
