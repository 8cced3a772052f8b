import Foundation
import Testing
import TollgateData
import TollgateLedger
import TollgateModel
import TollgateStore
@testable import TollgateServer

@Suite("API tokens", .serialized)
struct TokenTests {
    @Test("tokens are 256-bit random, stored only as SHA-256, and a near miss does not authenticate")
    func tokensAreHashed() async throws {
        let server = try await TestServer.start()
        let stores = try server.location.openStores(try server.location.loadConfig())
        let token = server.tokens[.reader]!
        let presented = try #require(APIToken(presented: token))
        let record = try #require(try await stores.tokens.token(id: presented.id))
        #expect(record.hash == presented.hash)
        #expect(record.hash.count == 32)
        // Nothing in the token file holds the token itself.
        let file = try Data(contentsOf: server.location.directory.appendingPathComponent("tokens.sqlite"))
        #expect(file.range(of: Data(token.utf8)) == nil)
        #expect(file.range(of: Data(token.suffix(43).utf8)) == nil)
        var nearMiss = Array(token)
        nearMiss[nearMiss.count - 1] = nearMiss.last == "A" ? "B" : "A"
        #expect(try await server.request(.GET, "/v1/whoami", bearer: String(nearMiss)).status == 401)
        #expect(try await server.request(.GET, "/v1/whoami", bearer: token).status == 200)
        try await server.stop()
    }

    @Test("an admin creates, lists and revokes tokens over the API; a revoked or expired token stops working; both are ledger entries")
    func tokenLifecycle() async throws {
        let server = try await TestServer.start()
        let created = try await server.json(.POST, "/v1/tokens", role: .admin, #"{"name":"ci-bot","role":"publisher","expires":"1h"}"#)
        #expect(created.status == 201, "\(created.text)")
        #expect(Set(created.json.objectValue?.keys.map { $0 } ?? []) == ["token", "id", "role", "expires"])
        let token = try #require(created.json["token"]?.stringValue)
        let id = try #require(created.json["id"]?.stringValue)
        #expect(try await server.request(.GET, "/v1/whoami", bearer: token).json["role"]?.stringValue == "publisher")
        // A name is one principal while its token is active.
        #expect(try await server.json(.POST, "/v1/tokens", role: .admin, #"{"name":"ci-bot","role":"reader"}"#).status == 409)
        let list = try await server.request(.GET, "/v1/tokens", role: .admin)
        #expect(!list.text.contains(token))
        #expect(list.json["tokens"]?.arrayValue?.contains { $0["id"]?.stringValue == id } == true)
        #expect(try await server.request(.DELETE, "/v1/tokens/\(id)", role: .admin).json["status"]?.stringValue == "revoked")
        #expect(try await server.request(.GET, "/v1/whoami", bearer: token).status == 401)
        // The ledger has token.created and token.revoked with the admin as actor, and never the token.
        let stores = try server.location.openStores(try server.location.loadConfig())
        let size = try await stores.ledger.head().size
        let entries = try await stores.ledger.entries(in: 0..<size).map { try LedgerEntry(decoding: $0) }
        let mine = entries.filter { String(decoding: $0.payload ?? Data(), as: UTF8.self).contains(id) }
        #expect(mine.map(\.kind) == [.tokenCreated, .tokenRevoked])
        #expect(mine.allSatisfy { $0.actor == "token:\(server.names[.admin]!)" })
        #expect(entries.allSatisfy { !String(decoding: $0.payload ?? Data(), as: UTF8.self).contains(token) })
        // An expired token is refused.
        let ledger = try await Ledger.open(store: stores.ledger, signer: try server.location.signer(for: try server.location.loadConfig()))
        let past = TokenAuthority(store: stores.tokens, ledger: ledger, clock: { Date().addingTimeInterval(-7200) })
        let expired = try await past.create(name: "old", role: .admin, lifetime: 3600, actor: "test")
        #expect(try await server.request(.GET, "/v1/whoami", bearer: expired.token.text).status == 401)
        try await server.stop()
    }
}
