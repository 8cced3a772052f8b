import Foundation
import TollgateLedger
import TollgateModel
import TollgateSBOM
import TollgateStore

/// One SBOM file to import (`tollgate inventory import-sbom`): read, its artifact found (the
/// `--artifact` digest, else the SBOM's own subject: `SBOMSubject`), and its document prepared for
/// storage by digest (JSON as its compact sorted-key encoding, so it matches `SBOMDigest`).
public struct SBOMImport: Sendable {
    public let file: String
    public let artifact: Digest
    /// Where the digest came from: `--artifact` or `subject`.
    public let artifactSource: String
    public let document: Digest
    public let bytes: Data
    /// `cyclonedx` or `spdx`.
    public let format: String
    public let components: Int
    public let subject: SBOMComponent?

    /// Reads `data` (the contents of `file`). Throws `sbom.*` for a document that is not an SBOM,
    /// and `inventory.no-subject` when neither `artifact` nor the SBOM names the artifact.
    public init(data: Data, file: String, artifact given: Digest?) throws {
        let sbom: SBOM
        let stored: Data
        if data.first(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF) }) == UInt8(ascii: "{") {
            let value: JSONValue
            do {
                value = try JSONValue.parse(data, maxBytes: SBOMReader.maximumBytes)
            } catch {
                throw SBOMError(.invalidJSON, "\(file) is not valid JSON (\(error.reason)).")
            }
            sbom = try SBOMReader.read(json: value, filename: file).sbom
            stored = Data(value.encodedBytes())
        } else {
            sbom = try SBOMReader.read(data: data, filename: file).sbom
            stored = data
        }
        if let given {
            artifact = given
            artifactSource = "--artifact"
        } else if let found = SBOMSubject.digest(of: sbom) {
            artifact = found
            artifactSource = "subject"
        } else {
            throw InventoryError(.noSubject, "\(file): \(SBOMSubject.describe(sbom)); give the artifact's digest with --artifact")
        }
        self.file = file
        bytes = stored
        document = DigestAlgorithm.sha256.hash(stored)
        format = SBOMComponents.formatName(sbom.format)
        components = SBOMComponents.records(of: sbom).count
        subject = sbom.subject
    }

    /// `artifact.registered` (the subject's name, version and purl) and `sbom.imported`.
    public func drafts(_ recorder: InventoryRecorder) throws -> [LedgerEntryDraft] {
        let purl = subject?.purl
        let name = subject.flatMap { $0.name.isEmpty ? nil : $0.name }
        let registration = ArtifactRegisteredEntry(digest: artifact, name: name, version: purl?.version ?? subject?.version,
                                                   purl: purl?.description, recordedBy: "import-sbom")
        return [try recorder.draft(.artifactRegistered, registration),
                try recorder.draft(.sbomImported, SBOMImportedEntry(artifact: artifact, document: document, format: format,
                                                                    via: "import", file: file))]
    }
}
