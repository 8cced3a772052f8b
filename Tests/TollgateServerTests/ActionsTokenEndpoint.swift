import Foundation
import Hummingbird

/// The GitHub Actions ID-token endpoint as a job sees it (`$ACTIONS_ID_TOKEN_REQUEST_URL`), on
/// loopback: `GET ?audience=AUD` with `Authorization: Bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN`
/// answers `{"count": 1, "value": TOKEN}` for the one audience it was given, 401 or 400 otherwise.
final class ActionsTokenEndpoint: Sendable {
    let url: String
    private let app: LoopbackApp

    private init(url: String, app: LoopbackApp) {
        self.url = url
        self.app = app
    }

    static func start(requestToken: String, audience: String, token: String) async throws -> ActionsTokenEndpoint {
        let router = Router()
        router.get("/_apis/distributedtask/token") { request, _ -> Response in
            guard request.headers[.authorization] == "Bearer \(requestToken)" else { return Response(status: .unauthorized) }
            guard request.uri.queryParameters.get("audience") == audience else {
                return Response(status: .badRequest, body: .init(byteBuffer: ByteBuffer(string: #"{"message":"wrong audience"}"#)))
            }
            return Response(status: .ok, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: #"{"count":1,"value":"\#(token)"}"#)))
        }
        let app = try await LoopbackApp.start(router, label: "tollgate.test.actions")
        // The real URL carries its own query (api-version); the client adds `audience`.
        return ActionsTokenEndpoint(url: "http://127.0.0.1:\(app.port)/_apis/distributedtask/token?api-version=2.0", app: app)
    }

    func stop() async throws {
        try await app.stop()
    }
}
