import AsyncHTTPClient
import Crypto
import Foundation
import Logging
import NIOSSL
import SwiftASN1
import Testing
import TollgateData
import TollgateLedger
import TollgateModel
import X509
@testable import TollgateServer

@Suite("TLS and readiness", .serialized)
struct TLSAndReadinessTests {
    @Test("with --tls-cert and --tls-key the server speaks HTTPS and sends HSTS")
    func servesHTTPS() async throws {
        let directory = try TestServer.temporaryDirectory()
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName { CommonName("127.0.0.1") }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: Date().addingTimeInterval(-60), notValidAfter: Date().addingTimeInterval(3600),
            issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions { SubjectAlternativeNames([.ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1]))]) },
            issuerPrivateKey: .init(key))
        let certificateFile = directory.appendingPathComponent("cert.pem"), keyFile = directory.appendingPathComponent("key.pem")
        try Data(try certificate.serializeAsPEM().pemString.utf8).write(to: certificateFile)
        try Data(key.pemRepresentation.utf8).write(to: keyFile)
        let server = try await TestServer.start {
            $0.tlsCertificate = certificateFile.path
            $0.tlsKey = keyFile.path
        }
        // The harness's own readiness check speaks plain HTTP and fails; ask over HTTPS.
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates([try NIOSSLCertificate(bytes: Array(try certificate.serializeAsPEM().pemString.utf8), format: .pem)])
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: .init(tlsConfiguration: tls))
        let response = try await client.execute(HTTPClientRequest(url: "https://127.0.0.1:\(server.server.port)/healthz"), timeout: .seconds(10))
        #expect(response.status == .ok)
        #expect(response.headers.first(name: "strict-transport-security") == "max-age=31536000")
        _ = try await response.body.collect(upTo: 1 << 16)
        try await client.shutdown()
        try await server.stop()
    }

    @Test("/readyz is 503 with the reason, and the API 503, while the database cannot be reached; /healthz answers")
    func notReadyWithoutTheDatabase() async throws {
        let directory = try TestServer.temporaryDirectory()
        let keyPath = directory.appendingPathComponent("ledger.key").path
        _ = try LogKeyFile.create(path: keyPath, name: "tollgate.test/unreachable")
        var configuration = ServerConfiguration(location: DataLocation(directory: directory.path,
                                                                       databaseURL: "postgres://tollgate@127.0.0.1:9/none",
                                                                       keyPath: keyPath))
        configuration.port = 0
        let server = try await APIServer.start(configuration, logger: .init(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), signals: [])
        let base = "http://127.0.0.1:\(server.port)"
        #expect(try await TestServer.send(base: base, .GET, "/healthz").status == 200)
        let ready = try await TestServer.send(base: base, .GET, "/readyz")
        #expect(ready.status == 503)
        #expect(ready.code == "server.unavailable")
        #expect(ready.json["message"]?.stringValue?.contains("PostgreSQL") == true, "\(ready.text)")
        #expect(try await TestServer.send(base: base, .GET, "/v1/artifacts").status == 503)
        try await server.shutdown()
    }
}
