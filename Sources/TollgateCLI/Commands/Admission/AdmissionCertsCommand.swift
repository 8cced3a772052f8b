import ArgumentParser
import Crypto
import Foundation
import TollgateModel
import X509

/// `tollgate admission certs --out DIR`: a CA and a serving certificate for the webhook Service,
/// for clusters without cert-manager (swift-certificates; P-256 keys).
struct AdmissionCertsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certs",
        abstract: "Create the webhook's serving certificate and the CA bundle (for clusters without cert-manager).",
        discussion: """
        Writes DIR/ca.crt, DIR/tls.crt and DIR/tls.key (mode 0600) and prints the caBundle (base64 of ca.crt) for the \
        ValidatingWebhookConfiguration. The serving certificate names SERVICE, SERVICE.NAMESPACE, SERVICE.NAMESPACE.svc \
        and SERVICE.NAMESPACE.svc.cluster.local. The CA's private key is never written: to renew, run this again and \
        update both the Secret and the caBundle.
        """
    )

    @Option(help: "The webhook Service's name.")
    var service = "tollgate"

    @Option(help: "The namespace Tollgate runs in.")
    var namespace = "tollgate-system"

    @Option(help: ArgumentHelp("The directory to write the files to (created if missing; existing files are not overwritten).", valueName: "dir"))
    var out: String

    @Option(help: "Days the certificates are valid.")
    var days = 365

    @OptionGroup var output: OutputOptions

    struct Report: Encodable {
        var schemaVersion = "tollgate.dev/admission-certs/v1"
        let caCertificate: String
        let certificate: String
        let key: String
        let dnsNames: [String]
        let notAfter: Date
        let caBundle: String
    }

    func validate() throws {
        guard (1...3650).contains(days) else { throw ValidationError("--days must be 1 to 3650") }
        for (flag, value) in [("--service", service), ("--namespace", namespace)] {
            guard !value.isEmpty, value.count <= 63, value.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }),
                  value.first != "-", value.last != "-" else {
                throw ValidationError("\(flag) must be a DNS label (lowercase letters, digits and '-', at most 63)")
            }
        }
    }

    func run() async throws {
        try await output.emit { sink in
            let directory = URL(fileURLWithPath: out)
            let paths = ["ca.crt", "tls.crt", "tls.key"].map { directory.appendingPathComponent($0).path }
            if let existing = paths.first(where: { FileManager.default.fileExists(atPath: $0) }) {
                throw CLIError(.usage, "'\(existing)' exists; choose an empty --out directory (certificates are never overwritten)")
            }
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let dnsNames = [service, "\(service).\(namespace)", "\(service).\(namespace).svc", "\(service).\(namespace).svc.cluster.local"]
            let now = Date()
            let notAfter = now.addingTimeInterval(TimeInterval(days) * 86_400)
            let caKey = P256.Signing.PrivateKey()
            let caName = try DistinguishedName { CommonName("Tollgate admission CA (\(namespace))") }
            let ca = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(caKey.publicKey),
                notValidBefore: now.addingTimeInterval(-300), notValidAfter: notAfter, issuer: caName, subject: caName,
                signatureAlgorithm: .ecdsaWithSHA256,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                    Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                },
                issuerPrivateKey: .init(caKey))
            let key = P256.Signing.PrivateKey()
            let leaf = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
                notValidBefore: now.addingTimeInterval(-300), notValidAfter: notAfter, issuer: caName,
                subject: try DistinguishedName { CommonName(dnsNames[2]) },
                signatureAlgorithm: .ecdsaWithSHA256,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.notCertificateAuthority)
                    Critical(KeyUsage(digitalSignature: true))
                    try ExtendedKeyUsage([.serverAuth])
                    SubjectAlternativeNames(dnsNames.map { GeneralName.dnsName($0) })
                },
                issuerPrivateKey: .init(caKey))
            let caPEM = try ca.serializeAsPEM().pemString + "\n"
            try AtomicFile.write(Data(caPEM.utf8), to: paths[0])
            try AtomicFile.write(Data((try leaf.serializeAsPEM().pemString + "\n").utf8), to: paths[1])
            try AtomicFile.write(Data((key.pemRepresentation + "\n").utf8), to: paths[2], mode: 0o600)
            let report = Report(caCertificate: paths[0], certificate: paths[1], key: paths[2], dnsNames: dnsNames, notAfter: notAfter,
                                caBundle: Data(caPEM.utf8).base64EncodedString())
            if output.isJSON {
                try sink.json(report)
            } else {
                sink.line("wrote \(paths[0]), \(paths[1]) and \(paths[2]) (valid until \(notAfter.formatted(.iso8601)))")
                sink.line("serving certificate names: \(dnsNames.joined(separator: ", "))")
                sink.line("kubectl -n \(namespace) create secret tls tollgate-webhook-tls --cert=\(paths[1]) --key=\(paths[2])")
                sink.line("caBundle (webhook.caBundle in the Helm values, clientConfig.caBundle in the manifest):")
                sink.line(report.caBundle)
            }
        }
    }
}
