import Foundation
import Testing
import TollgateModel
import TollgateSBOM
import TollgateStore
import TollgateStoreSQLite
@testable import TollgateVulnerabilities

/// Range semantics from the OSV schema's evaluation section, on hand-made records.
struct MatchingTests {
    struct Case: Sendable, CustomStringConvertible {
        let label: String
        let ecosystem: String
        let events: [OSVEvent]
        let version: String
        let affected: Bool
        var description: String { label }
    }

    static let cases: [Case] = [
        Case(label: "introduced 0, below fix", ecosystem: "PyPI", events: [.introduced("0"), .fixed("2.0")], version: "1.9", affected: true),
        Case(label: "at the fix", ecosystem: "PyPI", events: [.introduced("0"), .fixed("2.0")], version: "2.0", affected: false),
        Case(label: "PEP 440 pre-release below the fix", ecosystem: "PyPI", events: [.introduced("1.0"), .fixed("2.0")], version: "2.0rc1", affected: true),
        Case(label: "below introduced", ecosystem: "PyPI", events: [.introduced("1.0"), .fixed("2.0")], version: "0.9", affected: false),
        Case(label: "last_affected is inclusive", ecosystem: "npm", events: [.introduced("1.0.0"), .lastAffected("1.4.0")], version: "1.4.0", affected: true),
        Case(label: "after last_affected", ecosystem: "npm", events: [.introduced("1.0.0"), .lastAffected("1.4.0")], version: "1.4.1", affected: false),
        Case(label: "limit is exclusive", ecosystem: "crates.io", events: [.introduced("0"), .limit("1.0.0")], version: "1.0.0", affected: false),
        Case(label: "below limit", ecosystem: "crates.io", events: [.introduced("0"), .limit("1.0.0")], version: "0.9.9", affected: true),
        Case(label: "several pairs: in the second", ecosystem: "Maven",
             events: [.introduced("1.0"), .fixed("1.5"), .introduced("2.0"), .fixed("2.3")], version: "2.1", affected: true),
        Case(label: "several pairs: between them", ecosystem: "Maven",
             events: [.introduced("1.0"), .fixed("1.5"), .introduced("2.0"), .fixed("2.3")], version: "1.7", affected: false),
        Case(label: "events listed out of order", ecosystem: "Maven",
             events: [.fixed("2.3"), .introduced("2.0"), .fixed("1.5"), .introduced("1.0")], version: "1.2", affected: true),
        Case(label: "open range (no fix)", ecosystem: "Go", events: [.introduced("0.0.0-20150717181359-44718f8a89b0")], version: "v3.2.0", affected: true),
        Case(label: "Go +incompatible below the fix", ecosystem: "Go", events: [.introduced("0"), .fixed("4.0.0")], version: "v3.2.0+incompatible", affected: true),
        Case(label: "Debian epoch beats upstream", ecosystem: "Debian:12", events: [.introduced("0"), .fixed("1:1.0-1")], version: "2.0-1", affected: true),
        Case(label: "Debian tilde sorts before release", ecosystem: "Debian:12", events: [.introduced("0"), .fixed("1.2.3-1")], version: "1.2.3-1~deb12u1", affected: true),
    ]

    @Test("evaluates SEMVER and ECOSYSTEM events as the OSV schema specifies", arguments: cases)
    func evaluate(c: Case) {
        let type = c.ecosystem == "npm" || c.ecosystem == "crates.io" || c.ecosystem == "Go" ? "SEMVER" : "ECOSYSTEM"
        let match = AffectedEvaluator(ecosystem: c.ecosystem).evaluate(
            version: c.version, ranges: [OSVRange(type: type, events: c.events)], versions: [], lastKnownAffected: nil)
        #expect((match != nil) == c.affected)
    }

    @Test("an explicit versions list matches exactly, GIT ranges are ignored")
    func versionsList() {
        let evaluator = AffectedEvaluator(ecosystem: "PyPI")
        let git = OSVRange(type: "GIT", events: [.introduced("0"), .fixed("abc123")])
        #expect(evaluator.evaluate(version: "1.2", ranges: [git], versions: ["1.1", "1.2"], lastKnownAffected: nil)?.via == .versions)
        #expect(evaluator.evaluate(version: "1.3", ranges: [git], versions: ["1.1", "1.2"], lastKnownAffected: nil) == nil)
        let both = evaluator.evaluate(version: "1.2", ranges: [OSVRange(type: "ECOSYSTEM", events: [.introduced("0"), .fixed("2")])],
                                      versions: ["1.2"], lastKnownAffected: nil)
        #expect(both?.via == .rangeAndVersions)
        #expect(both?.fixedVersions == ["2"])
    }

