import Foundation
import TollgateModel

/// One published version of a named policy. The document is in the ledger's blob store under
/// `digest`; versions are numbered from 1 in the order of their `policy.published` entries.
public struct PolicyVersion: Sendable, Hashable, Codable {
    public var name: String
    public var version: Int
    /// SHA-256 of the policy document.
    public var digest: Digest
    public var published: Date
    public var publishedBy: String
    public var ledgerIndex: UInt64

    public init(name: String, version: Int, digest: Digest, published: Date, publishedBy: String, ledgerIndex: UInt64) {
        self.name = name
        self.version = version
        self.digest = digest
        self.published = published
        self.publishedBy = publishedBy
        self.ledgerIndex = ledgerIndex
    }

    /// `versions` numbered from 1 within each name in ledger-index order, sorted by name, then version.
    public static func numbered(_ versions: [PolicyVersion]) -> [PolicyVersion] {
        var counts: [String: Int] = [:]
        return versions.sorted { ($0.name, $0.ledgerIndex) < ($1.name, $1.ledgerIndex) }.map { version in
            var numbered = version
            numbered.version = (counts[version.name] ?? 0) + 1
            counts[version.name] = numbered.version
            return numbered
        }
    }
}
