import Crypto
import Foundation
import TollgateLedger
import TollgateModel
import TollgateTransparency

/// A Rekor v1-like transparency log in memory: entries are canonical bodies appended to an
/// RFC 6962 tree (TollgateLedger's ``CompactRange`` and ``ProofBuilder``); each entry comes back
/// as a bundle `TransparencyLogEntry` with its signed entry timestamp and an inclusion proof
/// against a checkpoint the log signs (C2SP signed note, ECDSA P-256 as Rekor v1).
public struct TestRekorLog: Sendable {
    public let baseURL: String
    /// The checkpoint origin, `NAME - TREEID` as Rekor writes it; notes are signed by NAME.
    public let origin: String
    let key: P256.Signing.PrivateKey
    private var range = CompactRange()
    private var store = InMemoryMerkleNodes()

    public init(baseURL: String = "https://rekor.tollgate.test", name: String = "rekor.tollgate.test", treeID: UInt64 = 4_242_424_242,
                key: P256.Signing.PrivateKey = P256.Signing.PrivateKey()) {
        self.baseURL = baseURL
        origin = "\(name) - \(treeID)"
        self.key = key
    }

    /// The log's SubjectPublicKeyInfo DER.
    public var spkiDER: [UInt8] { Array(key.publicKey.derRepresentation) }

    /// The log ID: SHA-256 of the log's DER public key.
    public var logID: [UInt8] { Array(SHA256.hash(data: spkiDER)) }

    /// Entries so far.
    public var size: UInt64 { range.size }

    /// Appends `body` (canonical JSON) and returns its index.
    @discardableResult
    public mutating func append(_ body: [UInt8]) -> UInt64 {
        let index = range.size
        for (id, hash) in range.append(RFC6962.leafHash(body)) { store.nodes[id] = hash }
        return index
    }

    /// Appends `body` and returns the bundle's `TransparencyLogEntry` (protobuf JSON) for it,
    /// with a SET over `integratedTime` and an inclusion proof against a checkpoint of the tree
    /// as it now is.
    public mutating func logEntry(body: [UInt8], kind: String, version: String, integratedTime: Date) async throws -> JSONValue {
        let index = append(body)
        return try await entry(index: index, body: body, kind: kind, version: version, integratedTime: integratedTime)
    }

    /// The entry at `index` (whose body is `body`) proved against the current tree.
    public func entry(index: UInt64, body: [UInt8], kind: String, version: String, integratedTime: Date) async throws -> JSONValue {
        let seconds = Int64(integratedTime.timeIntervalSince1970.rounded(.down))
        // Signed entry timestamp: ECDSA over the canonical JSON of body, integratedTime, logID, logIndex.
        let promise = "{\"body\":\"\(Base64Text.encode(body))\",\"integratedTime\":\(seconds),\"logID\":\"\(Hex.encode(logID))\",\"logIndex\":\(index)}"
        let set = Array(try key.signature(for: Array(promise.utf8)).derRepresentation)
        let builder = ProofBuilder(reader: store)
        let proof = try await builder.inclusionProofAndRoot(leafIndex: index, treeSize: range.size)
        let checkpoint = Checkpoint(origin: origin, size: range.size, rootHash: proof.root,
                                    extensions: ["Timestamp: \(UInt64(seconds) * 1_000_000_000)"])
        let name = String(origin.prefix { $0 != " " })
        let note = try SignedNote.sign(text: checkpoint.text, with: ECDSATestNoteSigner(name: name, key: key))
        return [
            "logIndex": .string(String(index)),
            "logId": ["keyId": .string(Base64Text.encode(logID))],
            "kindVersion": ["kind": .string(kind), "version": .string(version)],
            "integratedTime": .string(String(seconds)),
            "inclusionPromise": ["signedEntryTimestamp": .string(Base64Text.encode(set))],
            "inclusionProof": [
                "logIndex": .string(String(index)),
                "rootHash": .string(Base64Text.encode(proof.root)),
                "treeSize": .string(String(range.size)),
                "hashes": .array(proof.hashes.map { .string(Base64Text.encode($0)) }),
                "checkpoint": ["envelope": .string(note.serialized)],
            ],
            "canonicalizedBody": .string(Base64Text.encode(body)),
        ]
    }
}
