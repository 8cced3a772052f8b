import Foundation
import Testing
import TollgateModel
import TollgateLedger
import TollgateVerify
@testable import TollgateServer

@Suite("Dashboard pages", .serialized)
struct DashboardTests {
    @Test("every page shows its key content to the role that may see it, with every value escaped")
    func pagesShowTheirContent() async throws {
        let fixture = try await DashboardFixture.start()
        let digest = fixture.digest
        let escapedName = "&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;"
        let escapedComponent = "&lt;script&gt;alert(&quot;component&quot;)&lt;/script&gt;"

        let overview = try await fixture.page("/dashboard", role: .reader)
        #expect(overview.status == 200, "\(overview.text)")
        #expect(overview.headers["Content-Type"].first?.hasPrefix("text/html") == true)
        #expect(overview.headers["Content-Security-Policy"].first?.contains("script-src") == false)
        for key in ["<b>1</b> artifacts", "production", "Decisions per day", "Findings by severity over time", "<svg", "s-deny",
                    "EXC-SOON", "expiring", "Recent denials", "no database", escapedName] {
            #expect(overview.text.contains(key), "overview lacks \(key)")
        }
        #expect(!overview.text.contains("<script"))

        let artifact = try await fixture.page("/dashboard/artifacts/\(digest)", role: .reader)
        #expect(artifact.status == 200, "\(artifact.text)")
        for key in [escapedComponent, "pkg:npm/left-pad@1.0.0", "lodash", DashboardFixture.advisory, "production", "eu-1", "deny",
                    "SBOM components (2)", "shown to auditors"] {
            #expect(artifact.text.contains(key), "artifact page lacks \(key)")
        }
        #expect(!artifact.text.contains("<script"))
        #expect(!artifact.text.contains("leaf hash"), "a reader sees the auditor's inclusion proof")

        let audited = try await fixture.page("/dashboard/artifacts/\(digest)", role: .auditor)
        #expect(audited.text.contains("leaf hash"))
        #expect(audited.text.contains("tollgate.test/ledger"))
        #expect(audited.text.contains("tollgate ledger check-receipt receipt.json --log-key"))

        let list = try await fixture.page("/dashboard/artifacts", role: .reader)
        #expect(list.text.contains(escapedName) && list.text.contains(digest.description))

        let incident = try await fixture.page("/dashboard/incidents?kind=artifact&q=\(digest)", role: .auditor)
        #expect(incident.status == 200, "\(incident.text)")
        for key in ["affected", "Download as Markdown", "production", "The whole answer"] {
            #expect(incident.text.contains(key), "incident page lacks \(key)")
        }
        let markdown = try await fixture.page("/dashboard/incidents.md?kind=artifact&q=\(digest)", role: .auditor)
        #expect(markdown.status == 200)
        #expect(markdown.headers["Content-Type"].first?.hasPrefix("text/markdown") == true)
        #expect(markdown.headers["Content-Disposition"].first?.contains("attachment") == true)
        #expect(markdown.text.contains(digest.description))
        #expect(try await fixture.page("/dashboard/incidents?kind=nonsense&q=x", role: .auditor).status == 400)

        let exceptions = try await fixture.page("/dashboard/exceptions", role: .reader)
        for key in ["EXC-SOON", "bob@acme.example", "waiting for the &lt;upstream&gt; fix", "WAF rule 42", "expiring",
                    "advisory: \(DashboardFixture.advisory)"] {
            #expect(exceptions.text.contains(key), "exceptions page lacks \(key)")
        }

        let ledger = try await fixture.page("/dashboard/ledger")
        #expect(ledger.status == 200, "\(ledger.text)")
        for key in ["tollgate.test/ledger", "How to verify", "tollgate ledger verify", "Verifier key"] {
            #expect(ledger.text.contains(key), "ledger page lacks \(key)")
        }
        try await fixture.server.stop()
    }

