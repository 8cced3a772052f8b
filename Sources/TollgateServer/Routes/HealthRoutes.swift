import Hummingbird

/// `/healthz` (the process answers), `/readyz` (stores and trusted root loaded), `/openapi.json`,
/// and `/v1/whoami`.
enum HealthRoutes {
    struct Health: Encodable {
        let status: String
    }

    struct Whoami: Encodable {
        let kind: Principal.Kind
        let name: String
        let id: String
        let role: String
        let actor: String
    }

    static var routes: [APIRoute] {
        [
            APIRoute(.get, "/healthz", .anonymous, "health") { _ in try APIResponse.json(Health(status: "ok")) },
            APIRoute(.get, "/readyz", .anonymous, "readiness") { call in
                let readiness = call.server.readiness
                guard readiness.ready else { throw ServerError(.unavailable, readiness.reason) }
                return try APIResponse.json(Health(status: "ready"))
            },
            APIRoute(.get, "/openapi.json", .anonymous, "openapi") { _ in
                APIResponse.bytes(Array(OpenAPIDocument.json.utf8), contentType: "application/json", cacheControl: "public, max-age=300")
            },
            APIRoute(.get, "/v1/whoami", .role(.reader), "whoami") { call in
                guard let principal = call.principal else { throw ServerError(.unauthenticated, "authentication required") }
                return try APIResponse.json(Whoami(kind: principal.kind, name: principal.name, id: principal.id,
                                                   role: principal.role.rawValue, actor: principal.actor))
            },
        ]
    }
}
