import Foundation
import TollgateLedger
import TollgateModel
import TollgateOCI
import TollgateTransparency
import TollgateVerify

/// `tollgate verify ARTIFACT --policy NAME --record --server URL`: the server decides. The artifact
/// is registered by digest (`POST /v1/artifacts`), each evidence file of the flags and the sidecar
/// is uploaded and verified there (`POST /v1/artifacts/{digest}/evidence`), and the published policy
/// `NAME` is evaluated and recorded (`POST /v1/decisions`), the principal its actor. The report is
/// the one the server returns, printed as the local `verify --record` prints its own.
struct RemoteVerification {
    let artifact: String
    let policy: String
    let evidence: EvidenceOptions
    let remote: ServerOptions

    /// The artifact's digest and name: a file is hashed here; an image must be named by digest
    /// (the server resolves no tags).
    func subject() throws -> (Digest, String, String?) {
        if let image = try ImageArgument.reference(artifact) {
            guard let digest = image.digest else {
                throw CLIError(.usage, "with --server, name the image by digest (\(image.repository)@sha256:…): the server decides about a digest, not a tag")
            }
            return (digest, image.repository.description, evidence.reference ?? image.description)
        }
        let digest = try FileDigester(algorithm: .sha256).digest(path: artifact)
        return (digest, URL(fileURLWithPath: artifact).lastPathComponent, evidence.reference)
    }

    /// The evidence files to upload, with the kind each is sent as and its media type.
    func uploads() throws -> [(kind: String, path: String, mediaType: String)] {
        var sidecar = Sidecar()
        if !evidence.noSidecar, ImageArgument.isImage(artifact) == false { sidecar = try Sidecar.scan(artifact + ".tollgate") }
        var files: [(String, String, String)] = []
        files += (evidence.bundles + sidecar.bundles).map { ("bundle", $0, "application/json") }
        files += (evidence.attestations + sidecar.attestations).map { ("attestation", $0, "application/json") }
        files += (evidence.signatures + sidecar.signatures).map { ("signature", $0, "text/plain") }
        if let path = evidence.sbom ?? sidecar.sbom { files.append(("sbom", path, Self.sbomMediaType(path))) }
        if let path = evidence.scan ?? sidecar.scan { files.append(("scan", path, "application/json")) }
        files += evidence.sourceAudits.map { ("source-audit", $0, "application/json") }
        return files
    }

    static func sbomMediaType(_ path: String) -> String {
        let lower = path.lowercased()
        if lower.hasSuffix(".xml") { return "application/xml" }
        if lower.hasSuffix(".spdx") || lower.hasSuffix(".txt") { return "text/spdx" }
        return "application/json"
    }

    /// Registers, uploads and decides; returns the server's `tollgate.dev/decision/v2` report bytes.
    func run() async throws -> [UInt8] {
        let (digest, name, reference) = try subject()
        let files = try uploads()
        for path in evidence.vex {
            Console.err("warning: \(path): an unsigned VEX document is shown, never used, and is not sent to the server (send signed VEX with --attestation)")
        }
        return try await remote.withClient { client in
            var artifact: [String: JSONValue] = ["digest": .string(digest.description), "name": .string(name)]
            if let purl = evidence.purl { artifact["purl"] = .string(purl) }
            // 409: the digest is registered under another name; the decision is about the digest.
            _ = try await client.send(.POST, "/v1/artifacts", body: JSONValue.object(artifact).encodedBytes(), accepting: [409])
            for file in files {
                let bytes = [UInt8](try InputFile.read(file.path))
                do {
                    _ = try await client.send(.POST, "/v1/artifacts/\(digest)/evidence?kind=\(file.kind)", body: bytes, contentType: file.mediaType)
                } catch let error as CLIError {
                    throw CLIError(.server, "\(file.path): \(error.reason)")
                }
            }
            var request: [String: JSONValue] = ["digest": .string(digest.description), "policy": .string(policy)]
            if let reference { request["reference"] = .string(reference) }
            return try await client.send(.POST, "/v1/decisions", body: JSONValue.object(request).encodedBytes())
        }
    }

    /// The text the local `verify --record` prints, for the server's report.
    static func lines(_ report: [UInt8], server: String, receiptFile: String?) throws -> (Decision, [String]) {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let decision: Decision
        do {
            decision = try decoder.decode(Decision.self, from: Data(report))
        } catch {
            throw CLIError(.server, "\(server) answered a decision this tollgate cannot read: \(ErrorText.describe(error))")
        }
        var lines = DecisionPrinter.lines(decision)
        if let receipt = try receipt(report, server: server) {
            let size = (try? SignedNote(parsing: receipt.checkpoint)).flatMap { try? Checkpoint(text: $0.text) }?.size
            lines.append("recorded by \(server): ledger entry \(receipt.index) under the signed checkpoint of \(receipt.origin) at size \(size.map(String.init) ?? "?")"
                         + (receiptFile.map { "; receipt written to \($0) (check with: tollgate ledger check-receipt \($0) --log-key KEY)" } ?? ""))
        }
        return (decision, lines)
    }

    /// The inclusion receipt in the report's `ledger` member.
    static func receipt(_ report: [UInt8], server: String) throws -> LedgerInclusionReceipt? {
        guard let ledger = (try? JSONValue.parse(report))?["ledger"], !ledger.isNull else { return nil }
        do {
            return try LedgerInclusionReceipt(json: Data(ledger.encodedBytes()))
        } catch {
            throw CLIError(.server, "\(server) answered a receipt this tollgate cannot read: \(error.reason)")
        }
    }
}
