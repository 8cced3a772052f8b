/// The Trusted Publisher an index states for an attestation (PEP 740 provenance object,
/// `attestation_bundles[].publisher`): kind, repository, workflow and, unlike the Fulcio
/// certificate, the deployment `environment`. The certificate does not vouch for these fields;
/// the index does, so `vouchedBy` records which index served them.
public struct IndexPublisher: Sendable, Hashable, Codable {
    public var kind: String?
    public var repository: String?
    public var workflow: String?
    public var environment: String?
    /// The index (simple URL, credentials removed) whose provenance object stated this publisher.
    public var vouchedBy: String

    public init(kind: String?, repository: String?, workflow: String?, environment: String?, vouchedBy: String) {
        self.kind = kind
        self.repository = repository
        self.workflow = workflow
        self.environment = environment
        self.vouchedBy = vouchedBy
    }
}
