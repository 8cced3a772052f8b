import TollgateModel

/// A verified attestation about a package file (a PEP 740 attestation, an npm provenance bundle):
/// the Sigstore bundle verified against the trusted root, its subject the file's digest. The
/// publisher identity is the signing certificate's; the install rules decide whether it counts.
public struct PublisherAttestation: Sendable, Hashable, Codable {
    public var issuer: String
    public var subject: String
    public var certificate: FulcioCertificateFacts?
    public var predicateType: String
    /// Where it came from (the index's provenance URL, an attestation file).
    public var source: String
    /// The publisher the index states beside the attestation (PEP 740), vouched for by that index
    /// only; nil when the attestation did not come from an index's provenance object.
    public var indexPublisher: IndexPublisher?

    public init(issuer: String, subject: String, certificate: FulcioCertificateFacts?, predicateType: String, source: String,
                indexPublisher: IndexPublisher? = nil) {
        self.issuer = issuer
        self.subject = subject
        self.certificate = certificate
        self.predicateType = predicateType
        self.source = source
        self.indexPublisher = indexPublisher
    }

    /// "SUBJECT (issuer ISSUER, repository REPO)".
    public var identity: String {
        var text = "\(subject) (issuer \(issuer)"
        if let repository = certificate?.sourceRepository { text += ", repository \(repository)" }
        if let environment = indexPublisher?.environment, let index = indexPublisher?.vouchedBy {
            text += ", environment \(environment) per \(index)"
        }
        return text + ")"
    }
}
