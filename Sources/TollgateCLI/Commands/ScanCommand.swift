import ArgumentParser
import Foundation
import TollgateModel
import TollgateSBOM
import TollgateStore
import TollgateVulnerabilities

extension Severity: ExpressibleByArgument {}

/// `tollgate scan PATH [--db DB] [--vex FILE...] [--fail-on SEVERITY] [--format table|json|sarif] [--output FILE] [--attest --key K]`
///
/// Matches an SBOM (or a lockfile, or a directory of lockfiles, turned into an SBOM first) against the local
/// advisory database, offline. Exits 0 when the scan ran, whatever it found, unless `--fail-on` is given and
/// an unsuppressed finding reaches that severity (exit 1). See docs/scanning.md.
struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan an SBOM, lockfile or directory for known vulnerabilities (offline, local OSV database).",
        discussion: """
            Exit status: 0 when the scan ran (findings or not); 1 when --fail-on is given and an unsuppressed \
            finding is at or above it (a finding of unknown severity counts); 3 for unreadable input; 4 when \
            the database is missing or empty (run 'tollgate db import' first).
            """
    )

    enum Format: String, ReportFormat {
        case table, json, sarif

        static var defaultFormat: Format { .table }
    }

    @Argument(help: "An SBOM (CycloneDX/SPDX), a lockfile, or a directory of lockfiles.")
    var path: String

    @OptionGroup var database: AdvisoryDatabaseOptions

    @Option(name: .long, help: "OpenVEX or CycloneDX VEX documents; not_affected statements suppress findings.")
    var vex: [String] = []

    @Option(name: .long, help: "Exit 1 if an unsuppressed finding is at or above: low, medium, high, critical.")
    var failOn: Severity?

    @OptionGroup var output: ReportOptions<Format>

    @Flag(name: .long, help: "Wrap the JSON report in a signed in-toto attestation (predicate type cosign vuln v1).")
    var attest = false

    @Option(name: .long, help: "Private key for --attest (PEM; TOLLGATE_PASSWORD for encrypted keys).")
    var key: String?

    @Option(name: .long, help: ArgumentHelp("With --attest: write the attestation (DSSE envelope) to this file instead of standard output.", valueName: "file"))
    var attestOutput: String?

    @Option(name: .long, help: "With --attest: the artifact the scanned SBOM describes; the attestation's subject is its digest.")
    var subject: String?

    static let vulnPredicateType = "https://cosign.sigstore.dev/attestation/vuln/v1"

    func validate() throws {
        if attest && key == nil { throw ValidationError("--attest needs --key") }
        if attest && subject == nil { throw ValidationError("--attest needs --subject ARTIFACT: a scan attestation is about the artifact, naming the SBOM it scanned") }
        if !attest && (key != nil || attestOutput != nil || subject != nil) {
            throw ValidationError("--key, --subject and --attest-output need --attest")
        }
        if failOn == .unknown { throw ValidationError("--fail-on takes low, medium, high or critical") }
    }

    func run() async throws {
        let started = Date()
        let (sbom, warnings, unpinned) = try loadSBOM()
        var statements: [VEXStatement] = []
        for file in vex {
            statements += try VEXDocument.parse(InputFile.read(file, limit: VEXDocument.maxBytes), source: file)
        }
        let store = try database.open()
        try await store.prepare()
        let statistics = try await store.statistics()
        guard statistics.advisories > 0 else {
            // An empty database would report every component as clean: refuse instead.
            throw VulnerabilityError(.noDatabase, "the advisory database '\(database.path)' is empty; run 'tollgate db import PATH' first")
        }
        let report = try await Scanner(store: store).scan(sbom, vex: statements, source: path, warnings: warnings,
                                                          unscannable: unpinned)
        let finished = Date()

        if attest, let key {
            try await writeAttestation(report, key: key, started: started, finished: finished, store: store,
                                       databaseCount: statistics.advisories)
        }
        // With --attest and no --attest-output the envelope is what goes to standard output.
        guard !attest || attestOutput != nil || output.file != nil else {
            if let failOn, report.hasFinding(atOrAbove: failOn) { throw ExitCode(1) }
            return
        }
        try await output.emit { out in
            switch output.format {
            case .json: try out.json(report)
            case .sarif: try out.json(SARIFLog(report: report, artifactURI: sarifURI, toolVersion: TollgateVersion.current))
            case .table: printTable(report, to: out)
            }
            if let failOn, report.hasFinding(atOrAbove: failOn) {
                if output.format == .table { Console.err("failing: an unsuppressed finding is at or above '\(failOn.rawValue)'") }
                throw ExitCode(1)
            }
        }
    }

    /// GitHub code scanning resolves locations relative to the repository root: make the path relative to
    /// the working directory when it lies under it.
    private var sarifURI: String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { return "." }
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        if absolute.hasPrefix(cwd + "/") { return String(absolute.dropFirst(cwd.count + 1)) }
        return path.hasPrefix("./") ? String(path.dropFirst(2)) : path
    }

    private func loadSBOM() throws -> (SBOM, [String], [UnscannableComponent]) {
        if try InputFile.requireExisting(path) || LockfileKind.detect(filename: (path as NSString).lastPathComponent) != nil {
            let result = try SBOMGenerator().generate(path: path)
            // A requirement the generator could not pin has no version: it is unscannable, not clean.
            let unpinned = result.warnings.filter { $0.code == "sbom.unpinned-requirement" }.map { warning in
                UnscannableComponent(name: warning.subject ?? warning.message, purl: nil, version: nil, reason: .noVersion,
                                     detail: "\(warning.file ?? "lockfile"): \(warning.message)")
            }
            return (result.sbom, result.warnings.map(\.description), unpinned)
        }
        let data = try InputFile.read(path, limit: SBOMReader.maximumBytes)
        let result = try SBOMReader.read(data: data, filename: path)
        return (result.sbom, result.warnings.map(\.description), [])
    }

    private func printTable(_ report: ScanReport, to out: ReportOutput) {
        for warning in report.warnings { Console.err(warning) }
        let rows = report.findings.sorted { ($0.severity, $1.purl, $1.id) > ($1.severity, $0.purl, $0.id) }
        if rows.isEmpty {
            out.line("no known vulnerabilities in \(report.summary.scanned) scanned components")
        } else {
            let header = ["SEVERITY", "PACKAGE", "ADVISORY", "ALIASES", "FIXED IN", "NOTE"]
            var table = [header]
            for f in rows {
                var notes: [String] = []
                if f.suppressed { notes.append("suppressed (VEX: \(f.suppression?.justification ?? "not_affected"))") }
                if f.unconfirmed { notes.append("unconfirmed (beyond last known affected)") }
                let aliases = f.aliases.prefix(3).joined(separator: ",") + (f.aliases.count > 3 ? ",…" : "")
                table.append([f.severity.rawValue, "\(f.name)@\(f.version)", f.id, aliases,
                              f.fixedVersions.isEmpty ? "-" : f.fixedVersions.joined(separator: ","), notes.joined(separator: "; ")])
            }
            let widths = header.indices.map { column in min(60, table.map { $0[column].count }.max() ?? 0) }
            for row in table {
                out.line(row.indices.map { i in
                    let cell = row[i].count > widths[i] ? String(row[i].prefix(widths[i] - 1)) + "…" : row[i]
                    return i == row.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
                }.joined(separator: "  ").trimmingCharacters(in: .whitespaces))
            }
        }
        let s = report.summary
        out.line("\(s.components) components: \(s.scanned) scanned, \(s.unscannable) unscannable; \(s.findings) findings (\(s.suppressed) suppressed, \(s.unconfirmed) unconfirmed)")
        for item in report.unscannable.prefix(20) {
            out.line("  unscannable: \(item.purl ?? item.name): \(item.reason.rawValue)")
        }
        if report.unscannable.count > 20 { out.line("  ... \(report.unscannable.count - 20) more unscannable (see --format json)") }
    }

    /// The cosign vulnerability attestation: https://github.com/sigstore/cosign/blob/main/specs/COSIGN_VULN_ATTESTATION_SPEC.md
    /// Its subject is the artifact (`--subject`); `predicate.sbom.digest` names the scanned SBOM by its
    /// content digest (`SBOMDigest`), so the gate can tie the scan to the SBOM it trusts, and
    /// `scanner.db` records the database revision and import time.
    private func writeAttestation(_ report: ScanReport, key: String, started: Date, finished: Date,
                                  store: any AdvisoryStore, databaseCount: Int) async throws {
        guard let subject else { throw ValidationError("--attest needs --subject") }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue
            || LockfileKind.detect(filename: (path as NSString).lastPathComponent) != nil {
            throw ValidationError("--attest scans an SBOM file (the one attested for the artifact), not a lockfile or directory")
        }
        let privateKey = try PassphraseReader().signer(at: key)
        let digest = try FileDigester(algorithm: .sha256).digest(path: subject)
        let sbomDigest = SBOMDigest.of([UInt8](try InputFile.read(path, limit: SBOMReader.maximumBytes)))
        let result = try JSONValue.parse(JSONOutput.encode(report))
        let formatter = ISO8601DateFormatter()
        var db: [String: JSONValue] = [
            "uri": .string(database.path), "version": .string("\(databaseCount) advisories"),
            "revision": .integer(Int64(try await store.revision())), "advisories": .integer(Int64(databaseCount)),
        ]
        if let imported = try await store.lastImport() { db["importedAt"] = .string(formatter.string(from: imported)) }
        let predicate: JSONValue = .object([
            "invocation": .object([
                "parameters": .array(CommandLine.arguments.dropFirst().map { .string($0) }),
                "uri": .string(""), "event_id": .string(""), "builder.id": .string(""),
            ]),
            "scanner": .object([
                "uri": .string("https://tollgate.dev/scan"),
                "version": .string(TollgateVersion.current),
                "db": .object(db),
                "result": result,
            ]),
            "metadata": .object([
                "scanStartedOn": .string(formatter.string(from: started)),
                "scanFinishedOn": .string(formatter.string(from: finished)),
            ]),
            "sbom": .object([
                "uri": .string((path as NSString).lastPathComponent),
                "digest": .object([sbomDigest.algorithm.rawValue: .string(sbomDigest.hex)]),
            ]),
        ])
        let statement = InTotoStatement(
            subjects: [InTotoSubject(name: (subject as NSString).lastPathComponent, digest: digest)],
            predicateType: Self.vulnPredicateType, predicate: predicate)
        let envelope = try DSSE.sign(payload: statement.jsonBytes(), payloadType: DSSE.inTotoPayloadType, signers: [privateKey])
        let bytes = Data(envelope.jsonBytes(pretty: true) + [0x0A])
        if let attestOutput {
            try AtomicFile.write(bytes, to: attestOutput)
        } else {
            Console.write(bytes)
        }
    }
}
