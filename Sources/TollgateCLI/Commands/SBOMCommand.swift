import ArgumentParser
import Foundation
import TollgateModel
import TollgateSBOM

/// The SBOM formats `tollgate sbom generate` writes.
enum SBOMOutputFormat: String, ReportFormat {
    case cycloneDXJSON = "cyclonedx-json"
    case spdxJSON = "spdx-json"

    static var defaultFormat: SBOMOutputFormat { .cycloneDXJSON }
}

/// `tollgate sbom generate|inspect` (docs/sbom.md).
struct SBOMCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sbom",
        abstract: "Generate SBOMs from lockfiles and read CycloneDX / SPDX documents.",
        subcommands: [Generate.self, Inspect.self]
    )

    /// `tollgate sbom generate PATH --format cyclonedx-json|spdx-json [--output F] [--summary json]`
    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate",
            abstract: "Find lockfiles under PATH and write one SBOM (CycloneDX 1.6 or SPDX 2.3 JSON).",
            discussion: "The SBOM is the report: --format chooses its format, --output its file. --summary json prints what was read (lockfiles, counts, warnings) as JSON on standard output, so it needs --output."
        )

        @Argument(help: "A directory to search for lockfiles, one lockfile, an OCI image layout directory (DIR[:TAG]) or an image reference (docs/images.md).")
        var path: String

        @OptionGroup var image: ImageOptions

        @OptionGroup var output: ReportOptions<SBOMOutputFormat>

        @Option(help: "Summary of what was read: text (on standard error) or json (on standard output; needs --output).")
        var summary: OutputFormat = .text

        @Option(help: "Document timestamp (RFC 3339). Default: $SOURCE_DATE_EPOCH if set, else now.")
        var timestamp: String?

        @Option(help: "Serial number (urn:uuid:...). Default: derived from the content, so it is reproducible.")
        var serialNumber: String?

        struct Report: Encodable {
            let schemaVersion = "tollgate.dev/sbom-generate/v1"
            let format: String
            let outputFile: String
            let components: Int
            let dependencies: Int
            let lockfiles: [LockfileSummary]
            let warnings: [SBOMWarning]
        }

        func validate() throws {
            if summary == .json && output.file == nil {
                throw ValidationError("--summary json prints the summary on standard output; give --output FILE for the SBOM itself.")
            }
            if let serialNumber, serialNumber.range(of: "^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", options: .regularExpression) == nil {
                throw ValidationError("--serial-number must be urn:uuid:<lowercase RFC 9562 UUID>.")
            }
        }

        func run() async throws {
            let result: SBOMGenerationResult
            if let fromImage = try await ImageSBOMSource.generate(path, options: image) {
                result = fromImage
            } else {
                try InputFile.requireExisting(path)
                result = try SBOMGenerator().generate(path: path)
            }
            let options = SBOMWriterOptions(timestamp: try documentTime(), serialNumber: serialNumber,
                                            toolVersion: TollgateVersion.current)
            let data: Data
            switch output.format {
            case .cycloneDXJSON: data = try CycloneDXJSONWriter.write(result.sbom, options: options)
            case .spdxJSON: data = try SPDXJSONWriter.write(result.sbom, options: options)
            }
            try await output.emit { out in out.write(data) }
            if summary == .json {
                try Console.json(Report(format: output.format.rawValue, outputFile: output.file ?? "-",
                                        components: result.sbom.components.count,
                                        dependencies: result.sbom.dependencies.reduce(0) { $0 + $1.dependsOn.count },
                                        lockfiles: result.lockfiles, warnings: result.warnings))
            } else {
                for warning in result.warnings { Console.err(warning.description) }
                if let file = output.file {
                    Console.err("wrote \(result.sbom.components.count) components from \(result.lockfiles.count) lockfile(s) to \(file)")
                }
            }
        }

        private func documentTime() throws -> Date {
            if let timestamp {
                let formatter = ISO8601DateFormatter()
                guard let date = formatter.date(from: timestamp) else {
                    throw CLIError(.usage, "--timestamp '\(timestamp)' is not RFC 3339 (e.g. 2026-01-01T00:00:00Z).")
                }
                return date
            }
            if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] {
                guard let seconds = TimeInterval(epoch) else {
                    throw CLIError(.usage, "SOURCE_DATE_EPOCH '\(epoch)' is not a number of seconds.")
                }
                return Date(timeIntervalSince1970: seconds)
            }
            return Date()
        }
    }

    /// `tollgate sbom inspect FILE`: read a CycloneDX / SPDX document and list its components.
    struct Inspect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "inspect",
            abstract: "Read a CycloneDX (JSON/XML) or SPDX (JSON/tag-value) SBOM; print its components and warnings."
        )

        @Argument(help: "The SBOM file.")
        var file: String

        @OptionGroup var output: OutputOptions

        struct Report: Encodable {
            let schemaVersion = "tollgate.dev/sbom-inspect/v1"
            let format: String?
            let specVersion: String?
            let subject: String?
            let components: [Component]
            let warnings: [SBOMWarning]
            struct Component: Encodable {
                let name: String
                let version: String?
                let purl: String?
                let licenses: [String]
            }
        }

        func run() async throws {
            try await output.emit { out in
                let data = try InputFile.read(file, limit: SBOMReader.maximumBytes)
                let result = try SBOMReader.read(data: data, filename: file)
                let sbom = result.sbom
                if output.isJSON {
                    try out.json(Report(
                        format: sbom.format?.rawValue, specVersion: sbom.specVersion, subject: sbom.subject?.name,
                        components: sbom.components.map { .init(name: $0.name, version: $0.version, purl: $0.purl?.description, licenses: $0.licenses) },
                        warnings: result.warnings))
                    return
                }
                out.line("\(sbom.format?.rawValue ?? "sbom") \(sbom.specVersion ?? "") — \(sbom.components.count) components")
                for component in sbom.components {
                    out.line("  \(component.purl?.description ?? "(no purl) " + component.name + (component.version.map { "@" + $0 } ?? ""))")
                }
                for warning in result.warnings { Console.err(warning.description) }
            }
        }
    }
}
