import AsyncHTTPClient
import Crypto
import Foundation
import HummingbirdTLS
import Logging
import NIOCore
import SwiftASN1
import Testing
import TollgateAdmission
import TollgateModel
import X509
@testable import TollgateServer

/// `--tls-client-ca`: the Kubernetes API server may call `POST /v1/admission` with its TLS client
/// certificate instead of a token; a certificate from another CA is refused at the handshake, and
/// the certificate grants nothing else.
@Suite("Admission with the API server's client certificate", .serialized)
struct AdmissionClientCertificateTests {
    struct Issued {
        let certificate: Certificate
        let key: P256.Signing.PrivateKey
        var pem: String { (try? certificate.serializeAsPEM().pemString) ?? "" }
    }

    static func ca(_ name: String) throws -> Issued {
        let key = P256.Signing.PrivateKey()
        let subject = try DistinguishedName { CommonName(name) }
        let certificate = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(key.publicKey), notValidBefore: Date() - 300,
            notValidAfter: Date() + 3600, issuer: subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true))
            }, issuerPrivateKey: .init(key))
        return Issued(certificate: certificate, key: key)
    }

    static func leaf(_ name: String, by ca: Issued, usage: ExtendedKeyUsage.Usage, names: [GeneralName]) throws -> Issued {
        let key = P256.Signing.PrivateKey()
        let certificate = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(key.publicKey), notValidBefore: Date() - 300,
            notValidAfter: Date() + 3600, issuer: ca.certificate.subject, subject: try DistinguishedName { CommonName(name) },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([usage])
                SubjectAlternativeNames(names)
            }, issuerPrivateKey: .init(ca.key))
        return Issued(certificate: certificate, key: key)
    }

    static func client(trusting ca: Issued, presenting identity: Issued?) throws -> HTTPClient {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates([try NIOSSLCertificate(bytes: Array(ca.pem.utf8), format: .pem)])
        if let identity {
            tls.certificateChain = [.certificate(try NIOSSLCertificate(bytes: Array(identity.pem.utf8), format: .pem))]
            tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(identity.key.pemRepresentation.utf8), format: .pem))
        }
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls, timeout: .init(connect: .seconds(5), read: .seconds(30)))
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    static func post(_ client: HTTPClient, _ url: String, _ body: [UInt8]) async throws -> (Int, JSONValue) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await client.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), (try? JSONValue.parse(Array(buffer: bytes))) ?? .null)
    }

    @Test("a client certificate from --tls-client-ca may call /v1/admission only; none is 401; another CA's is refused at the handshake")
    func clientCertificate() async throws {
        let (directory, location) = try await TestServer.initialize()
        let serverCA = try Self.ca("server CA")
        let clientCA = try Self.ca("apiserver client CA")
        let rogueCA = try Self.ca("rogue CA")
        let serving = try Self.leaf("127.0.0.1", by: serverCA, usage: .serverAuth, names: [.dnsName("localhost"), .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1]))])
        let apiserver = try Self.leaf("kube-apiserver", by: clientCA, usage: .clientAuth, names: [.dnsName("kube-apiserver")])
        let rogue = try Self.leaf("kube-apiserver", by: rogueCA, usage: .clientAuth, names: [.dnsName("kube-apiserver")])
        let files = (cert: directory.appendingPathComponent("tls.crt"), key: directory.appendingPathComponent("tls.key"),
                     clientCA: directory.appendingPathComponent("client-ca.crt"))
        try Data(serving.pem.utf8).write(to: files.cert)
        try Data(serving.key.pemRepresentation.utf8).write(to: files.key)
        try Data(clientCA.pem.utf8).write(to: files.clientCA)
        var configuration = ServerConfiguration(location: location)
        configuration.port = 0
        configuration.tlsCertificate = files.cert.path
        configuration.tlsKey = files.key.path
        configuration.tlsClientCA = files.clientCA.path
        configuration.admission = AdmissionConfig(policy: "production", deadline: .seconds(25))
        var logger = Logger(label: "tollgate.test")
        logger.logLevel = .error
        let server = try await APIServer.start(configuration, logger: logger, signals: [])
        let base = "https://127.0.0.1:\(server.port)"
        let trusted = try Self.client(trusting: serverCA, presenting: apiserver)
        let anonymous = try Self.client(trusting: serverCA, presenting: nil)
        let untrusted = try Self.client(trusting: serverCA, presenting: rogue)
        var ready = false
        for _ in 0..<200 where !ready {
            var request = HTTPClientRequest(url: base + "/readyz")
            request.method = .GET
            ready = (try? await anonymous.execute(request, timeout: .seconds(5)))?.status.code == 200
            if !ready { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(ready)
        let review = Array(try RepositoryFiles.text("Tests/TollgateAdmissionTests/Fixtures/connaisseur/11_role.json").utf8)
        let (status, body) = try await Self.post(trusted, base + "/v1/admission", review)
        #expect(status == 200, "\(body)")
        #expect(body["response"]?["allowed"]?.boolValue == true)
        #expect(try await Self.post(anonymous, base + "/v1/admission", review).0 == 401)
        // The certificate stands for the API server on the webhook only.
        #expect(try await Self.post(trusted, base + "/v1/deployments", Array(#"{"environment":"x","image":"a:1"}"#.utf8)).0 == 401)
        await #expect(throws: (any Error).self) { _ = try await Self.post(untrusted, base + "/v1/admission", review) }
        for client in [trusted, anonymous, untrusted] { try await client.shutdown() }
        try await server.shutdown()
        try? FileManager.default.removeItem(at: directory)
    }
}

