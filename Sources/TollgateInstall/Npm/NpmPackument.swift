import Foundation
import TollgateModel

/// The parts of an npm packument (`GET /NAME`, https://github.com/npm/registry/blob/main/docs/responses/package-metadata.md)
/// the install gate reads: per version its `dist` (integrity, tarball, signatures, attestations),
/// install scripts, and `time[version]`, the publish time registry keys are judged at.
public struct NpmPackument: Sendable {
    /// The largest packument accepted (the biggest public ones are tens of MB).
    public static let maxBytes = 256 << 20

    public struct Signature: Sendable, Hashable, Decodable {
        public var keyid: String
        public var sig: String
    }

    public struct Attestations: Sendable, Hashable, Decodable {
        public struct Provenance: Sendable, Hashable, Decodable {
            public var predicateType: String?
        }
        public var url: String?
        public var provenance: Provenance?
    }

    public struct Dist: Sendable, Hashable, Decodable {
        public var integrity: String?
        public var shasum: String?
        public var tarball: String?
        public var signatures: [Signature]?
        public var attestations: Attestations?
    }

    public struct Version: Sendable, Hashable, Decodable {
        public var name: String?
        public var version: String?
        public var dist: Dist?
        public var scripts: [String: String]?
        public var hasInstallScript: Bool?

        /// True when installing runs a lifecycle script (preinstall, install, postinstall).
        public var runsInstallScripts: Bool {
            hasInstallScript == true || ["preinstall", "install", "postinstall"].contains { scripts?[$0] != nil }
        }
    }

    private struct Wire: Decodable {
        var name: String?
        var versions: [String: Version]?
        var time: [String: String]?
    }

    public let name: String
    public let versions: [String: Version]
    public let time: [String: String]

    public init(json bytes: [UInt8], name expected: String) throws(InstallError) {
        guard bytes.count <= Self.maxBytes else {
            throw InstallError(.tooLarge, "the packument of \(expected) is \(bytes.count) bytes, over the \(Self.maxBytes)-byte limit")
        }
        let wire: Wire
        do {
            try JSONDepth.check(bytes, maxDepth: 64)
            wire = try JSONDecoder().decode(Wire.self, from: Data(bytes))
        } catch {
            throw InstallError(.invalidResponse, "the packument of \(expected) is not valid: \(ErrorText.describe(error))")
        }
        guard wire.name == expected else {
            throw InstallError(.invalidResponse, "asked the registry for \(expected), it answered with the packument of '\(wire.name ?? "(no name)")'")
        }
        name = expected
        versions = wire.versions ?? [:]
        time = wire.time ?? [:]
    }

    /// The publish time of a version (`time[version]`), nil when the packument gives none.
    public func published(_ version: String) -> Date? {
        time[version].flatMap(NpmTime.parse)
    }
}
