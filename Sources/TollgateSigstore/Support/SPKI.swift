import SwiftASN1
import X509

/// DER SubjectPublicKeyInfo of a key. (`Certificate.PublicKey.subjectPublicKeyInfoBytes` is
/// only the BIT STRING contents, not the SPKI that RFC 6962 and Rekor hash and compare.)
enum SPKI {
    static func der(_ key: Certificate.PublicKey) -> [UInt8] {
        var serializer = DER.Serializer()
        guard (try? serializer.serialize(key)) != nil else { return [] }
        return serializer.serializedBytes
    }
}
