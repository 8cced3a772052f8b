import ArgumentParser
import Foundation
import TollgateInventory
import TollgatePolicy
import TollgateStore
import TollgateStoreSQLite
import TollgateVulnerabilities

/// The query of `incident` and `drill`: exactly one of `--component` (with `--versions`),
/// `--advisory`, `--builder`, `--workflow`, `--repository`, `--artifact`; and the policy and
/// advisory database the answer is judged with.
struct IncidentOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A compromised component: a package URL, with or without version.", valueName: "purl"))
    var component: String?

    @Option(help: ArgumentHelp("With --component: a vers range (vers:npm/>=3.3.6|<3.3.7) or bare constraints (=3.3.6).", valueName: "vers"))
    var versions: String?

    @Option(help: ArgumentHelp("Every component version the local advisory database marks affected by this advisory id or alias (CVE-…).", valueName: "id"))
    var advisory: String?

    @Option(help: ArgumentHelp("A compromised builder id.", valueName: "uri"))
    var builder: String?

    @Option(help: ArgumentHelp("A compromised workflow path (.github/workflows/release.yml).", valueName: "path"))
    var workflow: String?

    @Option(help: ArgumentHelp("A compromised source repository (github.com/acme/app).", valueName: "repo"))
    var repository: String?

    @Option(help: ArgumentHelp("A compromised artifact, by digest.", valueName: "digest"))
    var artifact: String?

    @Option(help: ArgumentHelp("Policy file: judge whether the artifacts' builders and workflows are trusted.", valueName: "file"))
    var policy: String?

    @Option(name: .customLong("db"), help: ArgumentHelp("Advisory database for --advisory (default: DATA/advisories.sqlite).", valueName: "file"))
    var advisoryDatabase: String?

    func validate() throws {
        let given = [("--component", component), ("--advisory", advisory), ("--builder", builder), ("--workflow", workflow),
                     ("--repository", repository), ("--artifact", artifact)].filter { $0.1 != nil }
        guard given.count == 1 else {
            throw ValidationError(given.isEmpty
                ? "give one of --component, --advisory, --builder, --workflow, --repository or --artifact"
                : "give only one of \(given.map(\.0).joined(separator: ", "))")
        }
        if versions != nil, component == nil { throw ValidationError("--versions goes with --component") }
    }

    var query: IncidentQuery {
        if let component { return IncidentQuery(.component, component, versions: versions) }
        if let advisory { return IncidentQuery(.advisory, advisory) }
        if let builder { return IncidentQuery(.builder, builder) }
        if let workflow { return IncidentQuery(.workflow, workflow) }
        if let repository { return IncidentQuery(.repository, repository) }
        return IncidentQuery(.artifact, artifact ?? "")
    }

    /// The query as `GET /v1/incidents` takes it (`policy` names a policy published on the server).
    var serverQuery: [(String, String?)] {
        [("component", component), ("versions", versions), ("advisory", advisory), ("builder", builder), ("workflow", workflow),
         ("repository", repository), ("artifact", artifact), ("policy", policy)]
    }

    /// The responder over the data directory's inventory, with the policy and, for `--advisory`, the
    /// advisory database.
    func responder(_ state: GateStateOptions, inventory: any InventoryStore) async throws -> IncidentResponder {
        let loaded = try policy.map { try Policy(yaml: [UInt8](try InputFile.read($0, limit: PolicyParser.maxBytes)), file: $0) }
        var advisories: (any AdvisoryStore)?
        if advisory != nil {
            let path = advisoryDatabase ?? state.data.directory.appendingPathComponent(AdvisoryStoreSQLite.defaultFileName).path
            guard FileManager.default.fileExists(atPath: path) else {
                throw VulnerabilityError(.noDatabase, "no advisory database at '\(path)'; run `tollgate db import SOURCE` (or give --db)")
            }
            let store = try AdvisoryStoreSQLite(path: path)
            try await store.prepare()
            advisories = store
        }
        return IncidentResponder(inventory: inventory, advisories: advisories, policy: loaded)
    }
}
