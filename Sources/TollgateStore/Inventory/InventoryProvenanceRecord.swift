import Foundation
import TollgateModel

/// Who vouches for a provenance fact, as stored.
public enum InventoryTrustSource: String, Sendable, Hashable, Codable {
    /// A Fulcio certificate extension (copied by the CA from the CI provider's token).
    case certificate
    /// A statement signed by a signer the policy trusted when it was recorded.
    case signedStatement = "signed-statement"
    /// Unsigned or signed by a party the policy did not trust: shown, never trusted.
    case selfAsserted = "self-asserted"
}

/// The provenance fields an incident can search by.
public enum InventoryProvenanceField: String, Sendable, Hashable, Codable, CaseIterable {
    case repository, commit, ref, workflow, builder, trigger
}

/// Provenance facts about one artifact, with who vouches for them.
public struct InventoryProvenanceRecord: Sendable, Hashable, Codable {
    public var artifact: Digest
    public var source: InventoryTrustSource
    /// Who vouches: the certificate identity, the signer's key id, or the file that asserted it.
    public var vouchedBy: String
    public var repository: String?
    public var commit: String?
    public var ref: String?
    public var workflow: String?
    public var builder: String?
    public var trigger: String?
    /// The attestation document's digest, when one was stored.
    public var document: Digest?
    public var time: Date

    public init(artifact: Digest, source: InventoryTrustSource, vouchedBy: String, repository: String? = nil,
                commit: String? = nil, ref: String? = nil, workflow: String? = nil, builder: String? = nil,
                trigger: String? = nil, document: Digest? = nil, time: Date) {
        self.artifact = artifact
        self.source = source
        self.vouchedBy = vouchedBy
        self.repository = repository
        self.commit = commit
        self.ref = ref
        self.workflow = workflow
        self.builder = builder
        self.trigger = trigger
        self.document = document
        self.time = time
    }

    public func value(of field: InventoryProvenanceField) -> String? {
        switch field {
        case .repository: repository
        case .commit: commit
        case .ref: ref
        case .workflow: workflow
        case .builder: builder
        case .trigger: trigger
        }
    }
}
