import ArgumentParser
import Foundation
import TollgateInstall
import TollgateModel
import TollgateVerify

/// `tollgate npm ci [--policy P]`: `tollgate npm verify`, then `npm ci --ignore-scripts`, then the
/// install scripts of only the packages the policy allows (`install.installScripts`), after verification.
struct NpmCICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ci",
        abstract: "Verify package-lock.json, then npm ci --ignore-scripts, then only the install scripts the policy allows.",
        discussion: """
        Nothing is installed when any package is denied. Install scripts run (npm rebuild NAME) only for \
        packages matching install.installScripts; the others are listed as not run. Exit 0 when installed, \
        1 when denied, 4 when npm fails.
        """
    )

    @OptionGroup var registry: NpmRegistryOptions
    @OptionGroup var gate: InstallGateOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "The npm to run.")
    var npm: String = "npm"

    @Option(help: "The project directory holding package.json and package-lock.json (default: the current directory).")
    var project: String?

    func run() async throws {
        try await output.emit { out in
            let directory = URL(fileURLWithPath: project ?? FileManager.default.currentDirectoryPath)
            let outcome = try await NpmVerifyCommand.verify(lockfile: directory.appendingPathComponent("package-lock.json").path,
                                                            registry: registry, gate: gate)
            NpmVerifyCommand.print(outcome.decision, output: output, to: out)
            guard outcome.decision.decision != .deny else {
                Console.err("tollgate: nothing installed: \(outcome.decision.denied.count) of \(outcome.decision.packages.count) packages denied")
                throw ExitCode(ExitStatus.failed.rawValue)
            }
            let runner = PackageManagerRun(executable: npm)
            var arguments = ["ci", "--ignore-scripts", "--no-audit", "--no-fund"]
            if let url = registry.registry { arguments += ["--registry", url] }
            let installed = try runner.run(arguments, in: directory)
            guard installed.status == 0 else {
                throw InstallError(.installFailed, "npm ci --ignore-scripts exited \(installed.status)")
            }
            let rules = try gate.loadPolicy().install
            var notRun: [String] = []
            for entry in outcome.entries where entry.runsInstallScripts {
                let names = entry.facts.policyNames
                guard rules?.mayRunInstallScripts(names) == true else {
                    notRun.append("\(entry.facts.name)@\(entry.facts.version)")
                    continue
                }
                let rebuilt = try runner.run(["rebuild", entry.facts.name, "--foreground-scripts"], in: directory)
                guard rebuilt.status == 0 else {
                    throw InstallError(.installFailed, "the install scripts of \(entry.facts.name)@\(entry.facts.version) failed (npm rebuild exited \(rebuilt.status))")
                }
                Console.err("tollgate: ran the install scripts of \(entry.facts.name)@\(entry.facts.version) (allowed by install.installScripts)")
            }
            if !notRun.isEmpty {
                Console.err("tollgate: install scripts not run (not allowed by install.installScripts): \(notRun.joined(separator: ", "))")
            }
        }
    }
}
