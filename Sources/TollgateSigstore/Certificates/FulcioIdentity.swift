import SwiftASN1
import TollgateModel
import X509

/// The identity a Fulcio certificate asserts: the SAN (email, URI or otherName username) and
/// the OIDC issuer extension (Fulcio `docs/oid-info.md`: 1.3.6.1.4.1.57264.1.8, DER UTF8String;
/// legacy 1.3.6.1.4.1.57264.1.1, raw bytes).
public struct FulcioIdentity: Sendable, Equatable, Codable {
    public let subjectAlternativeNames: [String]
    public let issuer: String?
    /// The Fulcio CI extensions (source repository, ref, build signer, runner, trigger, ...), read
    /// from the certificate on first use: verification itself never needs them, only the gate and
    /// the install checks that look at them afterwards (reading them was ~0.7% of every bundle of a
    /// `verify-bundle --batch`, docs/benchmarks.md).
    public var facts: FulcioCertificateFacts { factsBox.value }
    private let factsBox: Lazy<FulcioCertificateFacts>

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
        let subject = names.first
        factsBox = Lazy { FulcioCertificateFacts(certificate: certificate, subject: subject) }
    }

    enum CodingKeys: String, CodingKey {
        case subjectAlternativeNames, issuer, facts
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        subjectAlternativeNames = try container.decode([String].self, forKey: .subjectAlternativeNames)
        issuer = try container.decodeIfPresent(String.self, forKey: .issuer)
        let facts = try container.decode(FulcioCertificateFacts.self, forKey: .facts)
        factsBox = Lazy { facts }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(subjectAlternativeNames, forKey: .subjectAlternativeNames)
        try container.encodeIfPresent(issuer, forKey: .issuer)
        try container.encode(facts, forKey: .facts)
    }

    public static func == (lhs: FulcioIdentity, rhs: FulcioIdentity) -> Bool {
        lhs.subjectAlternativeNames == rhs.subjectAlternativeNames && lhs.issuer == rhs.issuer && lhs.facts == rhs.facts
    }
}
