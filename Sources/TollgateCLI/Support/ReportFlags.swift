/// What the command line says about the report before it is parsed: used to print errors as JSON
/// under `--format json`, even when the command line itself is what failed.
public enum ReportFlags {
    /// Format names that, given to `--output`, are taken as the deprecated spelling of `--format`
    /// (the meaning `--output` had before 0.2). A file with one of these names is written with `./NAME`.
    public static let legacyFormatNames: Set<String> = ["text", "json", "table", "sarif"]

    /// True when the arguments ask for JSON: `--format json`, `--format=json`, or the deprecated
    /// `--output json` / `--output=json` / `-o json`.
    public static func requestJSON(_ arguments: [String]) -> Bool {
        if arguments.contains("--format=json") || arguments.contains("--output=json") { return true }
        return zip(arguments, arguments.dropFirst()).contains { flag, value in
            value == "json" && (flag == "--format" || flag == "--output" || flag == "-o")
        }
    }
}
