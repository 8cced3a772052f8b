import SwiftASN1
import TollgateModel
import X509

extension FulcioCertificateFacts {
    /// The Fulcio CI extensions, by their last OID arc under 1.3.6.1.4.1.57264.1 (Fulcio `docs/oid-info.md`).
    /// From .8 on, values are DER-encoded UTF8String; the deprecated .2–.6 are raw bytes.
    /// Built once: making an identifier per lookup was most of reading the facts of a bundle.
    private static let oids: [ASN1ObjectIdentifier] = (0...22).map { [1, 3, 6, 1, 4, 1, 57264, 1, UInt($0)] }
    /// Each OID's last arc, for one pass over a certificate's extensions.
    private static let arcs: [ASN1ObjectIdentifier: Int] = Dictionary(uniqueKeysWithValues: oids.enumerated().map { ($1, $0) })

    /// Reads the SAN and every Fulcio extension from a signing certificate.
    public init(certificate: Certificate, subject: String?) {
        // One pass over the extensions instead of a linear search per OID; the first extension of
        // an OID counts, as `certificate.extensions[oid:]` reads it.
        var values = [ArraySlice<UInt8>?](repeating: nil, count: Self.oids.count)
        for ext in certificate.extensions {
            if let arc = Self.arcs[ext.oid], values[arc] == nil { values[arc] = ext.value }
        }
        func utf8(_ arc: Int) -> String? {
            guard let value = values[arc], let text = try? ASN1UTF8String(derEncoded: value) else { return nil }
            let string = String(text)
            return string.isEmpty ? nil : string
        }
        func raw(_ arc: Int) -> String? {
            guard let value = values[arc] else { return nil }
            let string = String(decoding: value, as: UTF8.self)
            return string.isEmpty ? nil : string
        }
        self.init(subject: subject)
        issuer = utf8(8) ?? raw(1)
        buildSignerURI = utf8(9)
        buildSignerDigest = utf8(10)
        runnerEnvironment = utf8(11)
        sourceRepositoryURI = utf8(12)
        sourceRepositoryDigest = utf8(13) ?? raw(3)
        sourceRepositoryRef = utf8(14) ?? raw(6)
        sourceRepositoryIdentifier = utf8(15)
        sourceRepositoryOwnerURI = utf8(16)
        sourceRepositoryOwnerIdentifier = utf8(17)
        buildConfigURI = utf8(18)
        buildConfigDigest = utf8(19)
        buildTrigger = utf8(20) ?? raw(2)
        runInvocationURI = utf8(21)
        sourceRepositoryVisibility = utf8(22)
        // Certificates issued before the V2 extensions name the GitHub repository as `owner/name` (1.5).
        if sourceRepositoryURI == nil, let repository = raw(5), issuer == "https://token.actions.githubusercontent.com" {
            sourceRepositoryURI = "https://github.com/\(repository)"
        }
    }
}
