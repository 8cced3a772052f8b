import ArgumentParser
import Foundation
import TollgateInventory
import TollgateModel

/// `tollgate incident --component PURL [--versions VERS] | --advisory ID | --builder URI |
/// --workflow PATH | --repository REPO | --artifact DIGEST [--policy FILE]`.
struct IncidentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incident",
        abstract: "Answer the incident questions: which artifacts are affected, where they run, whether trusted pipelines built them, what to block, rotate, rebuild and redeploy.",
        discussion: """
        The answer (tollgate.dev/incident/v1) has six parts: affected_component, artifact_search, runtime_search, \
        provenance_check, containment, recovery; and states how complete the inventory's data is. Exit 0: no affected \
        artifacts and the data is complete; 1: affected artifacts found; 5: none found, but some artifacts lack the \
        data (an SBOM, trusted provenance) or deployments lack a digest, so "not affected" cannot be said. With --server URL the \
        server's inventory answers, and --policy names a policy published there.
        """
    )

    @OptionGroup var query: IncidentOptions
    @OptionGroup var state: GateStateOptions
    @OptionGroup var remote: ServerOptions
    @OptionGroup var output: ReportOptions<IncidentFormat>

    func run() async throws {
        try await output.emit { out in
            let answer: IncidentAnswer
            if remote.url != nil {
                // The server's inventory answers (GET /v1/incidents); --policy names a policy published there.
                let path = ServerClient.path("/v1/incidents", query: query.serverQuery)
                answer = try await remote.withClient { client in
                    try client.decode(IncidentAnswer.self, try await client.send(.GET, path))
                }
            } else {
                let inventory = try await state.openInventory()
                answer = try await query.responder(state, inventory: inventory).answer(query.query)
            }
            switch output.format {
            case .json: try out.json(answer)
            case .markdown: out.write(Data(IncidentMarkdown.render(answer).utf8))
            case .text: IncidentMarkdown.text(answer).forEach(out.line)
            }
            try Self.exit(answer.status)
        }
    }

    /// 0 not affected (complete data), 1 affected, 5 incomplete.
    static func exit(_ status: IncidentStatus) throws {
        switch status {
        case .notAffected: return
        case .affected: throw ExitCode(ExitStatus.failed.rawValue)
        case .incomplete: throw ExitCode(ExitStatus.incomplete.rawValue)
        }
    }
}
