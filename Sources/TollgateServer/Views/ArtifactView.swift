import Foundation
import TollgateModel
import TollgateStore

/// A registered artifact as the API shows it. Who registered it is shown to principals only.
struct ArtifactView: Encodable {
    let digest: String
    let name: String?
    let version: String?
    let purl: String?
    let `public`: Bool
    let registered: Date
    let registeredBy: String?
    let ledgerIndex: UInt64

    init(_ artifact: ArtifactRegistration, full: Bool) {
        digest = artifact.digest.description
        name = artifact.name
        version = artifact.version
        purl = artifact.purl
        `public` = artifact.isPublic
        registered = artifact.registered
        registeredBy = full ? artifact.registeredBy : nil
        ledgerIndex = artifact.ledgerIndex
    }
}