/// `tollgate admission certs` makes a serving certificate the server can use and a CA bundle a
/// client (the API server) verifies it with.
@Suite("tollgate admission certs")
struct AdmissionCertsTests {
    @Test("the certificate names the Service's DNS names, chains to ca.crt, and serves HTTPS that a client trusting only ca.crt accepts")
    func certsServe() async throws {
        let (directory, location) = try await TestServer.initialize()
        let out = directory.appendingPathComponent("tls")
        let process = Process()
        process.executableURL = RepositoryFiles.tollgate
        process.arguments = ["admission", "certs", "--service", "tollgate", "--namespace", "security", "--out", out.path, "--format", "json"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let report = try JSONValue.parse(Array(pipe.fileHandleForReading.readDataToEndOfFile()))
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let leaf = try Certificate(pemEncoded: String(contentsOf: out.appendingPathComponent("tls.crt"), encoding: .utf8))
        let ca = try Certificate(pemEncoded: String(contentsOf: out.appendingPathComponent("ca.crt"), encoding: .utf8))
        let names = try leaf.extensions.subjectAlternativeNames?.compactMap { name -> String? in
            if case .dnsName(let text) = name { return text }
            return nil
        } ?? []
        #expect(names == ["tollgate", "tollgate.security", "tollgate.security.svc", "tollgate.security.svc.cluster.local"])
        #expect(leaf.issuer == ca.subject)
        #expect(report["caBundle"]?.stringValue == Data(try String(contentsOf: out.appendingPathComponent("ca.crt"), encoding: .utf8).utf8).base64EncodedString())
        let keyMode = try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent("tls.key").path)[.posixPermissions] as? Int
        #expect(keyMode == 0o600)
        var configuration = ServerConfiguration(location: location)
        configuration.port = 0
        configuration.tlsCertificate = out.appendingPathComponent("tls.crt").path
        configuration.tlsKey = out.appendingPathComponent("tls.key").path
        var logger = Logger(label: "tollgate.test")
        logger.logLevel = .error
        let server = try await APIServer.start(configuration, logger: logger, signals: [])
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(out.appendingPathComponent("ca.crt").path))
        // The API server checks the name it dialled (tollgate.security.svc); loopback has no such name.
        tls.certificateVerification = .noHostnameVerification
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: .init(tlsConfiguration: tls))
        var request = HTTPClientRequest(url: "https://127.0.0.1:\(server.port)/healthz")
        request.method = .GET
        let status = try await client.execute(request, timeout: .seconds(30)).status.code
        #expect(status == 200)
        try await client.shutdown()
        try await server.shutdown()
        // Existing files are never overwritten.
        let again = Process()
        again.executableURL = RepositoryFiles.tollgate
        again.arguments = ["admission", "certs", "--out", out.path]
        again.standardError = FileHandle.nullDevice
        try again.run()
        again.waitUntilExit()
        #expect(again.terminationStatus == 2)
        try? FileManager.default.removeItem(at: directory)
    }
}
