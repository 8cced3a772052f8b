import ArgumentParser
import Foundation
import TollgateInstall

/// The indexes pip resolves from, as pip reads them: `--index-url`/`-i` and `--extra-index-url` in
/// pip's arguments, else `PIP_INDEX_URL` and `PIP_EXTRA_INDEX_URL`, else PyPI.
enum PipIndexes {
    static let pypi = "https://pypi.org/simple/"

    static func from(arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        var primary: String?
        var extra: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            func value() -> String? {
                if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") { return String(argument[argument.index(after: equals)...]) }
                index += 1
                return index < arguments.count ? arguments[index] : nil
            }
            if argument == "-i" || argument == "--index-url" || argument.hasPrefix("--index-url=") {
                primary = value()
            } else if argument == "--extra-index-url" || argument.hasPrefix("--extra-index-url=") {
                if let url = value() { extra.append(url) }
            }
            index += 1
        }
        if primary == nil { primary = environment["PIP_INDEX_URL"] }
        if extra.isEmpty, let urls = environment["PIP_EXTRA_INDEX_URL"] { extra = urls.split(separator: " ").map(String.init) }
        return [primary ?? pypi] + extra
    }

    /// Requirement files named in pip's arguments (`-r FILE`, `--requirement FILE`).
    static func requirementFiles(_ arguments: [String]) -> [String] {
        var files: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "-r" || argument == "--requirement", index + 1 < arguments.count {
                files.append(arguments[index + 1])
                index += 1
            } else if argument.hasPrefix("--requirement=") {
                files.append(String(argument.dropFirst("--requirement=".count)))
            }
            index += 1
        }
        return files
    }
}

/// Where attestations may also come from.
struct PipAttestationOptions: ParsableArguments {
    @Option(name: .customLong("attestations"),
            help: "A directory of PEP 740 attestations: FILENAME.publish.attestation or FILENAME.provenance (besides the index's provenance).")
    var attestationDirectory: String?
}
