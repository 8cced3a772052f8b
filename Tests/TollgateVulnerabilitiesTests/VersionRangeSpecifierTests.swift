import Foundation
import Testing
import TollgateVulnerabilities

/// purl-spec `vers:` ranges (VERSION-RANGE-SPEC.md), evaluated with each ecosystem's own ordering.
@Suite("vers version range specifiers")
struct VersionRangeSpecifierTests {
    struct Containment: Sendable, CustomTestStringConvertible {
        let vers: String
        let version: String
        let expected: Bool
        var testDescription: String { "\(vers) \(expected ? "contains" : "excludes") \(version)" }
    }

    /// The purl-spec VERS repository's containment vectors (Fixtures/vers, SOURCES.md).
    static func specVectors() throws -> [Containment] {
        var vectors: [Containment] = []
        for name in ["pypi_range_containment_test.json", "npm_range_containment_test.json"] {
            let object = try JSONSerialization.jsonObject(with: FixtureLoader.data("vers/\(name)")) as? [String: Any] ?? [:]
            for test in object["tests"] as? [[String: Any]] ?? [] {
                guard let input = test["input"] as? [String: Any], let vers = input["vers"] as? String,
                      let version = input["version"] as? String, let expected = test["expected_output"] as? Bool else { continue }
                vectors.append(Containment(vers: vers, version: version, expected: expected))
            }
        }
        return vectors
    }

    @Test("the purl-spec containment vectors hold")
    func specContainment() throws {
        let vectors = try Self.specVectors()
        #expect(vectors.count == 11)
        for vector in vectors {
            let range = try VersionRangeSpecifier(parsing: vector.vers)
            #expect(range.contains(vector.version) == vector.expected, "\(vector.testDescription)")
        }
    }

    static let ecosystems: [Containment] = [
        // npm: SemVer, pre-releases below their release.
        Containment(vers: "vers:npm/>=3.3.6|<3.3.7", version: "3.3.6", expected: true),
        Containment(vers: "vers:npm/>=3.3.6|<3.3.7", version: "3.3.7", expected: false),
        Containment(vers: "vers:npm/>=3.3.6|<3.3.7", version: "3.3.7-beta.1", expected: true),
        Containment(vers: "vers:npm/1.2.3|>=2.0.0|<5.0.0", version: "4.10.0", expected: true),
        Containment(vers: "vers:npm/1.2.3|>=2.0.0|<5.0.0", version: "1.2.4", expected: false),
        // PyPI: PEP 440 (1.0 == 1.0.0, rc below final, post above).
        Containment(vers: "vers:pypi/1.0", version: "1.0.0", expected: true),
        Containment(vers: "vers:pypi/>=1.26.0|<1.26.5", version: "1.26.4", expected: true),
        Containment(vers: "vers:pypi/<2.0", version: "2.0rc1", expected: true),
        Containment(vers: "vers:pypi/<=2.0", version: "2.0.post1", expected: false),
        // Maven: qualifiers order below the release.
        Containment(vers: "vers:maven/>=1.0.0-beta1|<=1.7.5|>=7.0.0-M1|<=7.0.7", version: "7.0.0", expected: true),
        Containment(vers: "vers:maven/>=1.0.0-beta1|<=1.7.5|>=7.0.0-M1|<=7.0.7", version: "2.0.0", expected: false),
        // Debian: epochs and tildes.
        Containment(vers: "vers:deb/<1:1.0", version: "2.0", expected: true),
        Containment(vers: "vers:deb/>=1.0~rc1|<1.0", version: "1.0~rc2", expected: true),
        // Go modules: SemVer with a leading v; pseudo-versions are pre-releases.
        Containment(vers: "vers:golang/>=v1.2.0|<v1.3.0", version: "v1.2.9", expected: true),
        Containment(vers: "vers:golang/<v0.1.0", version: "v0.0.0-20210101000000-abcdef123456", expected: true),
        // RubyGems: pre-release letters.
        Containment(vers: "vers:gem/>=2.2.0|!=2.2.1|<2.3.0", version: "2.2.1", expected: false),
        Containment(vers: "vers:gem/>=2.2.0|!=2.2.1|<2.3.0", version: "2.2.2", expected: true),
        Containment(vers: "vers:gem/<2.2.0", version: "2.2.0.pre", expected: true),
        // Only != constraints: everything else.
        Containment(vers: "vers:npm/!=1.0.0", version: "1.0.1", expected: true),
        // Spaces are not significant; a percent-encoded version is decoded.
        Containment(vers: " vers:npm/ >= 1.0.0 | < 2.0.0 ", version: "1.5.0", expected: true),
        Containment(vers: "vers:deb/2%3A8.39-12ubuntu0.1", version: "2:8.39-12ubuntu0.1", expected: true),
    ]