    @Test("roles apply as in the API: signed out sees only the public; a reader no incident search; errors are pages")
    func rolesApply() async throws {
        let fixture = try await DashboardFixture.start()
        let digest = fixture.digest
        for path in ["/dashboard", "/dashboard/exceptions", "/dashboard/incidents"] {
            let page = try await fixture.page(path)
            #expect(page.status == 401, "\(path): \(page.status)")
            #expect(page.text.contains("/dashboard/signin"))
        }
        #expect(try await fixture.page("/dashboard/incidents", role: .reader).status == 403)
        #expect(try await fixture.page("/dashboard/incidents.md?kind=artifact&q=\(digest)", role: .reader).status == 403)
        // An undisclosed artifact: the same 401 as one that does not exist; not in the public list.
        #expect(try await fixture.page("/dashboard/artifacts/\(digest)").status == 401)
        #expect(try await fixture.page("/dashboard/artifacts/\(TestServer.digest("nothing"))").status == 401)
        #expect(try await fixture.page("/dashboard/artifacts/\(TestServer.digest("nothing"))", role: .reader).status == 404)
        #expect(try await fixture.page("/dashboard/artifacts/not-a-digest", role: .reader).status == 400)
        #expect(try await fixture.page("/dashboard/artifacts").text.contains(digest.description) == false)
        // Disclosed: listed and shown, without findings, deployments or the proof.
        #expect(try await fixture.server.json(.PUT, "/v1/artifacts/\(digest)/disclosure", role: .admin, #"{"public":true}"#).status == 200)
        #expect(try await fixture.page("/dashboard/artifacts").text.contains(digest.description))
        let shown = try await fixture.page("/dashboard/artifacts/\(digest)")
        #expect(shown.status == 200)
        #expect(shown.text.contains("pkg:npm/left-pad@1.0.0"))
        #expect(!shown.text.contains(DashboardFixture.advisory))
        #expect(!shown.text.contains("eu-1"))
        #expect(!shown.text.contains("leaf hash"))
        #expect(!shown.text.contains("test-publisher"), "who registered it is shown signed out")
        try await fixture.server.stop()
    }

    @Test("lists are paginated: 50 artifacts a page with a link to the next")
    func pagination() async throws {
        let server = try await TestServer.start()
        var digests: [String] = []
        for number in 0..<55 {
            let digest = TestServer.digest("paged-\(number)")
            #expect(try await server.register(digest, name: "paged-\(number)").status == 201)
            digests.append(digest.description)
        }
        digests.sort()
        let first = try await DashboardFixture.send(server.base, .GET, "/dashboard/artifacts", bearer: server.tokens[.reader])
        #expect(first.text.contains(digests[49]) && !first.text.contains(digests[50]))
        #expect(first.text.contains("/dashboard/artifacts?after=\(digests[49])"))
        let second = try await DashboardFixture.send(server.base, .GET, "/dashboard/artifacts?after=\(digests[49])", bearer: server.tokens[.reader])
        #expect(second.text.contains(digests[54]) && !second.text.contains(digests[49]))
        #expect(!second.text.contains("next page"))
        try await server.stop()
    }
}

@Suite("Dashboard sign-in", .serialized)
struct DashboardSignInTests {
    @Test("an API token signs in to an HttpOnly, SameSite=Strict session cookie; forms without the CSRF token are refused")
    func signInAndCSRF() async throws {
        let server = try await TestServer.start()
        let base = server.base
        let form = try await DashboardFixture.send(base, .GET, "/dashboard/signin")
        #expect(form.status == 200)
        let formCookie = try #require(form.cookieValue(DashboardSessions.signInCookie))
        let csrf = try #require(form.csrf)
        #expect(csrf == formCookie)
        let token = try #require(server.tokens[.reader])
        let encodedToken = token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? token

        // No CSRF token, a wrong one, or no cookie: refused, no session.
        for (cookies, body) in [([DashboardSessions.signInCookie: formCookie], "token=\(encodedToken)"),
                                ([DashboardSessions.signInCookie: formCookie], "token=\(encodedToken)&csrf=wrong"),
                                ([:], "token=\(encodedToken)&csrf=\(csrf)")] {
            let refused = try await DashboardFixture.send(base, .POST, "/dashboard/signin", cookies: cookies, form: body)
            #expect(refused.status == 403, "\(refused.status) \(refused.text)")
            #expect(refused.cookie(DashboardSessions.cookie) == nil)
        }
        // A bad token: the form again, 401.
        let bad = try await DashboardFixture.send(base, .POST, "/dashboard/signin", cookies: [DashboardSessions.signInCookie: formCookie],
                                                  form: "token=tg_nope&csrf=\(csrf)")
        #expect(bad.status == 401)
        #expect(bad.text.contains("unknown, expired or revoked"))

        let signedIn = try await DashboardFixture.send(base, .POST, "/dashboard/signin", cookies: [DashboardSessions.signInCookie: formCookie],
                                                       form: "token=\(encodedToken)&csrf=\(csrf)")
        #expect(signedIn.status == 303)
        #expect(signedIn.headers["Location"].first == "/dashboard")
        let setCookie = try #require(signedIn.cookie(DashboardSessions.cookie))
        #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict") && setCookie.contains("Path=/dashboard"))
        #expect(!setCookie.contains("Secure"), "Secure is for TLS only")
        let session = try #require(signedIn.cookieValue(DashboardSessions.cookie))
        #expect(!session.contains(token) && !token.contains(session))

        let overview = try await DashboardFixture.send(base, .GET, "/dashboard", cookies: [DashboardSessions.cookie: session])
        #expect(overview.status == 200, "\(overview.text)")
        #expect(overview.text.contains("test-reader · reader"))
        let sessionCSRF = try #require(overview.csrf)
        // The session's role is the token's: no incident search for a reader.
        #expect(try await DashboardFixture.send(base, .GET, "/dashboard/incidents", cookies: [DashboardSessions.cookie: session]).status == 403)

        // Sign-out needs the session's CSRF token.
        let forged = try await DashboardFixture.send(base, .POST, "/dashboard/signout", cookies: [DashboardSessions.cookie: session],
                                                     form: "csrf=\(csrf)")
        #expect(forged.status == 403)
        let out = try await DashboardFixture.send(base, .POST, "/dashboard/signout", cookies: [DashboardSessions.cookie: session],
                                                  form: "csrf=\(sessionCSRF)")
        #expect(out.status == 303)
        #expect(try await DashboardFixture.send(base, .GET, "/dashboard", cookies: [DashboardSessions.cookie: session]).status == 401)
        try await server.stop()
    }