    @Test("beyond GHSA's last known affected version, an unfixed finding is unconfirmed, not dropped", arguments: [
        ("1.2.0", true), ("1.2.3", true), ("1.2.4", false), ("9.0.0", false),
    ])
    func lastKnownAffected(version: String, confirmed: Bool) throws {
        let open = OSVRange(type: "ECOSYSTEM", events: [.introduced("1.0.0")])
        let match = try #require(AffectedEvaluator(ecosystem: "Maven").evaluate(
            version: version, ranges: [open], versions: [], lastKnownAffected: "<= 1.2.3"))
        #expect(match.confirmed == confirmed)
        #expect(match.fixedVersions.isEmpty)
    }

    @Test("a known fix makes GHSA's last-known bound irrelevant")
    func lastKnownWithFix() throws {
        let closed = OSVRange(type: "ECOSYSTEM", events: [.introduced("1.0.0"), .fixed("2.0.0")])
        let match = try #require(AffectedEvaluator(ecosystem: "Maven").evaluate(
            version: "1.9.0", ranges: [closed], versions: [], lastKnownAffected: "< 1.5.0"))
        #expect(match.confirmed)
    }

    @Test("an ecosystem suffix matches the purl's distro qualifier", arguments: [
        ("12", "debian-12", true), ("12", "bookworm", true), ("11", "debian-12", false), ("12", nil, true),
        ("v3.16", "alpine-3.16.2", true), ("v3.16", "alpine-3.17", false), ("22.04:LTS", "ubuntu-22.04", true),
    ] as [(String, String?, Bool)])
    func distro(suffix: String, distro: String?, expected: Bool) {
        #expect(PackageNaming.suffix(suffix, matchesDistro: distro) == expected)
    }

    @Test("distro packages are looked up by their source package when the purl names one (upstream)", arguments: [
        ("pkg:deb/debian/libc6@2.36-9?arch=amd64&distro=debian-12&upstream=glibc", "Debian", "glibc"),
        ("pkg:deb/debian/curl@7.88.1-10", "Debian", "curl"),
        ("pkg:apk/alpine/libcrypto3@3.1.4-r5?upstream=openssl", "Alpine", "openssl"),
        ("pkg:deb/ubuntu/libssl3@3.0.2?upstream=openssl%403.0.2-0ubuntu1", "Ubuntu", "openssl"),
    ])
    func sourcePackage(purl: String, ecosystem: String, name: String) throws {
        let key = try #require(PackageNaming.key(forPurl: try PackageURL(parsing: purl)))
        #expect(key.ecosystem == ecosystem)
        #expect(key.name == name)
    }

    static func record(_ id: String, ecosystem: String, name: String, events: [OSVEvent], aliases: [String] = [],
                       withdrawn: String? = nil, severity: [OSVSeverity] = []) -> Data {
        let eventJSON = events.map { e -> String in
            switch e {
            case let .introduced(v): "{\"introduced\":\"\(v)\"}"
            case let .fixed(v): "{\"fixed\":\"\(v)\"}"
            case let .lastAffected(v): "{\"last_affected\":\"\(v)\"}"
            case let .limit(v): "{\"limit\":\"\(v)\"}"
            }
        }.joined(separator: ",")
        let aliasJSON = aliases.map { "\"\($0)\"" }.joined(separator: ",")
        let severityJSON = severity.map { "{\"type\":\"\($0.type)\",\"score\":\"\($0.score)\"}" }.joined(separator: ",")
        let withdrawnJSON = withdrawn.map { ",\"withdrawn\":\"\($0)\"" } ?? ""
        return Data("""
            {"id":"\(id)","modified":"2024-01-01T00:00:00Z","aliases":[\(aliasJSON)],"severity":[\(severityJSON)]\(withdrawnJSON),
             "affected":[{"package":{"ecosystem":"\(ecosystem)","name":"\(name)"},"ranges":[{"type":"ECOSYSTEM","events":[\(eventJSON)]}]}]}
            """.utf8)
    }

    static func importRecords(_ records: [(String, Data)]) async throws -> AdvisoryStoreSQLiteBox {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-osv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, data) in records { try data.write(to: directory.appendingPathComponent(name)) }
        let store = try temporaryStore()
        let summary = try await AdvisoryImporter(store: store).importPath(directory.path)
        return AdvisoryStoreSQLiteBox(store: store, summary: summary, directory: directory)
    }

    static func component(_ purl: String) throws -> SBOMComponent {
        let p = try PackageURL(parsing: purl)
        return SBOMComponent(bomRef: purl, name: p.name, version: p.version, purl: p)
    }

    @Test("PYSEC and GHSA records for one CVE become one finding with both ids; withdrawn records never match")
    func groupsAndWithdrawn() async throws {
        let db = try await Self.importRecords([
            ("PYSEC-1.json", Self.record("PYSEC-1", ecosystem: "PyPI", name: "Demo_Pkg", events: [.introduced("0"), .fixed("1.5")], aliases: ["CVE-2024-1"])),
            ("GHSA-1.json", Self.record("GHSA-aaaa-bbbb-cccc", ecosystem: "PyPI", name: "demo-pkg", events: [.introduced("1.0"), .fixed("1.4.1")],
                                        aliases: ["CVE-2024-1"], severity: [OSVSeverity(type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")])),
            ("PYSEC-2.json", Self.record("PYSEC-2", ecosystem: "PyPI", name: "demo.pkg", events: [.introduced("0")], withdrawn: "2024-02-01T00:00:00Z")),
        ])
        let report = try await Scanner(store: db.store).scan(SBOM(components: [try Self.component("pkg:pypi/demo-pkg@1.2")]))
        #expect(report.findings.count == 1)
        let finding = try #require(report.findings.first)
        #expect(finding.id == "PYSEC-1")
        #expect(Set(finding.aliases) == ["CVE-2024-1", "GHSA-aaaa-bbbb-cccc"])
        #expect(finding.severity == .critical)
        #expect(finding.fixedVersions == ["1.4.1", "1.5"])
        #expect(db.summary.skippedByReason["withdrawn"] == 1)
    }

    @Test("a distro-suffixed record matches only the purl's release")
    func debianSuffix() async throws {
        let db = try await Self.importRecords([
            ("DSA-12.json", Self.record("DSA-1-12", ecosystem: "Debian:12", name: "zlib", events: [.introduced("0"), .fixed("1:1.2.13.dfsg-2")])),
            ("DSA-11.json", Self.record("DSA-1-11", ecosystem: "Debian:11", name: "zlib", events: [.introduced("0"), .fixed("1:1.2.11.dfsg-3")])),
        ])
        let report = try await Scanner(store: db.store).scan(SBOM(components: [
            try Self.component("pkg:deb/debian/zlib@1:1.2.13.dfsg-1?distro=debian-12"),
        ]))
        #expect(report.findings.map(\.id) == ["DSA-1-12"])
    }

    @Test("image packages are matched by their source package, in the distro's version order")
    func imagePackages() async throws {
        let db = try await Self.importRecords([
            ("DSA-glibc.json", Self.record("DSA-9-12", ecosystem: "Debian:12", name: "glibc", events: [.introduced("0"), .fixed("2.36-9+deb12u4")])),
            ("ALPINE-openssl.json", Self.record("ALPINE-1", ecosystem: "Alpine:v3.19", name: "openssl", events: [.introduced("0"), .fixed("3.1.4-r5")])),
        ])
        let report = try await Scanner(store: db.store).scan(SBOM(components: [
            try Self.component("pkg:deb/debian/libc6@2.36-9%2Bdeb12u3?arch=amd64&distro=debian-12&upstream=glibc"),
            try Self.component("pkg:deb/debian/libc-bin@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12&upstream=glibc"),
            try Self.component("pkg:apk/alpine/libcrypto3@3.1.4-r4?arch=x86_64&distro=alpine-3.19.1&upstream=openssl"),
            try Self.component("pkg:apk/alpine/libssl3@3.1.4-r10?arch=x86_64&distro=alpine-3.19.1&upstream=openssl"),
        ]))
        #expect(Set(report.findings.map { "\($0.id) " + ($0.purl.split(separator: "@").first.map(String.init) ?? "") })
                    == ["DSA-9-12 pkg:deb/debian/libc6", "ALPINE-1 pkg:apk/alpine/libcrypto3"])
    }

    @Test("re-importing unchanged records rewrites nothing, a changed record is updated")
    func incremental() async throws {
        let db = try await Self.importRecords([
            ("A.json", Self.record("OSV-A", ecosystem: "npm", name: "left-pad", events: [.introduced("0"), .fixed("1.0.0")])),
        ])
        #expect(db.summary.added == 1)
        let importer = AdvisoryImporter(store: db.store)
        let warmScanner = Scanner(store: db.store)
        let before = try await warmScanner.scan(SBOM(components: [try Self.component("pkg:npm/left-pad@1.0.5")]))
        #expect(before.findings.isEmpty)
        let again = try await importer.importPath(db.directory.path)
        #expect(again.unchanged == 1 && again.added == 0 && again.updated == 0)
        try Self.record("OSV-A", ecosystem: "npm", name: "left-pad", events: [.introduced("0"), .fixed("1.1.0")])
            .write(to: db.directory.appendingPathComponent("A.json"))
        let stateBefore = try await db.store.state()
        #expect(stateBefore.advisoryCount == 1 && stateBefore.lastImport != nil)
        try Self.record("OSV-B", ecosystem: "npm", name: "right-pad", events: [.introduced("0")])
            .write(to: db.directory.appendingPathComponent("B.json"))
        let changed = try await importer.importPath(db.directory.path)
        #expect(changed.updated == 1)
        // The state read in one transaction follows the import: a new revision and a fresh count.
        let stateAfter = try await db.store.state()
        #expect(stateAfter.revision > stateBefore.revision)
        #expect(stateAfter.advisoryCount == 2)
        #expect(stateAfter.revision == (try await db.store.revision()))
        let report = try await Scanner(store: db.store).scan(SBOM(components: [try Self.component("pkg:npm/left-pad@1.0.5")]))
        #expect(report.findings.first?.fixedVersions == ["1.1.0"])
        // A warm scanner notices the database changed (revision) and does not serve stale rows.
        let after = try await warmScanner.scan(SBOM(components: [try Self.component("pkg:npm/left-pad@1.0.5")]))
        #expect(after.findings.first?.fixedVersions == ["1.1.0"])
    }
}

extension MatchingTests {
    @Test("a large SBOM (matched in parallel chunks) gives the same findings as one component at a time")
    func largeSBOM() async throws {
        let db = try await Self.importRecords([
            ("B.json", Self.record("OSV-B", ecosystem: "npm", name: "big", events: [.introduced("0"), .fixed("1.0.1500")])),
        ])
        let components = try (0..<3000).map { try Self.component("pkg:npm/big@1.0.\($0)") }
        let report = try await Scanner(store: db.store).scan(SBOM(components: components))
        #expect(report.findings.count == 1500)
        #expect(Set(report.findings.map(\.version)) == Set((0..<1500).map { "1.0.\($0)" }))
        #expect(report.findings == report.findings.sorted { ($0.purl, $0.id) < ($1.purl, $1.id) })
    }
}

/// A store, its import summary and the directory the records were written to.
struct AdvisoryStoreSQLiteBox {
    let store: TollgateStoreSQLite.AdvisoryStoreSQLite
    let summary: ImportSummary
    let directory: URL
}

extension MatchingTests {
    @Test("a warm scanner's second scan (component matches from its memo) equals the first, and VEX still applies per scan")
    func memoizedScan() async throws {
        let store = try await SharedDatabase.store()
        let sbom = try FixtureLoader.sbom("sbom/dropwizard-1.3.15__bom.json")
        let scanner = Scanner(store: store)
        let cold = try await scanner.scan(sbom)
        let warm = try await scanner.scan(sbom)
        #expect(!cold.findings.isEmpty)
        #expect(warm.findings == cold.findings)
        #expect(try await Scanner(store: store).scan(sbom).findings == cold.findings)

        // The same components, now with a not_affected statement for one finding: only that one is suppressed.
        let target = try #require(cold.findings.first)
        let purl = try PackageURL(parsing: target.purl)
        let statement = VEXStatement(vulnerability: target.id, products: [.purl(purl)], status: .notAffected,
                                     justification: "vulnerable_code_not_in_execute_path", detail: nil, source: "test")
        let withVEX = try await scanner.scan(sbom, vex: [statement])
        #expect(withVEX.findings.filter(\.suppressed).map(\.id) == [target.id])
        #expect(withVEX.findings.count == cold.findings.count)
        let again = try await scanner.scan(sbom)
        #expect(again.findings == cold.findings)
    }
}
