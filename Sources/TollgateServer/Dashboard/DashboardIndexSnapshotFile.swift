import Foundation
import TollgateLedger
import TollgateModel
import TollgateTransparency

/// The dashboard index's snapshot on disk (`dashboard-index.snapshot` beside the ledger): a
/// restarted server takes it instead of reading every ledger entry again, then reads only the
/// entries appended since. The ledger stays the source of truth, so the snapshot is never taken on
/// trust. Its header names the format version, the ledger size it covers, the ledger's root hash
/// at that size and the SHA-256 of the body, and is signed with the log key:
///
/// ```
/// tollgate.dev/dashboard-index-snapshot
/// {"body":"sha256:…","root":"<hex>","size":222000,"version":2}
/// <hex signature by the log key over the two lines above>
/// <body: DashboardIndexSnapshotBody, the index as JSON in parts, one a line>
/// ```
///
/// `read` refuses it (and the index reads the whole ledger) when the version differs, the
/// signature or the body digest does not verify, the ledger is shorter than the size or its root
/// hash at that size differs (another or a rewritten ledger), or the body does not decode to a
/// consistent index. The first line is the signed text's own and never a log origin, so a
/// snapshot signature cannot pass for a checkpoint's.
struct DashboardIndexSnapshotFile: Sendable {
    static let fileName = "dashboard-index.snapshot"
    static let magic = "tollgate.dev/dashboard-index-snapshot"
    /// Raised whenever `DashboardIndexSnapshot` or what the index derives from an entry changes.
    static let version = 2
    /// The largest snapshot read (100,000 artifacts take about 60 MB).
    static let maxSize = 1 << 30

    struct Header: Codable, Equatable {
        var body: String
        var root: String
        var size: UInt64
        var version: Int
    }

    /// Why a snapshot was not taken.
    struct Rejection: Error, Equatable, CustomStringConvertible {
        let reason: String
        var description: String { reason }
    }

    let url: URL
    let signer: any NoteSigner

    init(directory: URL, signer: any NoteSigner) {
        url = directory.appendingPathComponent(Self.fileName)
        self.signer = signer
    }

    /// Writes `snapshot` (covering the ledger up to `snapshot.size`, whose root hash is `root`)
    /// atomically: a reader sees the old file or the new one.
    func write(_ snapshot: DashboardIndexSnapshot, root: [UInt8]) async throws {
        let body = try await DashboardIndexSnapshotBody.encode(snapshot)
        let header = Header(body: DigestAlgorithm.sha256.hash(body).description, root: Hex.encode(root), size: snapshot.size,
                            version: Self.version)
        try write(header: header, body: body)
    }

    /// Writes a header and body as given, signed (tests write mismatching ones through this).
    func write(header: Header, body: Data) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let signed = Array("\(Self.magic)\n".utf8) + Array(try encoder.encode(header)) + [0x0A]
        var file = Data(signed)
        file.append(contentsOf: Array("\(Hex.encode(try signer.sign(text: signed)))\n".utf8))
        file.append(body)
        try file.write(to: url, options: [.atomic])
        try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
    }

    /// The snapshot when it verifies against `ledger`; nil when there is none.
    func read(ledger: Ledger) async throws(Rejection) -> DashboardIndexSnapshot? {
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
        guard let size else { return nil }
        guard size <= Self.maxSize else { throw Rejection(reason: "the snapshot is \(size) bytes, more than \(Self.maxSize)") }
        guard let file = FileManager.default.contents(atPath: url.path) else { throw Rejection(reason: "the snapshot cannot be read") }
        let (header, body) = try verified(file)
        let ledgerSize: UInt64
        let root: [UInt8]
        do {
            ledgerSize = try await ledger.size()
            guard header.size <= ledgerSize else {
                throw Rejection(reason: "the snapshot covers \(header.size) entries but the ledger has \(ledgerSize)")
            }
            root = try await ledger.rootHash(size: header.size)
        } catch let rejection as Rejection {
            throw rejection
        } catch {
            throw Rejection(reason: "the ledger's root hash at \(header.size) cannot be read: \(error)")
        }
        guard Hex.encode(root) == header.root else {
            throw Rejection(reason: "the ledger's root hash at \(header.size) differs from the snapshot's (another or a rewritten ledger)")
        }
        let snapshot: DashboardIndexSnapshot
        do {
            snapshot = try await DashboardIndexSnapshotBody.decode(body)
        } catch {
            throw Rejection(reason: "the snapshot's body does not decode: \(error)")
        }
        guard snapshot.size == header.size else {
            throw Rejection(reason: "the snapshot's body covers \(snapshot.size) entries, its header \(header.size)")
        }
        if let problem = snapshot.inconsistency { throw Rejection(reason: "the snapshot is inconsistent: \(problem)") }
        return snapshot
    }

    /// The header and body of a snapshot file whose version, signature and body digest verify.
    func verified(_ file: Data) throws(Rejection) -> (Header, Data) {
        let bytes = [UInt8](file.prefix(4096))
        var lines: [Int] = []
        for (offset, byte) in bytes.enumerated() where byte == 0x0A {
            lines.append(offset)
            if lines.count == 3 { break }
        }
        guard lines.count == 3, String(decoding: bytes[..<lines[0]], as: UTF8.self) == Self.magic else {
            throw Rejection(reason: "not a dashboard index snapshot (no \(Self.magic) header)")
        }
        let signed = Array(bytes[...lines[1]])
        guard let header = try? JSONDecoder().decode(Header.self, from: Data(bytes[(lines[0] + 1)..<lines[1]])) else {
            throw Rejection(reason: "the snapshot's header is malformed")
        }
        guard header.version == Self.version else {
            throw Rejection(reason: "the snapshot has format version \(header.version), this server reads \(Self.version)")
        }
        guard let signature = Hex.decode(String(decoding: bytes[(lines[1] + 1)..<lines[2]], as: UTF8.self)),
              signer.noteVerifier.verify(text: signed, signature: signature) == .verified else {
            throw Rejection(reason: "the snapshot's signature does not verify with the log key")
        }
        let body = file.dropFirst(lines[2] + 1)
        guard DigestAlgorithm.sha256.hash(body).description == header.body else {
            throw Rejection(reason: "the snapshot's body does not match the digest its header signs")
        }
        return (header, Data(body))
    }
}
