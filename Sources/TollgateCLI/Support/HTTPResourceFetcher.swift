import AsyncHTTPClient
import Foundation
import NIOCore
import TollgateInstall
import TollgateModel

/// The install verifiers' `ResourceFetcher` over HTTP(S) with AsyncHTTPClient: any status is an
/// answer; no answer (refused, timeout) is `install.unreachable`; a body past the limit is refused
/// as soon as it passes it. Credentials in the URL (`https://user:token@host/…`) go out as HTTP
/// basic authentication, as pip sends them.
struct HTTPResourceFetcher: ResourceFetcher {
    let timeout: TimeAmount
    private let client: HTTPClient

    static func with<T: Sendable>(timeout: TimeAmount = .seconds(60), _ body: (HTTPResourceFetcher) async throws -> T) async throws -> T {
        try await ScopedHTTPClient.with(timeout: timeout) { client in
            try await body(HTTPResourceFetcher(timeout: timeout, client: client))
        }
    }

    func get(_ url: String, accept: String?, limit: Int) async throws(InstallError) -> FetchedResource {
        var request = HTTPClientRequest(url: url)
        if let accept { request.headers.add(name: "Accept", value: accept) }
        if let parts = URLComponents(string: url), let user = parts.user {
            let credentials = "\(user.removingPercentEncoding ?? user):\((parts.password ?? "").removingPercentEncoding ?? "")"
            request.headers.add(name: "Authorization", value: "Basic \(Data(credentials.utf8).base64EncodedString())")
            var plain = parts
            plain.user = nil
            plain.password = nil
            request.url = plain.string ?? url
        }
        let shown = Self.redacted(url)
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: timeout)
        } catch {
            throw InstallError(.unreachable, "cannot reach \(shown): \(ErrorText.describe(error))")
        }
        if let length = response.headers.first(name: "content-length").flatMap(Int.init), length > limit {
            throw InstallError(.tooLarge, "\(shown) is \(length) bytes, over its \(limit)-byte limit")
        }
        let bytes: [UInt8]
        do {
            bytes = Array(buffer: try await response.body.collect(upTo: limit))
        } catch is NIOTooManyBytesError {
            throw InstallError(.tooLarge, "\(shown) is longer than its \(limit)-byte limit")
        } catch {
            throw InstallError(.unreachable, "cannot read the body of \(shown): \(ErrorText.describe(error))")
        }
        return FetchedResource(status: Int(response.status.code), body: bytes)
    }

    /// The URL without its password, for messages.
    static func redacted(_ url: String) -> String {
        guard var parts = URLComponents(string: url), parts.password != nil else { return url }
        parts.password = "***"
        return parts.string ?? url
    }
}
