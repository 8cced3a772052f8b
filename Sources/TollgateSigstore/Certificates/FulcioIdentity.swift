import SwiftASN1
import TollgateModel
import X509

/// The identity a Fulcio certificate asserts: the SAN (email, URI or otherName username) and
/// the OIDC issuer extension (Fulcio `docs/oid-info.md`: 1.3.6.1.4.1.57264.1.8, DER UTF8String;
/// legacy 1.3.6.1.4.1.57264.1.1, raw bytes).
public struct FulcioIdentity: Sendable, Equatable, Codable {
    public let subjectAlternativeNames: [String]
    public let issuer: String?
    /// The Fulcio CI extensions (source repository, ref, build signer, runner, trigger, ...).
    public let facts: FulcioCertificateFacts

    static let issuerV2: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 57264, 1, 8]
    static let issuerV1: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 57264, 1, 1]
    static let otherNameUsername: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 57264, 1, 7]

    /// otherName value is `[0] EXPLICIT UTF8String`.
    private static func otherNameText(_ other: GeneralName.OtherName) -> String? {
        guard let value = other.value else { return nil }
        var serializer = DER.Serializer()
        guard (try? serializer.serialize(value)) != nil, let node = try? DER.parse(serializer.serializedBytes) else { return nil }
        if let text = try? ASN1UTF8String(derEncoded: node) { return String(text) }
        guard case .constructed(let inner) = node.content, let first = inner.first(where: { _ in true }),
              let text = try? ASN1UTF8String(derEncoded: first) else { return nil }
        return String(text)
    }

    init(certificate: Certificate) {
        var names: [String] = []
        if let sans = try? certificate.extensions.subjectAlternativeNames {
            for name in sans {
                switch name {
                case .rfc822Name(let email): names.append(email)
                case .uniformResourceIdentifier(let uri): names.append(uri)
                case .dnsName(let dns): names.append(dns)
                case .otherName(let other) where other.typeID == Self.otherNameUsername:
                    if let text = Self.otherNameText(other) { names.append(text) }
                default: break
                }
            }
        }
        subjectAlternativeNames = names
        if let ext = certificate.extensions[oid: Self.issuerV2], let text = try? ASN1UTF8String(derEncoded: ext.value) {
            issuer = String(text)
        } else if let ext = certificate.extensions[oid: Self.issuerV1] {
            issuer = String(decoding: ext.value, as: UTF8.self)
        } else {
            issuer = nil
        }
        facts = FulcioCertificateFacts(certificate: certificate, subject: names.first)
    }
}
