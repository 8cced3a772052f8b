import NIOCore
import NIOSSL
import TollgateModel
import TollgateStore

/// The Kubernetes API server as a principal, by its TLS client certificate: with `--tls-client-ca`
/// the TLS layer accepts a client certificate only if it chains to that CA, so a certificate on
/// the connection is a verified one. It stands for the `deployer` role on `POST /v1/admission`
/// only; its id is the SHA-256 of the certificate.
enum ClientCertificate {
    static func principal(of channel: any Channel) async throws -> Principal? {
        let der: [UInt8]? = try await channel.eventLoop.submit {
            guard let handler = try? channel.pipeline.syncOperations.handler(type: NIOSSLServerHandler.self),
                  let certificate = handler.peerCertificate else { return nil }
            return try certificate.toDERBytes()
        }.get()
        guard let der else { return nil }
        let fingerprint = DigestAlgorithm.sha256.hash(der).description
        return Principal(kind: .certificate, name: "kubernetes-apiserver", role: .deployer, id: fingerprint)
    }
}
