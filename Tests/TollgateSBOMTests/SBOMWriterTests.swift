import Foundation
import Testing
import TollgateModel
import TollgateSBOM

@Suite("SBOM writers and generator")
struct SBOMWriterTests {
    static let fixedTime = Date(timeIntervalSince1970: 1_767_225_600) // 2026-01-01T00:00:00Z

    /// A temporary project tree with lockfiles copied from the fixtures.
    static func project(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-sbom-\(UUID().uuidString)")
        for (target, fixture) in files {
            let url = root.appendingPathComponent(target)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FixtureLoader.data(fixture).write(to: url)
        }
        return root
    }

    static let mixed: [String: String] = [
        "web/package-lock.json": "lockfiles/packagelockjson/nested-dependencies.v2.json",
        "api/poetry.lock": "lockfiles/poetrylock/multiple-packages.v2.lock",
        "api/requirements.txt": "lockfiles/requirements/example.txt",
        "svc/go.mod": "lockfiles/gomod/indirect-packages.mod",
        "rs/Cargo.lock": "lockfiles/cargolock/many-packages.lock",
        "node_modules/x/package-lock.json": "lockfiles/packagelockjson/one-package.v2.json",
    ]

    @Test("generates one SBOM from every lockfile under a directory")
    func generates() throws {
        let root = try Self.project(Self.mixed)
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try SBOMGenerator().generate(path: root.path)
        #expect(result.lockfiles.map(\.path) == ["api/poetry.lock", "api/requirements.txt", "rs/Cargo.lock", "svc/go.mod", "web/package-lock.json"])
        let purls = Set(result.sbom.components.compactMap(\.purl?.description))
        #expect(purls.contains("pkg:pypi/docopt@0.6.1"))
        #expect(purls.contains("pkg:golang/gopkg.in/yaml.v2@v2.4.0"))
        #expect(purls.contains("pkg:cargo/memchr@2.4.0") || purls.contains { $0.hasPrefix("pkg:cargo/memchr@") })
        #expect(!result.sbom.components.contains { $0.sourceFile?.contains("node_modules") == true })
        // Unpinned requirements surface as warnings with their file.
        #expect(result.warnings.contains { $0.code == "sbom.unpinned-requirement" && $0.file == "api/requirements.txt" })
        #expect(result.sbom.dependencies.first?.ref.hasPrefix("tollgate:subject:") == true)
    }

    @Test("output is deterministic: the same tree gives the same bytes")
    func deterministic() throws {
        let root = try Self.project(Self.mixed)
        defer { try? FileManager.default.removeItem(at: root) }
        let options = SBOMWriterOptions(timestamp: Self.fixedTime)
        let first = try CycloneDXJSONWriter.write(try SBOMGenerator().generate(path: root.path).sbom, options: options)
        let second = try CycloneDXJSONWriter.write(try SBOMGenerator().generate(path: root.path).sbom, options: options)
        #expect(first == second)
        let spdx1 = try SPDXJSONWriter.write(try SBOMGenerator().generate(path: root.path).sbom, options: options)
        let spdx2 = try SPDXJSONWriter.write(try SBOMGenerator().generate(path: root.path).sbom, options: options)
        #expect(spdx1 == spdx2)
        let text = String(decoding: first, as: UTF8.self)
        #expect(text.contains("\"timestamp\": \"2026-01-01T00:00:00Z\""))
        #expect(text.range(of: "\"serialNumber\": \"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\"", options: .regularExpression) != nil)
    }

