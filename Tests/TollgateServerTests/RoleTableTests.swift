import AsyncHTTPClient
import Foundation
import NIOHTTP1
import Testing
import TollgateModel
import TollgateStore
@testable import TollgateServer

@Suite("Role table", .serialized)
struct RoleTableTests {
    @Test("docs/server.md's role table is exactly the server's route table")
    func tableMatchesRoutes() throws {
        let table = try RepositoryFiles.roleTable()
        let routes = APIRoutes.all
        #expect(table.count == routes.count, "docs/server.md lists \(table.count) endpoints, the server has \(routes.count)")
        for route in routes {
            let row = table.first { $0.method == route.method.rawValue && $0.path == route.path }
            #expect(row != nil, "docs/server.md has no row for \(route.method.rawValue) \(route.path)")
            #expect(row?.role == route.access.description, "\(route.method.rawValue) \(route.path): the table says \(row?.role ?? "-"), the server \(route.access)")
        }
    }

    @Test("every endpoint refuses a role the table does not grant (403, anonymous 401) and lets every other through")
    func walkTheTable() async throws {
        let server = try await TestServer.start { $0.limits.burst = 10_000 }
        defer { Task { try? await server.stop() } }
        // A disclosed artifact, so anonymous readers of "anonymous if public" endpoints have something to read.
        let digest = TestServer.digest("role-table")
        let registered = try await server.register(digest)
        #expect(registered.status == 201)
        #expect(try await server.json(.PUT, "/v1/artifacts/\(digest)/disclosure", role: .admin, #"{"public":true}"#).status == 200)
        let index = registered.json["ledgerIndex"]?.intValue ?? 0
        let values = ["digest": digest.description, "document": TestServer.digest("none").description, "policy": "release",
                      "name": "release", "version": "1", "index": String(index), "id": "0000000000000000", "tile": "0/000.p/1"]
        for row in try RepositoryFiles.roleTable() {
            var path = row.path
            for (name, value) in values {
                path = path.replacingOccurrences(of: "{\(name)...}", with: value).replacingOccurrences(of: "{\(name)}", with: value)
            }
            if row.path.hasSuffix("/inclusion") { path += "?index=0" }
            if row.path.hasSuffix("/consistency") { path += "?from=0" }
            let method = HTTPMethod(rawValue: row.method)
            let body: [UInt8]? = method == .GET || method == .DELETE ? nil : Array("{}".utf8)
            for role in [nil] + Role.allCases {
                let reply = try await server.request(method, path, role: role, body: body, contentType: body == nil ? nil : "application/json")
                let who = role?.rawValue ?? "anonymous"
                switch Self.expectation(row.role, role) {
                case .allowed:
                    #expect(reply.status != 401 && reply.status != 403, "\(row.method) \(path) as \(who): \(reply.status) \(reply.text)")
                case .unauthenticated:
                    #expect(reply.status == 401 && reply.code == "server.unauthenticated", "\(row.method) \(path) as \(who): \(reply.status) \(reply.text)")
                case .forbidden:
                    #expect(reply.status == 403 && reply.code == "server.forbidden", "\(row.method) \(path) as \(who): \(reply.status) \(reply.text)")
                }
                #expect(reply.status < 500 || reply.status == 503, "\(row.method) \(path) as \(who): \(reply.status) \(reply.text)")
            }
        }
    }

    enum Expectation { case allowed, unauthenticated, forbidden }

    /// What the table's role text says for a caller with `role` (nil: anonymous).
    static func expectation(_ text: String, _ role: Role?) -> Expectation {
        if text == "anonymous" { return .allowed }
        let prefix = "anonymous if public, else "
        let required = Role(rawValue: text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text)!
        guard let role else { return text.hasPrefix(prefix) ? .allowed : .unauthenticated }
        return role.grants(required) ? .allowed : .forbidden
    }
}
