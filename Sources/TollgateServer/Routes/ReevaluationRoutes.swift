import Foundation
import Hummingbird

/// `POST /v1/reevaluations`: re-evaluates every running artifact now (`Reevaluation.run`, the same
/// run a changed advisory database starts) and answers with the run's `reevaluation.run` entry.
/// Publisher: the run records decisions, as `POST /v1/decisions` does.
enum ReevaluationRoutes {
    struct Report: Encodable {
        var schemaVersion = "tollgate.dev/reevaluation/v1"
        /// The `reevaluation.run` entry's index.
        let ledgerIndex: UInt64
        let run: ReevaluationRunEvent
    }

    static var routes: [APIRoute] {
        [APIRoute(.post, "/v1/reevaluations", .role(.publisher), "runReevaluation", run)]
    }

    @Sendable static func run(_ call: APICall) async throws -> Response {
        let state = try call.state
        let (actor, server, logger) = (call.actor, call.server, call.context.logger)
        // Not cancelled with the request: a run that outlasts the request time limit still finishes and
        // records its `reevaluation.run` entry.
        let run = Task { try await Reevaluation.run(trigger: "requested", requestedBy: actor, state: state, server: server, logger: logger) }
        let (event, index) = try await run.value
        return try APIResponse.json(Report(ledgerIndex: index, run: event), status: .created)
    }
}
