import Foundation
import Testing
@testable import TollgateVulnerabilities

/// Every comparison vector in `versions/` (osv-scalibr's and univers's test data) must hold.
struct VersionOrderingTests {
    struct VectorFile: Sendable, CustomStringConvertible {
        let path: String
        let scheme: VersionScheme
        var description: String { path }
    }

    static let scalibrFiles: [VectorFile] = [
        ("pypi", VersionScheme.pep440), ("semver", .semver), ("maven", .maven), ("nuget", .nuget),
        ("rubygems", .rubygems), ("packagist", .packagist), ("debian", .debian), ("redhat", .rpm), ("alpine", .alpine),
    ].flatMap { name, scheme in
        ["-versions.txt", "-versions-generated.txt"].map { VectorFile(path: "versions/osv-scalibr/\(name)\($0)", scheme: scheme) }
    }.filter { (try? FixtureLoader.url($0.path)).map { FileManager.default.fileExists(atPath: $0.path) } ?? false }

    @Test("orders every osv-scalibr comparison vector", arguments: scalibrFiles)
    func scalibrVectors(file: VectorFile) throws {
        var checked = 0
        for line in try FixtureLoader.text(file.path).split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty || text.hasPrefix("#") || text.hasPrefix("//") { continue }
            let parts = text.components(separatedBy: " ")
            try #require(parts.count == 3, "unexpected vector line '\(text)'")
            let expected = parts[1] == "<" ? -1 : (parts[1] == ">" ? 1 : 0)
            let got = file.scheme.compare(parts[0], parts[2]).signum()
            #expect(got == expected, "\(text): got \(got)")
            checked += 1
        }
        #expect(checked > 10)
    }

    static let universFiles: [VectorFile] = [
        VectorFile(path: "versions/univers/maven_version_cmp.json", scheme: .maven),
        VectorFile(path: "versions/univers/nuget_version_cmp.json", scheme: .nuget),
        VectorFile(path: "versions/univers/alpine_version_cmp.json", scheme: .alpine),
        VectorFile(path: "versions/univers/deb_version_python_pkg_test.json", scheme: .debian),
    ]

    @Test("orders every univers comparison and equality vector", arguments: universFiles)
    func universVectors(file: VectorFile) throws {
        let cases = try #require(try JSONSerialization.jsonObject(with: FixtureLoader.data(file.path)) as? [[String: Any]])
        #expect(cases.count > 10)
        for testCase in cases {
            let input = try #require(testCase["input"] as? [String: Any])
            let versions = try #require(input["versions"] as? [String])
            let c = file.scheme.compare(versions[0], versions[1])
            if testCase["test_type"] as? String == "equality" {
                let equal = try #require(testCase["expected_output"] as? Bool)
                #expect((c == 0) == equal, "\(versions) equality: got \(c)")
            } else {
                // univers lists the expected order with normalised spellings (NuGet lowercases).
                let order = try #require(testCase["expected_output"] as? [String])
                let firstIsLower = order[0].lowercased() == versions[0].lowercased()
                    && order[0].lowercased() != order[1].lowercased()
                #expect(firstIsLower ? c < 0 : c > 0, "\(versions) expected order \(order): got \(c)")
            }
        }
    }

    @Test("rpmvercmp agrees with rpm's own test suite")
    func rpmVercmp() throws {
        var checked = 0
        for line in try FixtureLoader.text("versions/univers/rpmvercmp.at").split(separator: "\n")
        where line.hasPrefix("RPMVERCMP(") {
            let parts = line.dropFirst("RPMVERCMP(".count).dropLast().components(separatedBy: ", ")
            guard parts.count == 3, let expected = Int(parts[2]) else { continue }
            #expect(RPMVersion.rpmvercmp(Array(parts[0].utf8), Array(parts[1].utf8)).signum() == expected, "\(parts)")
            checked += 1
        }
        #expect(checked > 50)
    }

    @Test("Go pseudo-versions and +incompatible order as SemVer", arguments: [
        ("v0.0.0-20200101000000-abcdef123456", "v0.0.0-20210101000000-abcdef123456", -1),
        ("v0.0.0-20210101000000-abcdef123456", "v0.1.0", -1),
        ("v2.0.0+incompatible", "v2.0.0", 0),
        ("v3.2.0+incompatible", "v3.2.1", -1),
        ("v1.2.4-0.20200101000000-abcdef123456", "v1.2.3", 1),
        ("v1.2.4-0.20200101000000-abcdef123456", "v1.2.4", -1),
    ])
    func goVersions(a: String, b: String, expected: Int) {
        #expect(VersionScheme(ecosystem: "Go")?.compare(a, b).signum() == expected)
    }

    @Test("maps OSV ecosystems to their version schemes", arguments: [
        ("PyPI", VersionScheme.pep440), ("npm", .semver), ("crates.io", .semver), ("Go", .semver), ("Maven", .maven),
        ("NuGet", .nuget), ("RubyGems", .rubygems), ("Packagist", .packagist), ("Debian:12", .debian),
        ("Ubuntu:22.04:LTS", .debian), ("Red Hat", .rpm), ("Alpine:v3.16", .alpine),
    ])
    func ecosystems(ecosystem: String, scheme: VersionScheme) {
        #expect(VersionScheme(ecosystem: ecosystem) == scheme)
    }

    @Test("an unknown ecosystem has no ordering")
    func unknownEcosystem() {
        #expect(VersionScheme(ecosystem: "Hackage-ish") == nil)
    }
}
