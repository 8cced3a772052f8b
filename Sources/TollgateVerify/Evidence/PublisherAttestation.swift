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

    public init(issuer: String, subject: String, certificate: FulcioCertificateFacts?, predicateType: String, source: String) {
        self.issuer = issuer
        self.subject = subject
        self.certificate = certificate
        self.predicateType = predicateType
        self.source = source
    }

    /// "SUBJECT (issuer ISSUER, repository REPO)".
    public var identity: String {
        var text = "\(subject) (issuer \(issuer)"
        if let repository = certificate?.sourceRepository { text += ", repository \(repository)" }
        return text + ")"
    }
}
