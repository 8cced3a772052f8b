import Foundation
import Testing
import TollgateModel
@testable import TollgateSigstore

/// The key names a Rekor v1 (ECDSA) log's checkpoints may be signed under: the origin and each
/// prefix before a " - " (docs/sigstore.md). ASCII origins are split by bytes; the names must be
/// exactly the ones Foundation's `range(of:)` finds, which non-ASCII origins still use.
@Suite("checkpoint key names")
struct CheckpointKeyNameTests {
    /// The production Rekor v1 log of the shipped trusted root (a P-256 key).
    static func rekor() throws -> TransparencyLogInstance {
        let root = try TrustedRoot.publicGoodProduction()
        return try #require(root.transparencyLogs.first { $0.baseURL.contains("rekor.sigstore.dev") })
    }

    /// The names as the splitting was written before (Foundation's string search).
    static func reference(_ origin: String) -> [String] {
        var names = [origin]
        var rest = origin.startIndex..<origin.endIndex
        while let separator = origin.range(of: " - ", range: rest) {
            if separator.lowerBound > origin.startIndex { names.append(String(origin[..<separator.lowerBound])) }
            rest = separator.upperBound..<origin.endIndex
        }
        return names
    }

    @Test("names match Foundation's split for ASCII and non-ASCII origins", arguments: [
        "rekor.sigstore.dev - 2605736670972794746",
        "rekor.sigstore.dev",
        " - leading",
        "a - b - c",
        "a - - b",
        "a -  - b",
        "a  -  b",
        "trailing - ",
        " - ",
        "",
        "a\r\n - b",
        "é - x",
        "a - b\u{301} - c",
        "a -\u{301} b - c",
    ])
    func namesMatchReference(origin: String) throws {
        let names = try Self.rekor().noteVerifiers(origin: origin).map(\.name)
        #expect(names == Self.reference(origin))
    }

    @Test("the production shard origin is signed as the bare host name")
    func productionShard() throws {
        let names = try Self.rekor().noteVerifiers(origin: "rekor.sigstore.dev - 2605736670972794746").map(\.name)
        #expect(names == ["rekor.sigstore.dev - 2605736670972794746", "rekor.sigstore.dev"])
    }
}
