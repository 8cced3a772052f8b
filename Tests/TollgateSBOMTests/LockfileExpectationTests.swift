import Foundation
import Testing
import TollgateSBOM

/// Every `*.expected.json` fixture (lockfiles/EXPECTED.md): the parser's sorted, distinct
/// (ecosystem, name, version) triples must equal it.
@Suite("Lockfile fixtures with expected output")
struct LockfileExpectationTests {
    /// `alias.v1.json.expected.json` records npm aliases under the alias with an `npm:` version
    /// (the reference script did not resolve v1 aliases, unlike its own v2 output and
    /// osv-scalibr); Tollgate reports the real package, which is what advisories name. That one
    /// fixture has its own test below.
    static let deviatingFixtures: Set<String> = ["lockfiles/packagelockjson/alias.v1.json.expected.json"]

    static let expectedFiles = FixtureLoader.files(under: "lockfiles", suffix: ".expected.json")
        .filter { !deviatingFixtures.contains($0) }

    static let parseErrorFixtures: [String] = {
        guard let data = try? FixtureLoader.data("lockfiles/EXPECTED-INDEX.json"),
              let index = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [] }
        return index.compactMap { key, value in
            (value as? String)?.hasPrefix("PARSE-ERROR") == true ? "lockfiles/" + key : nil
        }.sorted()
    }()

    @Test("there are fixtures to check")
    func fixturesExist() {
        #expect(Self.expectedFiles.count >= 70)
        #expect(Self.parseErrorFixtures.count >= 10)
    }

    @Test("parsed packages equal the expected file", arguments: expectedFiles)
    func matchesExpected(expectedFile: String) throws {
        let fixture = String(expectedFile.dropLast(".expected.json".count))
        let expected = try JSONDecoder().decode([LockfilePackage.Identity].self, from: try FixtureLoader.data(expectedFile))
        let result = try FixtureLoader.parse(fixture)
        #expect(result.distinctNameVersions == expected)
    }

    @Test("package-lock v1 aliases are reported under the real package name")
    func aliasV1() throws {
        let result = try FixtureLoader.parse("lockfiles/packagelockjson/alias.v1.json")
        #expect(result.distinctNameVersions == [
            .init(ecosystem: "npm", name: "@babel/code-frame", version: "7.0.0"),
            .init(ecosystem: "npm", name: "string-width", version: "4.2.0"),
            .init(ecosystem: "npm", name: "string-width", version: "5.1.2"),
        ])
        // The same lockfile in v2 form gives the same packages.
        let v2 = try FixtureLoader.parse("lockfiles/packagelockjson/alias.v2.json")
        #expect(v2.distinctNameVersions == result.distinctNameVersions)
    }

    @Test("invalid lockfiles are refused with a clear error", arguments: parseErrorFixtures)
    func refusesInvalid(fixture: String) throws {
        #expect(throws: SBOMError.self) { try FixtureLoader.parse(fixture) }
    }
}
