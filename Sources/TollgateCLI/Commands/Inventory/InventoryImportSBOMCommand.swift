import ArgumentParser
import Foundation
import TollgateInventory
import TollgateModel
import TollgateSBOM

/// `tollgate inventory import-sbom FILE|DIR [--artifact DIGEST]`: registers artifacts with their
/// components. Each SBOM is appended to the ledger (stored once by digest) and indexed.
struct InventoryImportSBOMCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-sbom",
        abstract: "Register artifacts and their components from SBOMs (CycloneDX or SPDX, a file or a directory).",
        discussion: """
        The artifact is --artifact, else the SBOM's own subject: CycloneDX metadata.component.hashes or a \
        digest in its purl (OCI), or the SPDX described package's checksum. An SBOM naming no artifact is an \
        error. A directory is read recursively (*.json, *.xml, *.spdx); each file's error is reported and the \
        others are still imported; the exit status is then the first error's.
        """
    )

    @Argument(help: "An SBOM file, or a directory of them.")
    var path: String

    @Option(help: "The digest of the artifact the SBOMs describe (default: each SBOM's own subject).")
    var artifact: String?

    @OptionGroup var state: GateStateOptions
    @OptionGroup var output: OutputOptions

    /// SBOM files parsed and recorded per ledger request.
    static let chunk = 32

    struct Imported: Encodable {
        let file: String
        let artifact: Digest
        let artifactFrom: String
        let document: Digest
        let format: String
        let components: Int
        let ledgerIndex: UInt64
    }

    struct Failed: Encodable {
        let file: String
        let code: String
        let reason: String
        let exitStatus: Int32
    }

    struct Report: Encodable {
        let schemaVersion = "tollgate.dev/inventory-import/v1"
        let imported: [Imported]
        let failed: [Failed]
    }

    func validate() throws {
        if let artifact, (try? Digest(parsing: artifact)) == nil {
            throw ValidationError("--artifact must be a digest ALGORITHM:HEX such as sha256:…; found '\(artifact.prefix(80))'")
        }
    }

    func run() async throws {
        try await output.emit { out in
            let given = try artifact.map { try Digest(parsing: $0) }
            let isDirectory = try InputFile.requireExisting(path)
            let files = isDirectory ? try SBOMFileList.list(path) : [path]
            if files.isEmpty { throw CLIError(.unreadable, "no SBOM files (*.json, *.xml, *.spdx) under '\(path)'") }
            let recorder = try await state.recorder()
            let progress = ProgressReporter("importing SBOMs", enabled: isDirectory && Console.stderrIsTerminal)
            var imported: [Imported] = []
            var failed: [Failed] = []
            for start in stride(from: 0, to: files.count, by: Self.chunk) {
                var ready: [SBOMImport] = []
                for file in files[start..<min(files.count, start + Self.chunk)] {
                    do {
                        ready.append(try SBOMImport(data: try InputFile.read(file, limit: SBOMReader.maximumBytes), file: file, artifact: given))
                    } catch let error as any TollgateError {
                        failed.append(Failed(file: file, code: error.code, reason: error.reason, exitStatus: error.exitStatus.rawValue))
                        Console.err("error[\(error.code)]: \(error.reason)")
                    }
                }
                let drafts = try ready.flatMap { try $0.drafts(recorder) }
                let documents = Dictionary(ready.map { ($0.document, $0.bytes) }, uniquingKeysWith: { first, _ in first })
                let receipts = try await recorder.record(drafts, documents: documents)
                for (position, item) in ready.enumerated() {
                    imported.append(Imported(file: item.file, artifact: item.artifact, artifactFrom: item.artifactSource,
                                             document: item.document, format: item.format, components: item.components,
                                             ledgerIndex: receipts[position * 2 + 1].index))
                }
                progress.update(min(files.count, start + Self.chunk), of: files.count)
            }
            progress.finish()
            if output.isJSON {
                try out.json(Report(imported: imported, failed: failed))
            } else {
                for item in imported {
                    out.line("imported \(item.file): \(item.artifact) (\(item.components) components, \(item.format), artifact from \(item.artifactFrom)); ledger entry \(item.ledgerIndex)")
                }
                for item in failed { out.line("failed   \(item.file): [\(item.code)] \(item.reason)") }
                out.line("\(imported.count) of \(files.count) SBOMs imported")
            }
            if let first = failed.first { throw ExitCode(first.exitStatus) }
        }
    }
}