    @Test("ranges are evaluated with the ecosystem's version ordering", arguments: ecosystems)
    func ecosystemOrdering(_ vector: Containment) throws {
        #expect(try VersionRangeSpecifier(parsing: vector.vers).contains(vector.version) == vector.expected)
    }

    @Test("bare constraints take the package's scheme: =3.3.6 and >=3.3.6|<3.3.7")
    func bareConstraints() throws {
        let equal = try VersionRangeSpecifier(parsing: "=3.3.6", defaultScheme: "npm")
        #expect(equal.contains("3.3.6") && !equal.contains("3.3.7"))
        #expect(equal.description == "vers:npm/3.3.6")
        let range = try VersionRangeSpecifier(parsing: ">=3.3.6|<3.3.7", defaultScheme: "npm")
        #expect(range.description == "vers:npm/>=3.3.6|<3.3.7")
    }

    @Test("constraints are sorted by version into the canonical form")
    func canonicalOrder() throws {
        let range = try VersionRangeSpecifier(parsing: "vers:pypi/<=2.0.0|>=1.0.0|0.5")
        #expect(range.description == "vers:pypi/0.5|>=1.0.0|<=2.0.0")
        #expect(try VersionRangeSpecifier(parsing: "vers:npm/*").contains("0.0.1-anything"))
    }

    static let invalid: [(String, String?, String)] = [
        ("vers:npm/", nil, "no constraints"),
        ("npm/>=1.0.0", nil, "expected a 'vers:"),
        ("VERS:npm/1.0.0", nil, "lowercase"),
        ("vers:NPM/1.0.0", nil, "lowercase"),
        ("vers:npm/1.0.0|1.0.0", nil, "more than once"),
        ("vers:pypi/1.0|1.0.0", nil, "more than once"),
        ("vers:npm/>=1.0.0|>=2.0.0", nil, "alternate"),
        ("vers:npm/<1.0.0|<2.0.0", nil, "alternate"),
        ("vers:npm/2.0.0|<3.0.0", nil, "must not be followed by < or <="),
        ("vers:npm/>=", nil, "has no version"),
        ("vers:npm/1.0%2", nil, "percent-encoding"),
        ("vers:generic/>=1.0", nil, "no version ordering"),
        ("vers:pypi/>=1.0", "npm", "not the package's"),
        ("vers:npm/1.0\u{7}", nil, "printable ASCII"),
    ]

    @Test("malformed and invalid ranges are refused with a reason", arguments: invalid.indices)
    func refused(_ index: Int) {
        let (text, scheme, reason) = Self.invalid[index]
        #expect {
            try VersionRangeSpecifier(parsing: text, defaultScheme: scheme)
        } throws: { error in
            guard let error = error as? VulnerabilityError else { return false }
            return error.code == "vuln.invalid-version-range" && error.reason.contains(reason)
        }
    }

    @Test("a scheme without an ordering still takes = and != (exact strings)")
    func equalityOnly() throws {
        let range = try VersionRangeSpecifier(parsing: "vers:generic/1.0|1.1")
        #expect(range.contains("1.1") && !range.contains("1.2"))
        #expect(!(try VersionRangeSpecifier(parsing: "vers:generic/!=1.0").contains("1.0")))
    }
}
