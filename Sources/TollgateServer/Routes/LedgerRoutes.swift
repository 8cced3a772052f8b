import Foundation
import Hummingbird
import TollgateLedger
import TollgateModel
import TollgateStore
import TollgateTransparency

/// The ledger as a C2SP tlog-tiles log under `/v1/ledger/` (so `tollgate ledger verify --log
/// https://HOST/v1/ledger` audits a running server): the signed checkpoint and the hash tiles are
/// public, and every tile is immutable and cacheable; entry bundles and entries are public only
/// when every entry in them is about a disclosed artifact, else they need an auditor. Inclusion
/// and consistency proofs are the auditor's (the same hashes are in the public tiles).
enum LedgerRoutes {
    static var routes: [APIRoute] {
        [
            APIRoute(.get, "/v1/ledger/checkpoint", .anonymous, "getCheckpoint", checkpoint),
            APIRoute(.get, "/v1/ledger/tile/{tile...}", .disclosed(.auditor), "getTile", tile),
            APIRoute(.get, "/v1/ledger/entries/{index}", .disclosed(.auditor), "getEntry", entry),
            APIRoute(.get, "/v1/ledger/proofs/inclusion", .role(.auditor), "proveInclusion", inclusion),
            APIRoute(.get, "/v1/ledger/proofs/consistency", .role(.auditor), "proveConsistency", consistency),
        ]
    }

    static let immutable = "public, max-age=31536000, immutable"

    @Sendable static func checkpoint(_ call: APICall) async throws -> Response {
        let state = try call.state
        guard let stored = try await state.stores.ledger.latestCheckpoint() else {
            throw ServerError(.unavailable, "the log has no checkpoint yet")
        }
        return APIResponse.bytes(Array(stored.note.utf8), contentType: "text/plain; charset=utf-8", cacheControl: "no-cache")
    }

    @Sendable static func tile(_ call: APICall) async throws -> Response {
        let path = "tile/" + call.context.parameters.getCatchAll().joined(separator: "/")
        guard let parsed = TilePath.parse(path) else { throw ServerError(.notFound, "not a tlog-tiles path: \(path.prefix(200))") }
        let state = try call.state
        let builder = TileBuilder(store: state.stores.ledger)
        switch parsed {
        case .hashTile(let level, let index, let width):
            if let cached = state.tiles.tile(path) {
                return APIResponse.bytes(cached, contentType: "application/octet-stream", cacheControl: immutable)
            }
            let tile = try await builder.hashTile(level: level, index: index, width: width)
            state.tiles.store(path, tile)
            return APIResponse.bytes(tile, contentType: "application/octet-stream", cacheControl: immutable)
        case .entryBundle(let index, let width):
            let entries = try await builder.entries(index: index, width: width)
            var cache = immutable
            if !call.mayRead(.auditor) {
                var disclosure = EntryDisclosure(state: state)
                for entry in entries {
                    if try await disclosure.isPublic(entry) { continue }
                    throw call.principal == nil
                        ? ServerError(.unauthenticated, "authentication required (auditor): this entry bundle holds entries that are not public")
                        : ServerError(.forbidden, "this entry bundle holds entries that are not public; it needs the auditor role")
                }
            } else {
                cache = "private, max-age=31536000, immutable"
            }
            return APIResponse.bytes(try EntryBundle.encode(entries.map(Array.init)), contentType: "application/octet-stream", cacheControl: cache)
        }
    }

    @Sendable static func entry(_ call: APICall) async throws -> Response {
        guard let index = UInt64(try call.parameter("index")) else { throw ServerError(.badRequest, "index: expected a whole number") }
        let state = try call.state
        let leaf = try await state.ledger.leafData(at: index)
        if !call.mayRead(.auditor) {
            var disclosure = EntryDisclosure(state: state)
            guard try await disclosure.isPublic(leaf) else {
                throw call.principal == nil
                    ? ServerError(.unauthenticated, "authentication required (auditor): this entry is not public")
                    : ServerError(.forbidden, "this entry is not public; it needs the auditor role")
            }
        }
        let entry = try await state.ledger.entry(at: index)
        return try APIResponse.json(LedgerEntryReport(index: index, entry: entry, leafData: leaf))
    }

    @Sendable static func inclusion(_ call: APICall) async throws -> Response {
        guard let index = try call.queryInteger("index") else { throw ServerError(.badRequest, "index is required") }
        let size = try call.queryInteger("size", range: 1...UInt64(Int64.max))
        return try APIResponse.json(try await call.state.ledger.inclusionProof(index: index, size: size))
    }

    @Sendable static func consistency(_ call: APICall) async throws -> Response {
        guard let from = try call.queryInteger("from") else { throw ServerError(.badRequest, "from is required") }
        let to = try call.queryInteger("to")
        return try APIResponse.json(try await call.state.ledger.consistencyProof(from: from, to: to))
    }
}
