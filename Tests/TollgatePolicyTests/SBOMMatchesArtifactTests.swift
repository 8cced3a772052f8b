import Foundation
import Testing
import TollgateModel
import TollgatePolicy
@testable import TollgateVerify
import TollgateSBOM
import TollgateVerifyTesting

/// `artifact.sbom.matchesArtifact`: the gate reads the lockfiles inside the artifact (a directory,
/// or an archive built here with the system's `tar` and `zip`) and denies a trusted SBOM that
/// leaves out a package they contain. A real npm lockfile (Fixtures/lockfiles/SOURCES.md).
@Suite("artifact.sbom.matchesArtifact compares the attested SBOM with the artifact's own lockfiles")
struct SBOMMatchesArtifactTests {
    /// The packages of the fixture lockfile, as osv-scalibr expects them.
    static let packages = ["pkg:npm/postcss@6.0.23", "pkg:npm/postcss@7.0.16", "pkg:npm/postcss-calc@7.0.1",
                           "pkg:npm/supports-color@5.5.0", "pkg:npm/supports-color@6.1.0"]
    static let rulePolicy = "artifact:\n  sbom: { required: true, matchesArtifact: true }\n"

    /// A scratch directory with `app/package-lock.json` (the fixture, or `lockfile`), plus archives of it.
    struct Workspace {
        let root: URL
        var app: String { root.appendingPathComponent("app").path }

        init(lockfile: [UInt8]? = nil) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-matches-\(UUID().uuidString)")
            let app = root.appendingPathComponent("app")
            try FileManager.default.createDirectory(at: app.appendingPathComponent("node_modules/x"), withIntermediateDirectories: true)
            let bytes = try lockfile ?? [UInt8](Data(contentsOf: Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
                .appendingPathComponent("lockfiles/package-lock.json")))
            try Data(bytes).write(to: app.appendingPathComponent("package-lock.json"))
            try Data("{}".utf8).write(to: app.appendingPathComponent("index.js"))
            // A lockfile inside node_modules belongs to a dependency, not the artifact: skipped.
            try Data(#"{"lockfileVersion":3,"packages":{"node_modules/evil":{"version":"1.0.0"}}}"#.utf8)
                .write(to: app.appendingPathComponent("node_modules/x/package-lock.json"))
        }

        /// Runs a tool in `root` (tar, zip), as a build would.
        func run(_ tool: String, _ arguments: [String]) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [tool] + arguments
            process.currentDirectoryURL = root
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(tool) \(arguments) failed")
        }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    static func sbom(_ purls: [String]) -> SBOMEvidence {
        EvidenceBuilder.sbom(purls.map { ComponentEvidence(name: $0, purl: $0) }, signedBy: .identity(issuer: releaseIssuer, subject: releaseSubject))
    }

    static func decide(_ contents: ArtifactContents?, sbom: SBOMEvidence?) throws -> Finding {
        var built = evidence(sbom: sbom)
        built.contents = contents
        return try #require(finding(try policy(rulePolicy), built, rule: .artifactSBOMMatchesArtifact))
    }

    @Test("the policy key is parsed, listed as its own rule, and must be a boolean")
    func parsing() throws {
        let parsed = try policy(Self.rulePolicy)
        #expect(parsed.artifact.sbom?.matchesArtifact == true)
        #expect(parsed.enabledRules.contains(.artifactSBOMMatchesArtifact))
        #expect(try !policy("artifact:\n  sbom: { required: true }\n").enabledRules.contains(.artifactSBOMMatchesArtifact))
        #expect(throws: PolicyError.self) { try policy("artifact:\n  sbom: { matchesArtifact: sometimes }\n") }
    }

