import ArgumentParser
import TollgateModel
import TollgateRebuild

/// `tollgate rebuild compare RELEASE REBUILT [--deep]`: exit 0 when the digests are equal, 1 when
/// they differ (every differing entry listed and classified), 3 for unreadable or hostile input.
struct RebuildCompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare a release with a rebuild; explain differences inside tar, tar.gz, zip/wheel/jar and OCI layouts.",
        discussion: "Exit status: 0 equal, 1 different, 2 usage, 3 unreadable, malformed or hostile input (docs/reproducible.md)."
    )

    @Argument(help: "The released artifact (file, archive or OCI image layout directory).")
    var release: String

    @Argument(help: "The rebuilt artifact.")
    var rebuilt: String

    @Flag(help: "Hand each differing entry to diffoscope when it is installed.")
    var deep = false

    @OptionGroup var limitOptions: RebuildLimitOptions

    @OptionGroup var output: OutputOptions

    struct Report: Encodable {
        let schemaVersion = "tollgate.dev/rebuild-comparison/v1"
        let comparison: RebuildComparison
        let deep: [DeepEntry]?
    }

    struct DeepEntry: Encodable {
        let path: String
        let diffoscope: String
    }

    func run() async throws {
        try await output.emit { out in
            let comparator = RebuildComparator(limits: limitOptions.limits)
            let comparison = try comparator.compare(release: release, rebuilt: rebuilt)
            var deepEntries: [DeepEntry]?
            if deep, !comparison.match {
                if let runner = DiffoscopeRunner() {
                    let keys = Set(comparison.differences.filter { !$0.path.hasPrefix("(") || $0.path == "(file)" }.map(\.path).prefix(20))
                    deepEntries = try comparator.pairs(release: release, rebuilt: rebuilt, keys: keys).map {
                        DeepEntry(path: $0.key, diffoscope: runner.explain(name: $0.key, release: $0.release, rebuilt: $0.rebuilt))
                    }
                } else {
                    Console.err("warning: --deep: diffoscope is not installed; the comparison stands without it")
                }
            }
            if output.isJSON {
                try out.json(Report(comparison: comparison, deep: deepEntries))
            } else {
                Self.printText(comparison, deep: deepEntries, to: out)
            }
            if !comparison.match { throw ExitCode(ExitStatus.failed.rawValue) }
        }
    }

    static func printText(_ comparison: RebuildComparison, deep: [DeepEntry]?, to out: ReportOutput) {
        out.line("release: \(comparison.release.path)  \(comparison.release.digest)")
        out.line("rebuilt: \(comparison.rebuilt.path)  \(comparison.rebuilt.digest)")
        out.line(comparison.summary)
        guard !comparison.match else { return }
        if let format = comparison.release.format {
            out.line("format: \(format.rawValue), \(comparison.release.entries ?? 0) entries in the release, \(comparison.rebuilt.entries ?? 0) in the rebuild")
        }
        out.line("")
        for difference in comparison.differences.prefix(500) {
            out.line("\(difference.path)  [\(difference.classes.map(\.rawValue).joined(separator: ", "))]")
            for detail in difference.details { out.line("    \(detail)") }
        }
        if comparison.differences.count > 500 { out.line("… \(comparison.differences.count - 500) more differences (--format json lists all)") }
        out.line("")
        out.line("fixes:")
        for entry in comparison.classes { out.line("  \(entry.class.rawValue) (\(entry.count)): \(entry.fix)") }
        for entry in deep ?? [] {
            out.line("")
            out.line("diffoscope \(entry.path):")
            out.line(entry.diffoscope)
        }
    }
}