    @Test("under TLS the session cookie is Secure")
    func secureCookieUnderTLS() {
        #expect(CookieHeader.set("a", "b", maxAge: 1, secure: true).hasSuffix("; Secure"))
        #expect(!CookieHeader.set("a", "b", maxAge: 1, secure: false).contains("Secure"))
    }
}

extension DashboardTests {
    @Test("the artifact page shows the rebuild verdicts the ledger recorded for the digest: who rebuilt, same bytes or what differed")
    func rebuildVerdicts() async throws {
        let fixture = try await DashboardFixture.start()
        let digest = fixture.digest
        let empty = try await fixture.page("/dashboard/artifacts/\(digest)", role: .reader)
        #expect(empty.text.contains("no rebuild recorded"))

        // What `verify --record` appends for trusted rebuild attestations (TollgateVerify's RebuildStoredEntry).
        let stores = try fixture.server.location.openStores(try fixture.server.location.loadConfig())
        let ledger = try await Ledger.open(store: stores.ledger, signer: try fixture.server.location.signer(for: try fixture.server.location.loadConfig()))
        let rebuilt = TestServer.digest("rebuilt-elsewhere")
        for entry in [
            RebuildStoredEntry(subject: digest, document: TestServer.digest("statement-a"), rebuilder: "key:rebuilder-a-key-id",
                               match: true, rebuilt: digest, comparison: "identical"),
            RebuildStoredEntry(subject: digest, document: TestServer.digest("statement-b"), rebuilder: "https://github.com/rebuilders/<b>/rebuild.yml",
                               match: false, rebuilt: rebuilt, comparison: "differ: 1 difference (modification time 1) <script>"),
            RebuildStoredEntry(subject: TestServer.digest("another-artifact"), document: TestServer.digest("statement-c"),
                               rebuilder: "key:other-artifact-rebuilder", match: true, rebuilt: rebuilt, comparison: "identical"),
        ] {
            _ = try await ledger.append(kind: .attestationStored, actor: "ci-rebuilder", payload: try LedgerJSON.encode(entry))
        }
        // Other stored evidence shares the entry kind and is not a rebuild.
        _ = try await ledger.append(kind: .attestationStored, actor: "ci", payload: Data(#"{"schemaVersion":"tollgate.dev/evidence/v1","subject":"\#(digest)","document":"\#(rebuilt)","kind":"sbom","mediaType":"application/vnd.cyclonedx+json"}"#.utf8))

        let page = try await fixture.page("/dashboard/artifacts/\(digest)", role: .reader)
        #expect(page.status == 200, "\(page.text)")
        for key in ["Rebuilds", "key:rebuilder-a-key-id", "same bytes", "differs", rebuilt.description, "ci-rebuilder",
                    "https://github.com/rebuilders/&lt;b&gt;/rebuild.yml", "differ: 1 difference (modification time 1) &lt;script&gt;"] {
            #expect(page.text.contains(key), "artifact page lacks \(key)")
        }
        #expect(!page.text.contains("no rebuild recorded"))
        #expect(!page.text.contains("key:other-artifact-rebuilder"), "another artifact's rebuild is shown")
        #expect(!page.text.contains("<script"))
        // Signed out, a disclosed artifact shows its rebuild verdicts but not who recorded them (as not who registered it).
        #expect(try await fixture.server.json(.PUT, "/v1/artifacts/\(digest)/disclosure", role: .admin, #"{"public":true}"#).status == 200)
        let anonymous = try await fixture.page("/dashboard/artifacts/\(digest)")
        #expect(anonymous.status == 200)
        #expect(anonymous.text.contains("key:rebuilder-a-key-id") && !anonymous.text.contains("ci-rebuilder"))
        try await fixture.server.stop()
    }
}
