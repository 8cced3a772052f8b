import SwiftASN1
import TollgateModel
import X509

extension FulcioCertificateFacts {
    /// The Fulcio CI extensions, by their last OID arc under 1.3.6.1.4.1.57264.1 (Fulcio `docs/oid-info.md`).
    /// From .8 on, values are DER-encoded UTF8String; the deprecated .2–.6 are raw bytes.
    /// Built once: making an identifier per lookup was most of reading the facts of a bundle.
    private static let oids: [ASN1ObjectIdentifier] = (0...22).map { [1, 3, 6, 1, 4, 1, 57264, 1, UInt($0)] }
    private static func oid(_ arc: UInt) -> ASN1ObjectIdentifier { oids[Int(arc)] }

    /// Reads the SAN and every Fulcio extension from a signing certificate.
    public init(certificate: Certificate, subject: String?) {
        func utf8(_ arc: UInt) -> String? {
            guard let ext = certificate.extensions[oid: Self.oid(arc)],
                  let text = try? ASN1UTF8String(derEncoded: ext.value) else { return nil }
            let value = String(text)
            return value.isEmpty ? nil : value
        }
        func raw(_ arc: UInt) -> String? {
            guard let ext = certificate.extensions[oid: Self.oid(arc)] else { return nil }
            let value = String(decoding: ext.value, as: UTF8.self)
            return value.isEmpty ? nil : value
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