    @Test("CycloneDX output reads back to the same components", arguments: [
        "lockfiles/packagelockjson/nested-dependencies.v2.json", "lockfiles/uvlock/grouped-packages.lock",
        "lockfiles/composerlock/drupal-packages.json", "lockfiles/pipfilelock/multiple-packages.json",
        "lockfiles/pnpmlock/peer-dependencies-advanced.yaml",
    ])
    func roundTripCycloneDX(fixture: String) throws {
        let parsed = try FixtureLoader.parse(fixture)
        let sbom = SBOMGenerator.assemble([parsed], subjectName: "demo")
        let options = SBOMWriterOptions(timestamp: Self.fixedTime, toolVersion: "test")
        for format in [SBOMFormat.cycloneDXJSON, .spdxJSON] {
            let data = format == .cycloneDXJSON
                ? try CycloneDXJSONWriter.write(sbom, options: options)
                : try SPDXJSONWriter.write(sbom, options: options)
            let back = try SBOMReader.read(data: data)
            #expect(back.warnings.isEmpty)
            let before = Set(sbom.components.map { "\($0.name)|\($0.version ?? "")|\($0.purl?.description ?? "")|\($0.hashes.sorted())" })
            let after = Set(back.sbom.components.filter { $0.bomRef != sbom.subject?.bomRef && $0.name != "demo" }
                .map { "\($0.name)|\($0.version ?? "")|\($0.purl?.description ?? "")|\($0.hashes.sorted())" })
            #expect(before == after)
            let edgeCount = sbom.dependencies.dropFirst().reduce(0) { $0 + $1.dependsOn.count }
            let backEdges = back.sbom.dependencies.reduce(0) { $0 + $1.dependsOn.count }
            #expect(backEdges >= edgeCount)
        }
    }

    @Test("a directory without lockfiles is an error, not an empty SBOM")
    func noLockfiles() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(throws: SBOMError.self) { try SBOMGenerator().generate(path: root.path) }
        #expect(throws: SBOMError.self) { try SBOMGenerator().generate(path: root.path + "/missing") }
    }

    @Test("a broken lockfile is reported and the others are still read")
    func brokenLockfile() throws {
        let root = try Self.project([
            "a/Cargo.lock": "lockfiles/cargolock/not-toml.txt",
            "b/Cargo.lock": "lockfiles/cargolock/two-packages.lock",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try SBOMGenerator().generate(path: root.path)
        #expect(result.sbom.components.count == 2)
        #expect(result.warnings.contains { $0.code == "sbom.invalid-toml" && $0.file == "a/Cargo.lock" })
    }

    @Test("includes and symlinks never reach outside the tree")
    func staysInsideTree() throws {
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        try Data("secret-package==6.6.6\n".utf8).write(to: outside.appendingPathComponent("secret.txt"))
        try Data("module x\nSECRET TOKEN\n".utf8).write(to: outside.appendingPathComponent("token"))
        let root = try Self.project(["app/other.txt": "lockfiles/requirements/other-requirements.txt"])
        defer { try? FileManager.default.removeItem(at: root) }
        let requirements = "-r other.txt\n-r \(outside.path)/secret.txt\n-r ../../\(outside.lastPathComponent)/secret.txt\nflask==2.0.0\n"
        try Data(requirements.utf8).write(to: root.appendingPathComponent("app/requirements.txt"))
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("go.mod"),
                                                   withDestinationURL: outside.appendingPathComponent("token"))
        let result = try SBOMGenerator().generate(path: root.path)
        let names = Set(result.sbom.components.map(\.name))
        #expect(names == ["flask", "pandas"])
        #expect(!result.warnings.contains { $0.message.contains("SECRET") })
        #expect(result.warnings.filter { $0.code == "sbom.requirements-include" }.count == 2)
    }

    @Test("npm-shrinkwrap.json wins over package-lock.json in the same folder")
    func shrinkwrap() throws {
        let root = try Self.project([
            "package-lock.json": "lockfiles/packagelockjson/both/package-lock.json",
            "npm-shrinkwrap.json": "lockfiles/packagelockjson/both/npm-shrinkwrap.json",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try SBOMGenerator().generate(path: root.path)
        #expect(result.lockfiles.map(\.path) == ["npm-shrinkwrap.json"])
        #expect(result.warnings.contains { $0.code == "sbom.shadowed-lockfile" })
    }
}
