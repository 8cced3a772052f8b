import Foundation
import Testing

extension CommandWorldSuite {
    /// `--format` and `--output FILE` (docs/cli.md): valid JSON from every command that has JSON
    /// output, reports written whole or not at all, and the deprecated spellings that still work for
    /// one release with exactly one warning.
    @Suite("--format and --output conventions")
    struct OutputConventionTests {
        static let jsonCases = CommandCases.all.filter { $0.json != nil }

        static func world() throws -> CommandWorld { try ExitCodeTests.world() }

        static func jsonArguments(_ testCase: CommandCase) -> [String] {
            testCase.json == .formatFlag ? testCase.arguments + ["--format", "json"] : testCase.arguments
        }

        static func temporaryFiles(in directory: URL) throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains(".tmp-") }
        }

        @Test("--format json prints one valid JSON document", arguments: jsonCases)
        func formatJSON(_ testCase: CommandCase) throws {
            let result = try Self.world().run(Self.jsonArguments(testCase))
            #expect(result.status == 0, "\(result.stderr)")
            #expect(TollgateProcess.isJSON(result.stdout), "not JSON: \(result.text.prefix(300))")
        }

        @Test("--output FILE writes the report to FILE and nothing to standard output", arguments: jsonCases)
        func outputFile(_ testCase: CommandCase) throws {
            let directory = try CommandWorld.freshDirectory()
            let file = directory.appendingPathComponent("report.json")
            let result = try Self.world().run(Self.jsonArguments(testCase) + ["--output", file.path])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.isEmpty, "\(result.text.prefix(300))")
            #expect(TollgateProcess.isJSON(try Data(contentsOf: file)))
            #expect(try Self.temporaryFiles(in: directory).isEmpty)
        }

        @Test("an error leaves no report file, no temporary file, and an existing file untouched")
        func nothingPartialOnError() throws {
            let world = try Self.world()
            let directory = try CommandWorld.freshDirectory()
            let fresh = directory.appendingPathComponent("fresh.json"), existing = directory.appendingPathComponent("existing.json")
            try Data("previous report\n".utf8).write(to: existing)
            for file in [fresh, existing] {
                // The first file is readable, the second is not: the error comes after the work started.
                let result = try world.run(["digest", "a.txt", "missing.txt", "--format", "json", "--output", file.path])
                #expect(result.status == 3)
            }
            #expect(!FileManager.default.fileExists(atPath: fresh.path))
            #expect(try String(contentsOf: existing, encoding: .utf8) == "previous report\n")
            #expect(try Self.temporaryFiles(in: directory).isEmpty)
            let scan = try world.run(["scan", "sbom.cdx.json", "--db", "{new}/empty.sqlite", "--format", "sarif", "--output", fresh.path])
            #expect(scan.status == 4)
            #expect(!FileManager.default.fileExists(atPath: fresh.path))
        }

        @Test("a failed verification still writes its report to --output FILE")
        func verdictReportWritten() throws {
            let directory = try CommandWorld.freshDirectory()
            let file = directory.appendingPathComponent("verdict.json")
            let result = try Self.world().run(["verify-signature", "b.txt", "--key", "k.pub", "--signature", "a.sig",
                                               "--format", "json", "--output", file.path])
            #expect(result.status == 1)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
            #expect(object["verified"] as? Bool == false)
        }

        @Test("an unwritable --output is exit 4 with cli.unwritable-output")
        func unwritableOutput() throws {
            let result = try Self.world().run(["digest", "a.txt", "--output", "no-such-directory/report.txt"])
            #expect(result.status == 4)
            #expect(result.stderr.hasPrefix("error[cli.unwritable-output]"), "\(result.stderr)")
        }

        @Test("text reports go to --output FILE too, and '-' is standard output")
        func textReport() throws {
            let directory = try CommandWorld.freshDirectory()
            let file = directory.appendingPathComponent("digest.txt")
            let written = try Self.world().run(["digest", "a.txt", "-o", file.path])
            #expect(written.status == 0 && written.stdout.isEmpty)
            let dash = try Self.world().run(["digest", "a.txt", "--output", "-"])
            #expect(dash.text == (try String(contentsOf: file, encoding: .utf8)))
            #expect(dash.text.hasPrefix("sha256:"))
        }

        @Test("sbom generate: the SBOM goes to --output, its summary to standard output under --summary json")
        func sbomSummary() throws {
            let directory = try CommandWorld.freshDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("sbom.spdx.json")
            let project = CommandCases.examples + "/project"
            let result = try Self.world().run(["sbom", "generate", project, "--format", "spdx-json", "--output", file.path, "--summary", "json"])
            #expect(result.status == 0, "\(result.stderr)")
            let summary = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
            #expect(summary["schemaVersion"] as? String == "tollgate.dev/sbom-generate/v1")
            #expect(summary["format"] as? String == "spdx-json")
            let sbom = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
            #expect(sbom["spdxVersion"] as? String == "SPDX-2.3")
            #expect(try Self.world().run(["sbom", "generate", project, "--summary", "json"]).status == 2)
        }

        // MARK: - Deprecated spellings, for one release

        static let warning = "warning: '--output json' is deprecated; use '--format json'"

        @Test("'--output json' still selects JSON and warns exactly once",
              arguments: [["--output", "json"], ["--output=json"], ["-o", "json"]])
        func deprecatedOutputJSON(_ flag: [String]) throws {
            let result = try Self.world().run(["digest", "a.txt"] + flag)
            #expect(result.status == 0)
            #expect(result.stderrLines == [Self.warning])
            #expect(TollgateProcess.isJSON(result.stdout))
            #expect(!FileManager.default.fileExists(atPath: try Self.world().path("json")))
        }

        @Test("'--output sarif' and '--output table' still select scan's formats, with one warning")
        func deprecatedScanFormats() throws {
            let sarif = try Self.world().run(["scan", "sbom.cdx.json", "--output", "sarif"])
            #expect(sarif.status == 0)
            #expect(sarif.stderrLines == ["warning: '--output sarif' is deprecated; use '--format sarif'"])
            let object = try #require(try JSONSerialization.jsonObject(with: sarif.stdout) as? [String: Any])
            #expect(object["version"] as? String == "2.1.0")
            let table = try Self.world().run(["scan", "sbom.cdx.json", "--output", "table"])
            #expect(table.status == 0)
            #expect(table.stderrLines.filter { $0.hasPrefix("warning: '--output") } == ["warning: '--output table' is deprecated; use '--format table'"])
            #expect(table.text.contains("SEVERITY"))
        }

        @Test("a file literally named like a format is written with ./NAME")
        func fileNamedJSON() throws {
            let directory = try CommandWorld.freshDirectory()
            let result = try TollgateProcess.run(["digest", try Self.world().path("a.txt"), "--output", "./json"], in: directory)
            #expect(result.status == 0)
            #expect(result.stderr.isEmpty)
            #expect(try String(contentsOf: directory.appendingPathComponent("json"), encoding: .utf8).hasPrefix("sha256:"))
        }

        @Test("the deprecated '--output FORMAT' conflicts with a different --format, and names the formats a command lacks")
        func deprecatedConflicts() throws {
            let conflict = try Self.world().run(["digest", "a.txt", "--output", "json", "--format", "text"])
            #expect(conflict.status == 2)
            #expect(conflict.stderr.contains("conflicts with '--format text'"), "\(conflict.stderr)")
            let missing = try Self.world().run(["digest", "a.txt", "--output", "sarif"])
            #expect(missing.status == 2)
            #expect(missing.stderr.contains("no 'sarif' format (it has: text, json)"), "\(missing.stderr)")
            let sbom = try Self.world().run(["sbom", "generate", CommandCases.examples + "/project", "--output", "json"])
            #expect(sbom.status == 2)
            #expect(sbom.stderr.contains("cyclonedx-json, spdx-json"), "\(sbom.stderr)")
        }

        @Test("'--output-file' still writes the file, with one warning")
        func deprecatedOutputFile() throws {
            let directory = try CommandWorld.freshDirectory()
            let file = directory.appendingPathComponent("sbom.cdx.json")
            let result = try Self.world().run(["sbom", "generate", CommandCases.examples + "/project", "--output-file", file.path])
            #expect(result.status == 0)
            #expect(result.stderrLines.filter { $0.hasPrefix("warning: '--output-file'") } == ["warning: '--output-file' is deprecated; use '--output'"])
            #expect(TollgateProcess.isJSON(try Data(contentsOf: file)))
        }

        @Test("'verify-provenance' runs 'provenance verify' with one warning")
        func deprecatedVerifyProvenance() throws {
            let new = try Self.world().run(["provenance", "verify"] + CommandCases.provenance + ["--format", "json"])
            let old = try Self.world().run(["verify-provenance"] + CommandCases.provenance + ["--format", "json"])
            #expect(new.status == 0 && old.status == 0)
            #expect(new.stderr.isEmpty)
            #expect(old.stderrLines == ["warning: 'tollgate verify-provenance' is deprecated; use 'tollgate provenance verify'"])
            #expect(old.stdout == new.stdout)
        }

        @Test("'verify --receipt' still writes the receipt, with one warning")
        func deprecatedReceipt() throws {
            let data = try CommandWorld.freshDirectory()
            let world = try Self.world()
            #expect(try world.run(["ledger", "init", "--data", data.path]).status == 0)
            let receipt = data.appendingPathComponent("receipt.json")
            let result = try world.run(["verify", "a.txt", "--policy", "allow.yaml", "--signature", "a.sig", "--key", "k.pub", "--no-sidecar",
                                        "--data", data.path, "--record", "--receipt", receipt.path])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderrLines == ["warning: '--receipt' is deprecated; use '--receipt-output'"])
            #expect(try world.run(["ledger", "check-receipt", receipt.path, "--log-key", data.path + "/ledger.vkey"]).status == 0)
        }

        @Test("'key generate --output NAME' (the old prefix spelling) is a usage error that names --output-prefix")
        func oldKeyPrefix() throws {
            let result = try Self.world().run(["key", "generate", "--output", "{new}/k", "--unsafe-unencrypted"])
            #expect(result.status == 2)
            #expect(result.stderr.contains("--output-prefix"), "\(result.stderr)")
        }

        @Test("key generate writes both key files with their modes, and its report to --output")
        func keyGenerate() throws {
            let directory = try CommandWorld.freshDirectory()
            let result = try Self.world().run(["key", "generate", "--output-prefix", directory.path + "/k", "--unsafe-unencrypted",
                                               "--format", "json", "--output", directory.path + "/report.json"])
            #expect(result.status == 0)
            let modes = try ["k.key", "k.pub"].map {
                try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent($0).path)[.posixPermissions] as? Int
            }
            #expect(modes == [0o600, 0o644])
            #expect(TollgateProcess.isJSON(try Data(contentsOf: directory.appendingPathComponent("report.json"))))
            #expect(try Self.temporaryFiles(in: directory).isEmpty)
        }
    }
}
