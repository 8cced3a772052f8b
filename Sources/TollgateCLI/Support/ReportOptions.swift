import ArgumentParser

/// `--format FORMAT` and `--output FILE` (`-o FILE`), shared by every command, as cosign and
/// osv-scanner spell them: the format of the report, and where it goes (standard output by default).
///
/// For one release `--output json|text|table|sarif` is still read as the deprecated spelling of
/// `--format` (with one warning on standard error): a value that is one of those format names is
/// always a format, never a file name; write `--output ./json` for a file named `json`. The hidden
/// `--output-file FILE` is the deprecated spelling of `--output FILE`.
public struct ReportOptions<Format: ReportFormat>: ParsableArguments, Sendable {
    @Option(name: .customLong("format"),
            help: ArgumentHelp("Report format (default: \(Format.defaultFormat.rawValue)).", valueName: "format"))
    var requestedFormat: Format?

    @Option(name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp("Write the report to this file (whole or not at all) instead of standard output.",
                               valueName: "file"))
    var output: String?

    @Option(name: .customLong("output-file"), help: .private)
    var deprecatedOutputFile: String?

    public init() {}

    /// The format asked for, or the command's default.
    public var format: Format { requestedFormat ?? .defaultFormat }

    /// True under `--format json`.
    public var isJSON: Bool { format.rawValue == "json" }

    /// The report file, or nil for standard output.
    public var file: String? { output }

    public mutating func validate() throws {
        if let value = output, ReportFlags.legacyFormatNames.contains(value) {
            guard let legacy = Format(rawValue: value) else {
                throw ValidationError("'--output \(value)' is the deprecated spelling of '--format \(value)', and this command has no "
                                      + "'\(value)' format (it has: \(Self.formatList)); to write a file named '\(value)', give '--output ./\(value)'.")
            }
            if let requestedFormat, requestedFormat != legacy {
                throw ValidationError("'--output \(value)' (the deprecated spelling of '--format \(value)') conflicts with '--format \(requestedFormat.rawValue)'.")
            }
            Console.deprecated("--output \(value)", use: "--format \(value)")
            requestedFormat = legacy
            output = nil
        }
        if let file = deprecatedOutputFile {
            guard output == nil else {
                throw ValidationError("'--output-file' is the deprecated spelling of '--output'; give only '--output FILE'.")
            }
            Console.deprecated("--output-file", use: "--output")
            output = file
            deprecatedOutputFile = nil
        }
        if output == "-" { output = nil }
        if output?.isEmpty == true { throw ValidationError("--output needs a file name ('-' for standard output).") }
    }

    /// Runs `body`, which prints the report to the sink it is given, then delivers the report: to
    /// standard output as it is printed, or to `--output FILE` atomically once `body` returns. The
    /// file is written also when `body` ends with a verdict's exit status (`ExitCode`), never when it
    /// throws an error: no partial or stale report is left behind.
    public func emit(_ body: (ReportOutput) async throws -> Void) async throws {
        let sink = ReportOutput(path: output)
        do {
            try await body(sink)
        } catch let exit as ExitCode {
            try sink.commit()
            throw exit
        }
        try sink.commit()
    }

    static var formatList: String { Format.allCases.map(\.rawValue).joined(separator: ", ") }
}
