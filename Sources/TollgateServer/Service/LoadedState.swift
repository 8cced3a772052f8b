import Foundation
import TollgateData
import TollgateLedger
import TollgateModel
import TollgateSigstore
import TollgateStore

/// What the server needs to answer API requests, available once the stores are open and the
/// trusted root is loaded (`/readyz`).
struct LoadedState: Sendable {
    let stores: DataStores
    let ledger: Ledger
    let tokens: TokenAuthority
    let trustedRoot: TrustedRoot
    /// `sha256:…` of the trusted root file, or the shipped root's name (admission's cache key).
    let trustedRootVersion: String
    let keys: [PublicKey]
    let advisories: (any AdvisoryStore)?
    let oidc: OIDCVerifier?
    /// The log's C2SP verifier key (`docs/ledger.md`).
    let verifierKey: String
    /// Whose ledger key signs checkpoints (the actor of the server's own entries).
    let keyActor: String
    let policyLibrary = PolicyLibrary()
    /// Hash tiles and entry bundles already built (their content never changes).
    let tiles = TileCache()
    /// Incident answers by query and inventory revision.
    let incidentAnswers = IncidentAnswerCache()
    /// Where the dashboard index keeps its snapshot (nil: it reads the whole ledger at each start).
    var indexSnapshot: DashboardIndexSnapshotFile? = nil

    var evidence: any EvidenceStore { stores.evidence }
    var policies: any PolicyStore { stores.policies }
}
