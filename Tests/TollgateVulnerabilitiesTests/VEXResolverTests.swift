import Foundation
import Testing
import TollgateModel
import TollgateSBOM
@testable import TollgateVulnerabilities

/// Which VEX statement decides a finding: every statement whose vulnerability (or alias) and product match,
/// the latest by timestamp, ties and untimestamped statements by input order; `fixed` and justified
/// `not_affected` suppress, `affected` and `under_investigation` do not.
struct VEXResolverTests {
    static let log4j = SBOMComponent(bomRef: "log4j-core-ref", name: "log4j-core", version: "2.14.1",
                                     purl: try? PackageURL(parsing: "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"))

    static func sbom(subject: String, _ components: [SBOMComponent] = [log4j]) -> SBOM {
        SBOM(subject: SBOMComponent(bomRef: subject, type: "application", name: subject), components: components)
    }

    /// One statement of a sequence: its status, its time (nil: none) and whether a `not_affected` gives a reason.
    struct Step: Sendable {
        let status: VEXStatus
        let time: String?
        var justified = true
    }

    struct Sequence: Sendable, CustomTestStringConvertible {
        let name: String
        let steps: [Step]
        let status: VEXStatus
        let suppressed: Bool
        var testDescription: String { name }
    }

    static let sequences: [Sequence] = [
        .init(name: "a later affected after not_affected is not suppressed",
              steps: [.init(status: .notAffected, time: "2022-01-01T00:00:00Z"), .init(status: .affected, time: "2022-02-01T00:00:00Z")],
              status: .affected, suppressed: false),
        .init(name: "a later not_affected after affected is suppressed",
              steps: [.init(status: .affected, time: "2022-01-01T00:00:00Z"), .init(status: .notAffected, time: "2022-02-01T00:00:00Z")],
              status: .notAffected, suppressed: true),
        .init(name: "the later timestamp wins over the later input",
              steps: [.init(status: .affected, time: "2022-02-01T00:00:00Z"), .init(status: .notAffected, time: "2022-01-01T00:00:00Z")],
              status: .affected, suppressed: false),
        .init(name: "offsets are compared as instants",
              steps: [.init(status: .notAffected, time: "2022-01-01T10:00:00+02:00"), .init(status: .affected, time: "2022-01-01T09:00:00Z")],
              status: .affected, suppressed: false),
        .init(name: "fixed suppresses",
              steps: [.init(status: .fixed, time: "2022-01-01T00:00:00Z")], status: .fixed, suppressed: true),
        .init(name: "a later fixed after affected suppresses",
              steps: [.init(status: .affected, time: "2022-01-01T00:00:00Z"), .init(status: .fixed, time: "2022-03-01T00:00:00Z")],
              status: .fixed, suppressed: true),
        .init(name: "under_investigation does not suppress",
              steps: [.init(status: .underInvestigation, time: "2022-01-01T00:00:00Z")], status: .underInvestigation, suppressed: false),
        .init(name: "a later under_investigation after not_affected does not suppress",
              steps: [.init(status: .notAffected, time: "2022-01-01T00:00:00Z"), .init(status: .underInvestigation, time: "2022-02-01T00:00:00Z")],
              status: .underInvestigation, suppressed: false),
        .init(name: "equal timestamps: the later input wins (not_affected last)",
              steps: [.init(status: .affected, time: "2022-01-01T00:00:00Z"), .init(status: .notAffected, time: "2022-01-01T00:00:00Z")],
              status: .notAffected, suppressed: true),
        .init(name: "equal timestamps: the later input wins (affected last)",
              steps: [.init(status: .notAffected, time: "2022-01-01T00:00:00Z"), .init(status: .affected, time: "2022-01-01T00:00:00Z")],
              status: .affected, suppressed: false),
        .init(name: "no timestamps: the later input wins",
              steps: [.init(status: .notAffected, time: nil), .init(status: .affected, time: nil)], status: .affected, suppressed: false),
        .init(name: "an untimestamped statement is older than a timestamped one, even when it comes later",
              steps: [.init(status: .affected, time: "2022-01-01T00:00:00Z"), .init(status: .notAffected, time: nil)],
              status: .affected, suppressed: false),
        .init(name: "a timestamped statement beats an earlier untimestamped one",
              steps: [.init(status: .affected, time: nil), .init(status: .fixed, time: "2000-01-01T00:00:00Z")],
              status: .fixed, suppressed: true),
        .init(name: "a later not_affected without justification or impact statement wins but does not suppress",
              steps: [.init(status: .notAffected, time: "2022-01-01T00:00:00Z"),
                      .init(status: .notAffected, time: "2022-02-01T00:00:00Z", justified: false)],
              status: .notAffected, suppressed: false),
    ]

