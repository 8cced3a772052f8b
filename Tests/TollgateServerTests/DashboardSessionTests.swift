import Foundation
import Testing
import TollgateModel
@testable import TollgateServer

@Suite("Dashboard sessions follow their token", .serialized)
struct DashboardSessionTests {
    /// Signs in through the form with `token`; returns the session cookie's value.
    static func signIn(_ base: String, token: String) async throws -> String {
        let form = try await DashboardFixture.send(base, .GET, "/dashboard/signin")
        let formCookie = try #require(form.cookieValue(DashboardSessions.signInCookie))
        let csrf = try #require(form.csrf)
        let encoded = token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? token
        let signedIn = try await DashboardFixture.send(base, .POST, "/dashboard/signin", cookies: [DashboardSessions.signInCookie: formCookie],
                                                       form: "token=\(encoded)&csrf=\(csrf)")
        #expect(signedIn.status == 303)
        return try #require(signedIn.cookieValue(DashboardSessions.cookie))
    }

    @Test("revoking the token a session signed in with ends the session at the next page; other sessions keep working")
    func revocationEndsTheSession() async throws {
        let server = try await TestServer.start()
        let base = server.base
        let auditor = try await Self.signIn(base, token: try #require(server.tokens[.auditor]))
        let reader = try await Self.signIn(base, token: try #require(server.tokens[.reader]))
        #expect(try await DashboardFixture.send(base, .GET, "/dashboard/incidents", cookies: [DashboardSessions.cookie: auditor]).status == 200)
        #expect(try await DashboardFixture.send(base, .GET, "/dashboard", cookies: [DashboardSessions.cookie: reader]).status == 200)

        let listed = try await server.request(.GET, "/v1/tokens", role: .admin)
        let tokens = listed.json["tokens"]?.arrayValue ?? []
        let id = try #require(tokens.first { $0["name"]?.stringValue == server.names[.auditor] }?["id"]?.stringValue, "\(listed.text)")
        #expect(try await server.request(.DELETE, "/v1/tokens/\(id)", role: .admin).status == 200)

        // The revoked token's session is signed out at once, however long its cookie would last.
        let after = try await DashboardFixture.send(base, .GET, "/dashboard/incidents", cookies: [DashboardSessions.cookie: auditor])
        #expect(after.status == 401, "\(after.status) \(after.text)")
        #expect(after.text.contains("/dashboard/signin"))
        #expect(try await DashboardFixture.send(base, .GET, "/dashboard", cookies: [DashboardSessions.cookie: auditor]).status == 401)
        // The reader's session, from a token still active, works.
        let still = try await DashboardFixture.send(base, .GET, "/dashboard", cookies: [DashboardSessions.cookie: reader])
        #expect(still.status == 200 && still.text.contains("test-reader · reader"))
        try await server.stop()
    }
}
