import Foundation

/// `tollgate init github|gitlab`: the paved road, files a team starts from instead of a wall of rules.
/// Every file passes `tollgate audit` with no finding at all (tested); writing is idempotent, and a file
/// that exists with other content is never replaced without `force`.
public struct PavedRoad: Sendable {
    public enum Platform: String, Sendable, CaseIterable, Codable {
        case github, gitlab
    }

    /// One file of the paved road: where it goes and what it says.
    public struct File: Sendable, Equatable {
        public let path: String
        public let contents: String
        /// What it is for, for the report.
        public let purpose: String
    }

    /// What happened to one file.
    public struct Written: Sendable, Codable, Equatable {
        public enum Outcome: String, Sendable, Codable {
            /// The file did not exist and was written.
            case created
            /// The file exists with exactly this content.
            case unchanged
            /// The file exists with other content and was left alone (no `--force`).
            case conflict
            /// The file existed with other content and was replaced (`--force`).
            case overwritten
        }
        public let path: String
        public let outcome: Outcome
        public let purpose: String
    }

    public let platform: Platform

    public init(platform: Platform) { self.platform = platform }

    /// The files for the platform, paths relative to the checkout.
    public var files: [File] {
        let own = switch platform {
        case .github: GitHubPavedRoad.files
        case .gitlab: GitLabPavedRoad.files
        }
        return own + AdmissionManifests.files
    }

    /// Things `init` cannot write yet, said in its report.
    public var todo: [String] {
        ["\(AdmissionManifests.directory): put the webhook's caBundle in validatingwebhookconfiguration.yaml (tollgate admission certs), "
            + "pin the server image by digest in deployment.yaml, create the tollgate-database Secret, then kubectl apply -f (docs/admission.md)",
         "replace OWNER/REPO and the @OWNER/… teams; put key ids in the REPLACE-WITH-…-KEY-ID places if you sign with keys (else remove them)",
         "set the TOLLGATE_SHA256 and ORAS_SHA256 variables to the release checksums, and TOLLGATE_SERVER to your server's URL to record decisions there (docs/audit.md#the-release-pipeline)"]
    }

    /// Writes the files under `root`. Never replaces a file with other content unless `force`.
    public func write(into root: String, force: Bool) throws(AuditError) -> [Written] {
        var results: [Written] = []
        for file in files {
            let url = URL(fileURLWithPath: root).appendingPathComponent(file.path)
            let data = Data(file.contents.utf8)
            var outcome: Written.Outcome = .created
            if FileManager.default.fileExists(atPath: url.path) {
                let existing = try? Data(contentsOf: url)
                if existing == data {
                    results.append(Written(path: file.path, outcome: .unchanged, purpose: file.purpose))
                    continue
                }
                guard force else {
                    results.append(Written(path: file.path, outcome: .conflict, purpose: file.purpose))
                    continue
                }
                outcome = .overwritten
            }
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url, options: .atomic)
            } catch {
                throw AuditError(.unwritable, "\(url.path): cannot be written (\(error.localizedDescription))")
            }
            results.append(Written(path: file.path, outcome: outcome, purpose: file.purpose))
        }
        return results
    }
}
