import Foundation
import Testing

/// A Git checkout as the paved road leaves it: `tollgate init github` (or `gitlab`), the recommended repository settings
/// (TollgateAuditTests' `settings/good` exports) in `.tollgate/settings/`, whatever `prepare` adds, and one commit.
enum ReleaseCheckout {
    /// Makes `directory` such a checkout and returns its commit id.
    static func make(in directory: URL, platform: String = "github", prepare: (URL) throws -> Void = { _ in }) throws -> String {
        let initialised = try TollgateProcess.run(["init", platform], in: directory)
        try #require(initialised.status == 0, "\(initialised.stderr)")
        let settings = TollgateProcess.root.appendingPathComponent("Tests/TollgateAuditTests/Fixtures/settings/good")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent(".tollgate/settings"), withIntermediateDirectories: true)
        for name in ["repository", "ruleset-main", "ruleset-tags", "organization", "workflow-permissions"] {
            try FileManager.default.copyItem(at: settings.appendingPathComponent("\(name).json"),
                                             to: directory.appendingPathComponent(".tollgate/settings/\(name).json"))
        }
        try prepare(directory)
        let git = ["HOME": directory.path, "GIT_CONFIG_NOSYSTEM": "1"]
        for command in [["init", "-q"], ["config", "user.name", "Release"], ["config", "user.email", "release@acme.example"],
                        ["add", "."], ["commit", "-q", "-m", "paved road"]] {
            let result = try ExternalTool.run(["git"] + command, in: directory, environment: git)
            try #require(result.status == 0, "\(result.output)")
        }
        return try ExternalTool.run(["git", "rev-parse", "HEAD"], in: directory, environment: git).output
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