    @Test("the latest matching statement decides", arguments: sequences)
    func latestWins(sequence: Sequence) throws {
        let statements = sequence.steps.enumerated().map { index, step in
            VEXStatement(vulnerability: "CVE-2021-44228", products: [.reference("product-ABC")], status: step.status,
                         justification: step.justified && step.status == .notAffected ? "code_not_present" : nil,
                         detail: nil, source: "step-\(index)", timestamp: step.time.flatMap(VEXTimestamp.parse))
        }
        let verdict = try #require(VEXResolver(statements).verdict(
            for: ["CVE-2021-44228"], component: Self.log4j, in: Self.sbom(subject: "product-ABC")))
        #expect(verdict.status == sequence.status)
        #expect(verdict.suppresses == sequence.suppressed)
        #expect(verdict.matchedStatements == sequence.steps.count)
    }

    @Test("a statement matches by the finding's id or alias, or by its own aliases", arguments: [
        ("CVE-2021-44228", [], ["CVE-2021-44228"], true),
        ("CVE-2021-44228", [], ["GHSA-jfh8-c2jp-5v3q", "CVE-2021-44228"], true),
        ("CVE-2021-44228", ["GHSA-jfh8-c2jp-5v3q"], ["GHSA-jfh8-c2jp-5v3q"], true),
        ("SNYK-JAVA-ORGAPACHELOGGINGLOG4J-2314720", ["CVE-2021-44228"], ["GHSA-jfh8-c2jp-5v3q", "CVE-2021-44228"], true),
        ("CVE-2021-45046", ["GHSA-7rjr-3q55-vv33"], ["GHSA-jfh8-c2jp-5v3q", "CVE-2021-44228"], false),
        ("cve-2021-44228", [], ["CVE-2021-44228"], false),
    ] as [(String, [String], [String], Bool)])
    func aliases(vulnerability: String, aliases: [String], findingNames: [String], matches: Bool) {
        let statement = VEXStatement(vulnerability: vulnerability, aliases: aliases, products: [.reference("log4j-core-ref")],
                                     status: .fixed, justification: nil, detail: nil, source: "t")
        let verdict = VEXResolver([statement]).verdict(for: findingNames, component: Self.log4j, in: Self.sbom(subject: "app"))
        #expect((verdict != nil) == matches)
    }

    @Test("a product matches by purl with or without version, by bom-ref, or as the SBOM's subject", arguments: [
        ("pkg:maven/org.apache.logging.log4j/log4j-core", true),
        ("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", true),
        ("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar", true),
        ("pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1", false),
        ("pkg:maven/org.apache.logging.log4j/log4j-api@2.14.1", false),
        ("pkg:maven/org.example/log4j-core@2.14.1", false),
        ("pkg:npm/log4j-core@2.14.1", false),
        ("log4j-core-ref", true),
        ("product-ABC", true),
        ("product-DEF", false),
    ])
    func products(product: String, matches: Bool) throws {
        let statements = try VEXDocument.parse(Data("""
            {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://tollgate.dev/test/p", "author": "t",
             "timestamp": "2022-01-01T00:00:00Z", "version": 1,
             "statements": [{"vulnerability": {"name": "CVE-2021-44228"}, "products": [{"@id": "\(product)"}], "status": "fixed"}]}
            """.utf8), source: "p")
        let verdict = VEXResolver(statements).verdict(for: ["CVE-2021-44228"], component: Self.log4j,
                                                      in: Self.sbom(subject: "product-ABC"))
        #expect((verdict != nil) == matches)
    }

    @Test("a purl without version matches the component's own version when its purl has none")
    func versionFromComponent() throws {
        let component = SBOMComponent(bomRef: "c", name: "log4j-core", version: "2.14.1",
                                      purl: try PackageURL(parsing: "pkg:maven/org.apache.logging.log4j/log4j-core"))
        let statement = VEXStatement(
            vulnerability: "CVE-2021-44228", products: [.purl(try PackageURL(parsing: "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"))],
            status: .fixed, justification: nil, detail: nil, source: "t")
        #expect(VEXResolver([statement]).verdict(for: ["CVE-2021-44228"], component: component, in: SBOM()) != nil)
    }

    @Test("statements about other vulnerabilities or products are not considered")
    func unrelated() throws {
        let statements = [
            VEXStatement(vulnerability: "CVE-2021-44228", products: [.reference("product-DEF")], status: .affected,
                         justification: nil, detail: nil, source: "other product", timestamp: VEXTimestamp.parse("2030-01-01T00:00:00Z")),
            VEXStatement(vulnerability: "CVE-2021-45046", products: [.reference("product-ABC")], status: .affected,
                         justification: nil, detail: nil, source: "other vulnerability", timestamp: VEXTimestamp.parse("2030-01-01T00:00:00Z")),
            VEXStatement(vulnerability: "CVE-2021-44228", products: [.reference("product-ABC")], status: .notAffected,
                         justification: "code_not_present", detail: nil, source: "this one"),
        ]
        let verdict = try #require(VEXResolver(statements).verdict(
            for: ["CVE-2021-44228"], component: Self.log4j, in: Self.sbom(subject: "product-ABC")))
        #expect(verdict.source == "this one")
        #expect(verdict.suppresses)
        #expect(verdict.matchedStatements == 1)
        #expect(VEXResolver([]).verdict(for: ["CVE-2021-44228"], component: Self.log4j, in: Self.sbom(subject: "product-ABC")) == nil)
    }

    // MARK: real documents

    static func statements(_ paths: [String]) throws -> [VEXStatement] {
        try paths.flatMap { try VEXDocument.parse(FixtureLoader.data("vex/" + $0), source: $0) }
    }

    static let bash = SBOMComponent(bomRef: "bash", name: "bash", version: "1.0.0", purl: try? PackageURL(parsing: "pkg:apk/wolfi/bash@1.0.0"))

    @Test("vexctl's under_investigation then fixed documents: fixed wins by timestamp, in either input order", arguments: [
        ["openvex/vexctl-document1.vex.json", "openvex/vexctl-document2.vex.json"],
        ["openvex/vexctl-document2.vex.json", "openvex/vexctl-document1.vex.json"],
        ["openvex/vexctl-v001-1.vex.json", "openvex/vexctl-document2.vex.json", "openvex/vexctl-document1.vex.json"],
    ])
    func vexctlHistory(paths: [String]) throws {
        let verdict = try #require(VEXResolver(Self.statements(paths)).verdict(
            for: ["CVE-1234-5678"], component: Self.bash, in: SBOM(components: [Self.bash])))
        #expect(verdict.status == .fixed)
        #expect(verdict.suppresses)
        #expect(verdict.timestamp == VEXTimestamp.parse("2023-12-05T05:06:38.099731287Z"))
        #expect(verdict.author == "John Doe")
        #expect(verdict.source == "openvex/vexctl-document2.vex.json (OpenVEX)")
        #expect(verdict.matchedStatements == paths.count)
    }

    @Test("the specification's updated document: the added fixed statement inherits the newer document time and wins", arguments: [
        ["openvex/spec-inheritance-after.openvex.json"],
        ["openvex/spec-inheritance-after.openvex.json", "openvex/spec-inheritance-before.openvex.json"],
        ["openvex/spec-inheritance-before.openvex.json", "openvex/spec-inheritance-after.openvex.json"],
    ])
    func specInheritance(paths: [String]) throws {
        let git = SBOMComponent(bomRef: "git", name: "git", version: "2.39.0-r1",
                                purl: try PackageURL(parsing: "pkg:apk/wolfi/git@2.39.0-r1?arch=armv7"))
        let verdict = try #require(VEXResolver(Self.statements(paths)).verdict(
            for: ["CVE-2023-12345"], component: git, in: SBOM(components: [git])))
        #expect(verdict.status == .fixed)
        #expect(verdict.suppresses)
        #expect(verdict.timestamp == VEXTimestamp.parse("2023-01-09T09:08:42-06:00"))
    }

    @Test("the specification's Spring Boot example matches a GHSA finding through the statement's aliases")
    func specSpringBoot() throws {
        let spring = SBOMComponent(bomRef: "spring-boot", name: "spring-boot", version: "2.6.0-M3",
                                   purl: try PackageURL(parsing: "pkg:maven/org.springframework.boot/spring-boot@2.6.0-M3"))
        let resolver = VEXResolver(try Self.statements(["openvex/spec-spring-boot.openvex.json"]))
        let verdict = try #require(resolver.verdict(for: ["GHSA-jfh8-c2jp-5v3q"], component: spring, in: SBOM(components: [spring])))
        #expect(verdict.status == .notAffected)
        #expect(verdict.justification == "vulnerable_code_not_in_execute_path")
        #expect(verdict.suppresses)
        #expect(verdict.author == "Spring Builds <spring-builds@users.noreply.github.com>")
        let other = SBOMComponent(bomRef: "spring-boot", name: "spring-boot", version: "2.6.1",
                                  purl: try PackageURL(parsing: "pkg:maven/org.springframework.boot/spring-boot@2.6.1"))
        #expect(resolver.verdict(for: ["GHSA-jfh8-c2jp-5v3q"], component: other, in: SBOM(components: [other])) == nil)
    }

    @Test("CISA use case 3: one product, each Ripple20 CVE with its own status", arguments: [
        ("CVE-2020-11896", VEXStatus.underInvestigation, false),
        ("CVE-2020-11897", .notAffected, true),
        ("CVE-2020-11898", .affected, false),
        ("CVE-2020-11901", .fixed, true),
        ("CVE-2020-11907", .affected, false),
        ("CVE-2020-11913", .notAffected, true),
    ])
    func cisaCase3(cve: String, status: VEXStatus, suppressed: Bool) throws {
        let stack = SBOMComponent(bomRef: "treck", name: "treck-tcpip", version: "6.0.1.66")
        let verdict = try #require(VEXResolver(Self.statements(["cyclonedx/CISA-Use-Cases/Case-3/vex.json"])).verdict(
            for: [cve], component: stack, in: Self.sbom(subject: "product-GHI", [stack])))
        #expect(verdict.status == status)
        #expect(verdict.suppresses == suppressed)
        #expect(verdict.timestamp == VEXTimestamp.parse("2022-03-03T00:00:00Z"))
    }

    @Test("CISA use case 1: each status alone, on the product it names", arguments: [
        ("vex-not_affected.json", "product-ABC", VEXStatus.notAffected, true),
        ("vex-affected.json", "product-DEF", .affected, false),
        ("vex-fixed.json", "product-DEF", .fixed, true),
        ("vex-under_investigation.json", "product-GHI", .underInvestigation, false),
    ])
    func cisaCase1(file: String, product: String, status: VEXStatus, suppressed: Bool) throws {
        let resolver = VEXResolver(try Self.statements(["cyclonedx/CISA-Use-Cases/Case-1/" + file]))
        let verdict = try #require(resolver.verdict(for: ["CVE-2021-44228"], component: Self.log4j, in: Self.sbom(subject: product)))
        #expect(verdict.status == status)
        #expect(verdict.suppresses == suppressed)
        #expect(resolver.verdict(for: ["CVE-2021-44228"], component: Self.log4j, in: Self.sbom(subject: "product-XYZ")) == nil)
    }

    @Test("CISA use case 1's affected and fixed files carry the same time: the later input wins", arguments: [
        (["vex-affected.json", "vex-fixed.json"], VEXStatus.fixed, true),
        (["vex-fixed.json", "vex-affected.json"], .affected, false),
    ])
    func cisaTie(files: [String], status: VEXStatus, suppressed: Bool) throws {
        let resolver = VEXResolver(try Self.statements(files.map { "cyclonedx/CISA-Use-Cases/Case-1/" + $0 }))
        let verdict = try #require(resolver.verdict(for: ["CVE-2021-44228"], component: Self.log4j, in: Self.sbom(subject: "product-DEF")))
        #expect(verdict.status == status)
        #expect(verdict.suppresses == suppressed)
        #expect(verdict.matchedStatements == 2)
    }
}
