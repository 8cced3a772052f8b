import ArgumentParser

/// The formats one command can print its report in (`--format`). Each command names its own set,
/// so `--help` lists exactly the formats it supports.
public protocol ReportFormat: RawRepresentable<String>, ExpressibleByArgument, CaseIterable, Sendable, Equatable {
    /// The format used when `--format` is not given.
    static var defaultFormat: Self { get }
}

/// `text` or `json`: what most commands print.
public enum OutputFormat: String, ReportFormat {
    case text
    case json

    public static var defaultFormat: OutputFormat { .text }
}

/// `json` only: commands whose report is itself a JSON document (an envelope, a receipt).
public enum JSONFormat: String, ReportFormat {
    case json

    public static var defaultFormat: JSONFormat { .json }
}

/// `--format text|json` with `--output FILE`, the options of most commands.
public typealias OutputOptions = ReportOptions<OutputFormat>
