import Foundation
import TollgateStore

/// One published policy version.
struct PolicyVersionView: Encodable {
    let name: String
    let version: Int
    let digest: String
    let published: Date
    let publishedBy: String
    let ledgerIndex: UInt64

    init(_ version: PolicyVersion) {
        name = version.name
        self.version = version.version
        digest = version.digest.description
        published = version.published
        publishedBy = version.publishedBy
        ledgerIndex = version.ledgerIndex
    }
}
