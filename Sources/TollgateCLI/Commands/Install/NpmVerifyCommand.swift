import ArgumentParser
import Foundation
import TollgateInstall
import TollgateModel
import TollgatePolicy
import TollgateVerify

/// `tollgate npm verify [package-lock.json] --registry URL|--registry-dir DIR [--keys K] [--policy P]`
struct NpmVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify every entry of a package-lock.json against the registry, without installing.",
        discussion: """
        Per entry: the tarball's sha512 against the lockfile and the registry's integrity; the registry signature \
        with a key valid at the version's publish time; provenance attestations against the policy's trusted \
        publishers; MAL- records and vulnerabilities. An unreachable registry, a missing key or an unresolvable \
        entry fails, never skips. Exit 0 when every package is allowed, 1 when any is denied.
        """
    )

    @Argument(help: "The lockfile.")
    var lockfile: String = "package-lock.json"

    @OptionGroup var registry: NpmRegistryOptions
    @OptionGroup var gate: InstallGateOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await output.emit { out in
            let decision = try await Self.verify(lockfile: lockfile, registry: registry, gate: gate).decision
            Self.print(decision, output: output, to: out)
            if decision.decision == .deny { throw ExitCode(ExitStatus.failed.rawValue) }
        }
    }

    static func print(_ decision: InstallDecision, output: OutputOptions, to out: ReportOutput) {
        if output.isJSON {
            out.write((try? JSONOutput.encode(decision)) ?? Data())
            out.write(Data("\n".utf8))
        } else {
            InstallDecisionPrinter.lines(decision).forEach(out.line)
        }
    }

    /// Verifies the lockfile and records the decision when `--record` is given.
    static func verify(lockfile: String, registry: NpmRegistryOptions,
                       gate: InstallGateOptions) async throws -> NpmLockVerifier.Outcome {
        let bytes = try InputFile.read(lockfile, limit: 256 << 20)
        let policy = try gate.loadPolicy()
        let keys = try await registry.loadKeys(data: gate.state.data.data)
        let advisories = try await gate.openAdvisories()
        let root = try await gate.loadTrustedRoot()
        let now = Date()
        let outcome = try await registry.withFetcher { fetcher in
            let verifier = NpmLockVerifier(registry: registry.registryURL, fetcher: fetcher, keys: keys, policy: policy,
                                           advisories: InstallAdvisories(store: advisories),
                                           attestations: PackageAttestationVerifier(trustedRoot: root), now: { now })
            return try await verifier.verify(lockfile: bytes, path: lockfile)
        }
        _ = try await gate.recordIfAsked(outcome.decision, evidence: outcome.evidence, policy: policy, now: now)
        return outcome
    }
}