    @Test("a directory, a tar.gz and a zip of it yield the lockfile's packages; node_modules is skipped", arguments: ["dir", "tgz", "zip"])
    func reader(form: String) throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        var path = workspace.app
        if form == "tgz" {
            try workspace.run("tar", ["-czf", "app.tgz", "app"])
            path = workspace.root.appendingPathComponent("app.tgz").path
        } else if form == "zip" {
            try workspace.run("zip", ["-qr", "app.zip", "app"])
            path = workspace.root.appendingPathComponent("app.zip").path
        }
        let contents = ArtifactContentsReader.read(path: path)
        #expect(contents.unreadable == nil)
        #expect(contents.packages.keys.sorted() == Self.packages.sorted())
        #expect(contents.lockfiles.count == 1)
    }

    @Test("a binary, a broken lockfile, or a missing path cannot be read: the contents say why")
    func unreadable() throws {
        let workspace = try Workspace(lockfile: Array("{ not json".utf8))
        defer { workspace.remove() }
        try workspace.run("tar", ["-czf", "app.tgz", "app"])
        let broken = ArtifactContentsReader.read(path: workspace.root.appendingPathComponent("app.tgz").path)
        #expect(broken.unreadable?.contains("app/package-lock.json does not parse") == true)
        #expect(ArtifactContentsReader.read(path: workspace.app).unreadable != nil)
        let binary = workspace.root.appendingPathComponent("app.bin")
        try Data([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]).write(to: binary)
        #expect(ArtifactContentsReader.read(path: binary.path).unreadable?.contains("single file") == true)
        #expect(ArtifactContentsReader.read(path: workspace.root.appendingPathComponent("absent").path).unreadable != nil)
    }

    @Test("match: the SBOM lists every package (and may list more) — pass")
    func match() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let contents = ArtifactContentsReader.read(path: workspace.app)
        let found = try Self.decide(contents, sbom: Self.sbom(Self.packages + ["pkg:npm/left-pad@1.3.0"]))
        #expect(found.result == .pass, "\(found.reason)")
        #expect(found.reason.hasPrefix("5 packages in 1 lockfile of the artifact; the SBOM"))
    }

    @Test("mismatch: the SBOM leaves out a package the artifact contains — deny, naming it and its lockfile")
    func mismatch() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.run("tar", ["-czf", "app.tgz", "app"])
        let contents = ArtifactContentsReader.read(path: workspace.root.appendingPathComponent("app.tgz").path)
        let found = try Self.decide(contents, sbom: Self.sbom(Self.packages.filter { $0 != "pkg:npm/postcss@7.0.16" }))
        #expect(found.result == .fail)
        #expect(found.reason == "the SBOM leaves out 1 package the artifact contains: pkg:npm/postcss@7.0.16 (app/package-lock.json)")
    }

    @Test("absent: no trusted SBOM, or contents the gate could not read — deny (the check cannot run)")
    func absent() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let noSBOM = try Self.decide(ArtifactContentsReader.read(path: workspace.app), sbom: nil)
        #expect(noSBOM.result == .fail && noSBOM.reason.hasPrefix("cannot compare: no trusted SBOM"))
        let unread = try Self.decide(ArtifactContents(packages: [:], lockfiles: [], unreadable: "the artifact is a single file"),
                                     sbom: Self.sbom(Self.packages))
        #expect(unread.result == .fail && unread.reason == "cannot compare: the artifact is a single file")
        let notRead = try Self.decide(nil, sbom: Self.sbom(Self.packages))
        #expect(notRead.result == .fail)
    }

    @Test("the collector reads the artifact's contents when the policy asks, and only then")
    func collector() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        var inputs = EvidenceCollector.Inputs(artifact: ArtifactSubject(digest: artifactDigest, name: "app"))
        inputs.artifactPath = workspace.app
        let asked = await EvidenceCollector(policy: try policy(Self.rulePolicy), now: { Clock.now }).collect(inputs)
        #expect(asked.contents?.packages.count == 5)
        let notAsked = await EvidenceCollector(policy: try policy("artifact:\n  sbom: { required: true }\n"), now: { Clock.now }).collect(inputs)
        #expect(notAsked.contents == nil)
        let decision = Gate(policy: try policy(Self.rulePolicy)).evaluate(asked, now: Clock.now)
        #expect(decision.rules.first { $0.rule == .artifactSBOMMatchesArtifact }?.result == .fail)
    }

    @Test("the SBOM's own subject hash (CycloneDX metadata.component, SPDX DESCRIBES checksums) must be this artifact when given")
    func describedSubject() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let contents = ArtifactContentsReader.read(path: workspace.app)
        // Read as the collector reads an attested SBOM: the subject's SHA-256 from metadata.component.hashes.
        func sbomDescribing(_ digest: Digest) throws -> SBOMEvidence {
            let components = Self.packages.map { #"{"type":"library","name":"x","purl":"\#($0)"}"# }.joined(separator: ",")
            let document = #"{"bomFormat":"CycloneDX","specVersion":"1.5","metadata":{"component":{"type":"application","name":"app","hashes":[{"alg":"SHA-256","content":"\#(Hex.encode(digest.bytes))"}]}},"components":[\#(components)]}"#
            let read = try SBOMReader.read(data: Data(document.utf8), filename: "app.cdx.json")
            return SBOMEvidence(sbom: read.sbom, origin: .signedStatement(.identity(issuer: releaseIssuer, subject: releaseSubject)),
                                digest: artifactDigest, source: "app.cdx.json")
        }
        let other = DigestAlgorithm.sha256.hash(Array("another build".utf8))
        let wrong = try Self.decide(contents, sbom: try sbomDescribing(other))
        #expect(wrong.result == .fail)
        #expect(wrong.reason == "the SBOM describes \(other) (its subject's hash), not \(artifactDigest)")
        let right = try Self.decide(contents, sbom: try sbomDescribing(artifactDigest))
        #expect(right.result == .pass, "\(right.reason)")
    }
}
