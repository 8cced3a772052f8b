import Foundation
import TollgateModel
import TollgateSigstore
import TollgateVerify

/// npm's publish attestation (predicate `https://github.com/npm/attestation/tree/main/specs/publish/v0.1`):
/// a Sigstore bundle the **registry** signs with its own key (the bundle names it by key id in
/// `verificationMaterial.publicKey.hint`), whose in-toto statement says the registry published
/// `name@version` with that tarball (subject `pkg:npm/NAME@VERSION`, sha512 digest).
///
/// It is verified with the registry keys Tollgate already trusts for registry signatures (the TUF
/// target `registry.npmjs.org/keys.json`, its `npm:attestations` keys, or `--keys`), the key valid at the version's publish time,
/// and the transparency log entry against the Sigstore trusted root. It is evidence about the
/// registry, never about the publisher (that is the SLSA provenance's job).
public enum NpmPublishAttestation {
    public static let predicateType = "https://github.com/npm/attestation/tree/main/specs/publish/v0.1"

    /// The check's outcome for one offered bundle.
    public static func verify(bundle json: [UInt8], name: String, version: String, tarball: Digest, published: Date?,
                              keys: NpmRegistryKeys, verifier: SigstoreVerifier?, source: String) async -> InstallCheck {
        guard let verifier else { return .unavailable("\(source): no Sigstore trusted root to verify the publish attestation's log entry") }
        guard case .string(let keyID)? = (try? JSONValue.parse(json))?["verificationMaterial"]?["publicKey"]?["hint"] else {
            return .failed("\(source): the publish attestation names no registry key (verificationMaterial.publicKey.hint)")
        }
        guard let key = keys.attestationKey(id: keyID) else {
            return .failed("\(source): the publish attestation is signed by \(keyID), not a registry attestation key (npm:attestations)")
        }
        guard let published else {
            return .unavailable("\(source): the packument gives no publish time for \(version), so \(keyID)'s validity cannot be checked")
        }
        guard key.isValid(at: published) else {
            return .failed("\(source): registry key \(keyID) was not valid when \(name)@\(version) was published (\(NpmRegistrySignature.iso(published)))")
        }
        let artifact: Artifact
        do { artifact = try Artifact(algorithm: tarball.algorithm, digest: tarball.bytes) } catch {
            return .unavailable("\(source): \(error.reason)")
        }
        let result: SigstoreVerificationResult
        do { result = try await verifier.verify(bundleJSON: json, artifact: artifact, policy: .publicKey(key.key)) } catch {
            return .failed("\(source): not a Sigstore bundle: \(error.reason)")
        }
        guard let verified = result.verifiedBundle else {
            return .failed("\(source): the publish attestation does not verify with registry key \(keyID): \(result.failure.map { "\($0.reason.rawValue): \($0.message)" } ?? "unknown")")
        }
        guard let payload = verified.statementPayload, let statement = try? InTotoStatement(parsing: payload) else {
            return .failed("\(source): the publish attestation carries no in-toto statement")
        }
        guard statement.predicateType == predicateType else {
            return .failed("\(source): predicate \(statement.predicateType), not npm's publish attestation")
        }
        // npm writes the scope's "@" percent-encoded, as the purl spec does.
        let expectedSubject = "pkg:npm/\(name.hasPrefix("@") ? "%40" + name.dropFirst() : Substring(name))@\(version)"
        guard statement.subjects.contains(where: { $0.name == expectedSubject || $0.name == "pkg:npm/\(name)@\(version)" }),
              statement.predicate["name"]?.stringValue == name, statement.predicate["version"]?.stringValue == version else {
            return .failed("\(source): the publish attestation is about \(statement.subjects.map(\.name).joined(separator: ", ")), not \(expectedSubject)")
        }
        return .verified("the registry's publish attestation (key \(keyID)) says it published \(name)@\(version) with this tarball")
    }
}
