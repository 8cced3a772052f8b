import AsyncHTTPClient
import Foundation
import NIOCore
import TollgateSigstore

/// Keyless signing's HTTP (`SigstoreHTTPTransport`) over AsyncHTTPClient: Fulcio's and Rekor's
/// `POST`s, with a timeout and a body limit (a longer answer is refused as soon as it passes it).
struct AsyncHTTPSigstoreTransport: SigstoreHTTPTransport {
    let client: HTTPClient
    let timeout: TimeAmount

    func post(_ url: String, body: [UInt8], headers: [String: String], limit: Int) async throws -> SigstoreHTTPResponse {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await client.execute(request, timeout: timeout)
        let bytes: [UInt8]
        do {
            bytes = Array(buffer: try await response.body.collect(upTo: limit))
        } catch is NIOTooManyBytesError {
            throw SigstoreError(.tooLarge, "the answer is longer than \(limit) bytes")
        }
        return SigstoreHTTPResponse(status: Int(response.status.code), body: bytes)
    }
}
