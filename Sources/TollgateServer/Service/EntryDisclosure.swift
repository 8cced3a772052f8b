import Foundation
import TollgateLedger
import TollgateModel
import TollgateStore

/// Which ledger entries anonymous readers may see: the registration, evidence, SBOM, findings,
/// decision and disclosure entries of a disclosed (public) artifact. Every other entry (tokens, policies, notes,
/// anything about an undisclosed artifact) needs an auditor.
struct EntryDisclosure {
    let state: LoadedState
    private var artifacts: [Digest: Bool] = [:]

    init(state: LoadedState) {
        self.state = state
    }

    static let disclosableKinds: Set<LedgerEntryKind> = [.artifactRegistered, .attestationStored, .decisionMade, .disclosureChanged,
                                                         .sbomImported, .findingsObserved]

    /// Whether the encoded entry is about a disclosed artifact.
    mutating func isPublic(_ leafData: Data) async throws -> Bool {
        guard let entry = try? LedgerEntry(decoding: leafData), Self.disclosableKinds.contains(entry.kind) else { return false }
        var payload = entry.payload
        if payload == nil { payload = try await state.stores.ledger.blob(digest: entry.payloadDigest.description) }
        guard let payload, let json = try? JSONValue.parse(payload),
              let text = json["subject"]?.stringValue ?? json["digest"]?.stringValue ?? json["artifact"]?.stringValue
                  ?? json["artifact"]?["digest"]?.stringValue,
              let digest = try? Digest(parsing: text) else { return false }
        if let known = artifacts[digest] { return known }
        let disclosed = try await state.evidence.artifact(digest)?.isPublic ?? false
        artifacts[digest] = disclosed
        return disclosed
    }
}
