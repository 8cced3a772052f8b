import Foundation
import TollgateModel

/// A metadata file as received: parsed, its common fields checked (spec §4.2 "signed"), its
/// canonical `signed` bytes computed, but **no signature checked**. Only `TUFThresholdVerifier`
/// accepts it, against the keys of the role that delegates to it.
public struct UnverifiedTUFMetadata: Sendable {
    /// The exact bytes received (what the client stores).
    public let bytes: [UInt8]
    /// The `signed` object.
    public let signed: JSONValue
    /// OLPC canonical JSON of `signed`: what every signature covers.
    public let canonicalSigned: [UInt8]
    public let signatures: [TUFSignature]
    /// `_type`.
    public let type: String
    /// `version`, at least 1.
    public let version: Int
    public let expires: Date
    public let specVersion: String

    /// The major spec version this client implements.
    static let supportedSpecMajor = "1"

    /// Parses `bytes` (at most `maxBytes`), refusing duplicate signature key ids (spec §4.2: "the
    /// keyid MUST be unique in the signatures array").
    public init(bytes: [UInt8], maxBytes: Int, role: String) throws(TUFError) {
        guard bytes.count <= maxBytes else {
            throw TUFError(.tooLarge, "\(role) metadata is \(bytes.count) bytes, over its \(maxBytes)-byte limit")
        }
        let json: JSONValue
        do {
            json = try JSONValue.parse(bytes, maxBytes: maxBytes, maxDepth: 64)
        } catch {
            throw TUFError(.malformed, "\(role) metadata is not JSON: \(error.reason)")
        }
        let top = try TUFFields(json, context: role)
        guard let signed = top.object["signed"] else { throw TUFError(.malformed, "\(role) metadata has no 'signed'") }
        let fields = try TUFFields(signed, context: "\(role).signed")
        guard let signatureArray = top.object["signatures"]?.arrayValue else {
            throw TUFError(.malformed, "\(role).signatures must be an array")
        }
        var signatures: [TUFSignature] = []
        var seen = Set<String>()
        for (index, element) in signatureArray.enumerated() {
            let entry = try TUFFields(element, context: "\(role).signatures[\(index)]")
            let keyID = try entry.string("keyid")
            guard seen.insert(keyID).inserted else {
                throw TUFError(.malformed, "\(role) has two signatures by key id \(keyID.prefix(16))…; key ids must be unique")
            }
            signatures.append(TUFSignature(keyID: keyID, signatureHex: try entry.string("sig")))
        }
        let specVersion = try fields.string("spec_version")
        let parts = specVersion.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else {
            throw TUFError(.malformed, "\(role).signed.spec_version '\(specVersion.prefix(20))' is not MAJOR.MINOR[.PATCH]")
        }
        guard parts[0] == Self.supportedSpecMajor else {
            throw TUFError(.malformed, "\(role) uses TUF spec version \(specVersion.prefix(20)); this client supports 1.x")
        }
        let expiresText = try fields.string("expires")
        guard let expires = TUFTime.parse(expiresText) else {
            throw TUFError(.malformed, "\(role).signed.expires '\(expiresText.prefix(40))' is not an RFC 3339 date-time")
        }
        self.bytes = bytes
        self.signed = signed
        self.canonicalSigned = try CanonicalJSON.encode(signed)
        self.signatures = signatures
        self.type = try fields.string("_type")
        self.version = try fields.integer("version", minimum: 1)
        self.expires = expires
        self.specVersion = specVersion
    }

    /// Throws `tuf.wrong-type` unless `_type` is `expected`.
    func require(type expected: TUFRoleType, role: String) throws(TUFError) {
        guard type == expected.rawValue else {
            throw TUFError(.wrongType, "expected \(expected.rawValue) metadata for \(role), found _type '\(type.prefix(40))'")
        }
    }

    /// Whether the metadata has expired at `time` (spec 5.x: "expired if the reference time is past `expires`").
    public func isExpired(at time: Date) -> Bool { time >= expires }
}
