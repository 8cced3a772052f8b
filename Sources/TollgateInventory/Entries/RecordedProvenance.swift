import TollgateModel
import TollgateStore

/// Build and source facts about an artifact as one party vouches for them: the certificate, the
/// signer of a trusted statement, or a party nobody trusts (self-asserted). Part of an
/// `artifact.registered` payload.
public struct RecordedProvenance: Sendable, Hashable, Codable {
    public var source: InventoryTrustSource
    /// Who vouches: the certificate identity, the signer, or the file that asserted it.
    public var vouchedBy: String
    /// `host/owner/name`, normalised (`ProvenanceFacts.normalise(repository:)`).
    public var repository: String?
    public var commit: String?
    public var ref: String?
    public var workflow: String?
    public var builder: String?
    public var trigger: String?
    /// The attestation document's digest, when it was stored beside the log.
    public var document: Digest?

    public init(source: InventoryTrustSource, vouchedBy: String, repository: String? = nil, commit: String? = nil,
                ref: String? = nil, workflow: String? = nil, builder: String? = nil, trigger: String? = nil,
                document: Digest? = nil) {
        self.source = source
        self.vouchedBy = vouchedBy
        self.repository = repository.map(ProvenanceFacts.normalise(repository:))
        self.commit = commit
        self.ref = ref
        self.workflow = workflow
        self.builder = builder
        self.trigger = trigger
        self.document = document
    }

    /// True when no fact is present.
    public var isEmpty: Bool {
        repository == nil && commit == nil && ref == nil && workflow == nil && builder == nil && trigger == nil
    }
}
