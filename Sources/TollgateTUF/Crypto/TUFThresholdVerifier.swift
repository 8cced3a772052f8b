import TollgateModel

/// Spec §5.3.4 / §5.4.3 / §5.5.3 / §5.6.3: "Check for an arbitrary software attack: … signed by a
/// threshold of keys specified in the trusted … metadata."
///
/// A key counts once: by key id (ids are unique in both lists), and by key material, so one key
/// listed under several ids cannot meet a threshold alone (tuf-conformance `test_duplicate_keys`).
public enum TUFThresholdVerifier {
    /// Checks `metadata` against `role`'s key ids and threshold, with key ids resolved in `keys`.
    public static func verdict(_ metadata: UnverifiedTUFMetadata, role: TUFRoleKeys, keys: [String: TUFKey]) -> TUFThresholdVerdict {
        var signatures: [String: TUFSignature] = [:]
        for signature in metadata.signatures { signatures[signature.keyID] = signature }
        var signedBy: [String] = []
        var rejected: [String] = []
        var seenMaterial = Set<[UInt8]>()
        for keyID in role.keyIDs {
            guard let key = keys[keyID] else {
                rejected.append("no key for key id \(keyID.prefix(16))…")
                continue
            }
            guard let signature = signatures[keyID] else {
                rejected.append("no signature by \(keyID.prefix(16))…")
                continue
            }
            let material: [UInt8]
            switch key.publicKey() {
            case .success(let loaded): material = loaded.spkiDER
            case .failure(let error):
                rejected.append("key \(keyID.prefix(16))…: \(error.reason)")
                continue
            }
            switch key.verify(signatureHex: signature.signatureHex, message: metadata.canonicalSigned) {
            case .valid:
                if seenMaterial.insert(material).inserted {
                    signedBy.append(keyID)
                } else {
                    rejected.append("key \(keyID.prefix(16))… is a key already counted under another id")
                }
            case .invalid(let reason):
                rejected.append("key \(keyID.prefix(16))…: \(reason)")
            }
        }
        return TUFThresholdVerdict(role: role.role, threshold: role.threshold, signedBy: signedBy, rejected: rejected)
    }

    /// Throws `tuf.threshold-not-met` unless the threshold is met.
    static func require(_ metadata: UnverifiedTUFMetadata, role: TUFRoleKeys, keys: [String: TUFKey],
                        signer: String) throws(TUFError) {
        let verdict = verdict(metadata, role: role, keys: keys)
        guard verdict.isMet else {
            throw TUFError(.thresholdNotMet, "\(role.role) version \(metadata.version) is not signed by a threshold of \(signer)'s keys: \(verdict)")
        }
    }
}
