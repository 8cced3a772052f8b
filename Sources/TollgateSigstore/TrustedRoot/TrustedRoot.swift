import Foundation
import TollgateModel
import X509

/// A parsed `trusted_root.json` (sigstore/protobuf-specs `dev.sigstore.trustroot.v1.TrustedRoot`):
/// the Rekor logs, Fulcio CAs, CT logs and timestamp authorities a verifier trusts. Keys and
/// chains are parsed and the CA chains checked once, at load, so verifying a bundle only pays
/// for the bundle's own signatures.
public struct TrustedRoot: Sendable {
    public let mediaType: String
    public let transparencyLogs: [TransparencyLogInstance]
    public let certificateAuthorities: [CertificateAuthority]
    public let ctLogs: [TransparencyLogInstance]
    public let timestampAuthorities: [CertificateAuthority]

    static let maxBytes = 4 << 20

    public init(json bytes: [UInt8]) throws(SigstoreError) {
        do {
            try SigstoreJSONGuard.check(bytes, what: "trusted root", maxBytes: Self.maxBytes)
        } catch {
            throw SigstoreError(.invalidTrustedRoot, error.reason)
        }
        let wire: TrustedRootWire
        do {
            wire = try TrustedRootWire.decode(bytes)
        } catch {
            throw SigstoreError(.invalidTrustedRoot, "the trusted root is not valid JSON: \(JSONDepth.describe(error))")
        }
        guard let mediaType = wire.mediaType, mediaType.hasPrefix("application/vnd.dev.sigstore.trustedroot") else {
            throw SigstoreError(.invalidTrustedRoot, "mediaType is missing or not a trusted root media type")
        }
        self.mediaType = mediaType
        var tlogs: [TransparencyLogInstance] = []
        for (index, item) in (wire.tlogs ?? []).enumerated() {
            tlogs.append(try TransparencyLogInstance(wire: item, at: "tlogs[\(index)]"))
        }
        var ctlogs: [TransparencyLogInstance] = []
        for (index, item) in (wire.ctlogs ?? []).enumerated() {
            ctlogs.append(try TransparencyLogInstance(wire: item, at: "ctlogs[\(index)]"))
        }
        var cas: [CertificateAuthority] = []
        for (index, item) in (wire.certificateAuthorities ?? []).enumerated() {
            cas.append(try CertificateAuthority(wire: item, at: "certificateAuthorities[\(index)]"))
        }
        var tsas: [CertificateAuthority] = []
        for (index, item) in (wire.timestampAuthorities ?? []).enumerated() {
            tsas.append(try CertificateAuthority(wire: item, at: "timestampAuthorities[\(index)]"))
        }
        transparencyLogs = tlogs
        ctLogs = ctlogs
        certificateAuthorities = cas
        timestampAuthorities = tsas
    }

    /// Reads and parses a trusted root file.
    public init(contentsOf url: URL) throws(SigstoreError) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SigstoreError(.invalidTrustedRoot, "cannot read trusted root \(url.path): \(error.localizedDescription)")
        }
        try self.init(json: [UInt8](data))
    }

    /// The Sigstore public-good production trusted root shipped with Tollgate (see
    /// `Sources/TollgateSigstore/Resources/SOURCES.md`). No network is used, and no file: the
    /// root is compiled in, pre-parsed (``ShippedTrustedRoot``).
    public static func publicGoodProduction() throws(SigstoreError) -> TrustedRoot {
        try TrustedRoot(shipped: .production)
    }

    /// The Sigstore public-good staging trusted root shipped with Tollgate.
    public static func publicGoodStaging() throws(SigstoreError) -> TrustedRoot {
        try TrustedRoot(shipped: .staging)
    }

    /// Builds a root from its compiled-in form: base64 and DER decoding only. The CA chain
    /// links are not re-checked here: they are constant bytes that `ShippedTrustedRootTests`
    /// proves equal to what ``init(json:)`` (which checks them) makes of the JSON file.
    init(shipped: ShippedTrustedRoot) throws(SigstoreError) {
        func corrupt(_ what: String) -> SigstoreError {
            SigstoreError(.invalidTrustedRoot, "the compiled-in trusted root \(shipped.file) is corrupt at \(what); regenerate it")
        }
        func range(_ start: Double, _ end: Double?) -> TimeRange {
            TimeRange(start: Date(timeIntervalSinceReferenceDate: start), end: end.map(Date.init(timeIntervalSinceReferenceDate:)))
        }
        func logs(_ list: [ShippedTrustedRoot.Log], _ name: String) throws(SigstoreError) -> [TransparencyLogInstance] {
            var result: [TransparencyLogInstance] = []
            for (index, log) in list.enumerated() {
                guard let logID = Base64Text.decode(log.logID), let key = Base64Text.decode(log.key) else { throw corrupt("\(name)[\(index)]") }
                result.append(TransparencyLogInstance(baseURL: log.baseURL, logID: logID, keyDetails: log.keyDetails,
                                                      spkiDER: key, validFor: range(log.start, log.end)))
            }
            return result
        }
        func authorities(_ list: [ShippedTrustedRoot.Authority], _ name: String) throws(SigstoreError) -> [CertificateAuthority] {
            var result: [CertificateAuthority] = []
            for (index, authority) in list.enumerated() {
                var chain: [Certificate] = []
                var ders: [[UInt8]] = []
                for text in authority.chain {
                    guard let der = Base64Text.decode(text), let certificate = try? Certificate(derEncoded: der) else {
                        throw corrupt("\(name)[\(index)]")
                    }
                    chain.append(certificate)
                    ders.append(der)
                }
                result.append(CertificateAuthority(uri: authority.uri, chain: chain, chainDER: ders,
                                                   validFor: range(authority.start, authority.end)))
            }
            return result
        }
        mediaType = shipped.mediaType
        transparencyLogs = try logs(shipped.tlogs, "tlogs")
        certificateAuthorities = try authorities(shipped.certificateAuthorities, "certificateAuthorities")
        ctLogs = try logs(shipped.ctlogs, "ctlogs")
        timestampAuthorities = try authorities(shipped.timestampAuthorities, "timestampAuthorities")
    }

    func transparencyLog(id: [UInt8]) -> TransparencyLogInstance? {
        transparencyLogs.first { $0.logID == id }
    }

    /// True when `der` is byte for byte one of the Fulcio CA certificates of this root.
    func containsCertificateAuthorityCertificate(der: [UInt8]) -> Bool {
        certificateAuthorities.contains { $0.chainDER.contains(der) }
    }

    func ctLog(id: [UInt8]) -> TransparencyLogInstance? {
        ctLogs.first { $0.logID == id }
    }
}
