import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TollgateInventory
import TollgateLedger
import TollgateModel
import TollgateStore
@testable import TollgateServer

/// A server with dashboard data: a published policy whose signature rule denies and whose
/// exception expires in 5 days, an artifact named with markup, its SBOM (a component named with
/// a `<script>` tag), an open finding, a recorded decision and a production deployment.
struct DashboardFixture {
    let server: TestServer
    let digest: Digest
    static let hostileName = #"<script>alert("name")</script>"#
    static let hostileComponent = #"<script>alert("component")</script>"#
    static let advisory = "GHSA-dash-0001-test"

    static func policy(expires: Date) -> String {
        let day = ISO8601DateFormatter.string(from: expires, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
        return """
            apiVersion: tollgate.dev/v1
            kind: Policy
            metadata: { name: release }
            artifact:
              signature: { required: true, keys: ["0000000000000000000000000000000000000000000000000000000000000000"] }
            exceptions:
              - id: EXC-SOON
                owner: bob@acme.example
                reason: "waiting for the <upstream> fix"
                compensatingControl: "WAF rule 42"
                expires: \(day)
                match: { advisory: \(advisory), component: "pkg:npm/left-pad" }
            """
    }

    static func start() async throws -> DashboardFixture {
        let server = try await TestServer.start()
        let digest = TestServer.digest("dashboard-app")
        let published = try await server.request(.PUT, "/v1/policies/release", role: .admin,
                                                 body: Array(policy(expires: Date().addingTimeInterval(5 * 86_400)).utf8),
                                                 contentType: "application/yaml")
        guard published.status == 201 else { throw ServerError(.internal, "publish: \(published.status) \(published.text)") }
        let jsonName = hostileName.replacingOccurrences(of: "\"", with: "\\\"")
        let registered = try await server.json(.POST, "/v1/artifacts", role: .publisher,
                                               #"{"digest":"\#(digest)","name":"\#(jsonName)","version":"2.0.0"}"#)
        guard registered.status == 201 else { throw ServerError(.internal, "register: \(registered.status) \(registered.text)") }
        // The SBOM and a finding, recorded as `inventory import-sbom` and a scan record them.
        let stores = try server.location.openStores(try server.location.loadConfig())
        let ledger = try await Ledger.open(store: stores.ledger, signer: try server.location.signer(for: try server.location.loadConfig()))
        let recorder = InventoryRecorder(ledger: ledger, store: stores.inventory, actor: "test")
        let sbom = """
            {"bomFormat":"CycloneDX","specVersion":"1.5","metadata":{"component":{"type":"application","name":"app"}},
             "components":[{"type":"library","name":"\(hostileComponent.replacingOccurrences(of: "\"", with: "\\\""))","version":"1.0.0","purl":"pkg:npm/left-pad@1.0.0"},
                           {"type":"library","name":"lodash","version":"4.17.21","purl":"pkg:npm/lodash@4.17.21"}]}
            """
        let imported = try SBOMImport(data: Data(sbom.utf8), file: "sbom.cdx.json", artifact: digest)
        _ = try await recorder.record(try imported.drafts(recorder), documents: [imported.document: imported.bytes])
        _ = try await recorder.record([try recorder.draft(.findingsObserved, FindingsObservedEntry(
            artifact: digest, findings: [ObservedFinding(advisory: advisory, purl: "pkg:npm/left-pad@1.0.0")]))])
        let decided = try await server.json(.POST, "/v1/decisions", role: .publisher, #"{"digest":"\#(digest)","policy":"release"}"#)
        guard decided.status == 201 else { throw ServerError(.internal, "decide: \(decided.status) \(decided.text)") }
        let deployed = try await server.json(.POST, "/v1/deployments", role: .deployer, """
            {"environment":"production","cluster":"eu-1","namespace":"shop","service":"app","image":"registry.example/acme/app@\(digest)"}
            """)
        guard deployed.status == 201 else { throw ServerError(.internal, "deploy: \(deployed.status) \(deployed.text)") }
        return DashboardFixture(server: server, digest: digest)
    }

    struct Page {
        let status: Int
        let headers: HTTPHeaders
        let text: String

        /// The `Set-Cookie` value of `name`, if set.
        func cookie(_ name: String) -> String? {
            headers["Set-Cookie"].first { $0.hasPrefix("\(name)=") }
        }

        /// The cookie's value (`name=VALUE; …`).
        func cookieValue(_ name: String) -> String? {
            cookie(name).map { String($0.dropFirst(name.count + 1).prefix { $0 != ";" }) }
        }

        /// The value of the first hidden `csrf` field.
        var csrf: String? {
            guard let range = text.range(of: #"name="csrf" value=""#) else { return nil }
            return String(text[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    /// A client that does not follow redirects (the sign-in answer is a 303 with the cookie).
    static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration(timeout: .init(connect: .seconds(5), read: .seconds(60)))
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    /// A request with cookies and an optional bearer token or form body; redirects are not followed.
    static func send(_ base: String, _ method: HTTPMethod, _ path: String, bearer: String? = nil, cookies: [String: String] = [:],
                     form: String? = nil) async throws -> Page {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        if let bearer { request.headers.add(name: "Authorization", value: "Bearer \(bearer)") }
        if !cookies.isEmpty { request.headers.add(name: "Cookie", value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")) }
        if let form {
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: form))
        }
        let response = try await client.execute(request, timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 16 << 20)
        return Page(status: Int(response.status.code), headers: response.headers, text: String(buffer: body))
    }

    func page(_ path: String, role: Role? = nil) async throws -> Page {
        try await Self.send(server.base, .GET, path, bearer: role.flatMap { server.tokens[$0] })
    }
}
