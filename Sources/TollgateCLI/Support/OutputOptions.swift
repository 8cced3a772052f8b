import ArgumentParser

/// How a command prints its result.
public enum OutputFormat: String, ExpressibleByArgument, Sendable, CaseIterable {
    case text
    case json
}

/// `--output text|json`, shared by every command.
public struct OutputOptions: ParsableArguments, Sendable {
    @Option(name: .long, help: "Output format: text or json.")
    public var output: OutputFormat = .text

    public init() {}

    public var isJSON: Bool { output == .json }
}
