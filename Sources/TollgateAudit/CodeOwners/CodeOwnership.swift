import Foundation

/// Who owns a checkout's release by its CODEOWNERS file: the owners of each CI file (the last
/// matching line decides) and of the repository as a whole (the last catch-all line: `*`, `**` or
/// `/**`). `tollgate audit --attest` states it in the source-audit predicate (`codeOwners`), so the
/// server can assign remediation work to the owners of the workflow that built an artifact
/// (docs/audit.md, docs/dashboard.md#remediation).
public struct CodeOwnership: Sendable, Codable, Equatable {
    /// The CODEOWNERS file read (`.github/CODEOWNERS`, `CODEOWNERS` or `docs/CODEOWNERS`).
    public var file: String
    /// Owners of each workflow (`.github/workflows/*.yml`) and `.gitlab-ci.yml`, by path in the checkout.
    public var paths: [String: [String]]
    /// Owners of the repository as a whole (empty when no catch-all line names any).
    public var repository: [String]

    public init(file: String, paths: [String: [String]], repository: [String]) {
        self.file = file
        self.paths = paths
        self.repository = repository
    }

    /// The lines GitHub documents as "the default owners for everything in the repo".
    static let catchAll: Set<String> = ["*", "**", "/**"]

    /// Reads the CODEOWNERS of the checkout at `root` (the first of `CodeOwners.locations`); nil when it has none.
    public static func read(checkout root: String) throws(AuditError) -> CodeOwnership? {
        guard let location = CodeOwners.locations.first(where: { FileManager.default.fileExists(atPath: "\(root)/\($0)") }) else {
            return nil
        }
        let owners = try CodeOwnersAudit.load(root: root, location: location, display: { $0 })
        var paths: [String: [String]] = [:]
        let workflows = ((try? FileManager.default.contentsOfDirectory(atPath: "\(root)/.github/workflows")) ?? [])
            .filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.map { ".github/workflows/\($0)" }
        let gitlab = [".gitlab-ci.yml", ".gitlab-ci.yaml"].filter { FileManager.default.fileExists(atPath: "\(root)/\($0)") }
        for path in (workflows + gitlab).sorted() { paths[path] = owners.owners(of: path) }
        let repository = owners.rules.last { catchAll.contains($0.pattern) }?.owners ?? []
        return CodeOwnership(file: location, paths: paths, repository: repository)
    }

    /// The owners of the build's workflow (a path in the repository, as provenance names it) when a
    /// line names any, else the repository's; with the path they are the owners of (`*` for the
    /// repository). Nil when neither names anyone.
    public func owners(ofWorkflow workflow: String?) -> (owners: [String], path: String)? {
        if let workflow, let owners = paths[workflow], !owners.isEmpty { return (owners, workflow) }
        return repository.isEmpty ? nil : (repository, "*")
    }
}
