import Foundation
import Testing
import TollgateSBOM

/// Every `*.expected.json` fixture (lockfiles/EXPECTED.md): the parser's sorted, distinct
/// (ecosystem, name, version) triples must equal it.
@Suite("Lockfile fixtures with expected output")
struct LockfileExpectationTests {
    static let expectedFiles = FixtureLoader.files(under: "lockfiles", suffix: ".expected.json")

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

    @Test("invalid lockfiles are refused with a clear error", arguments: parseErrorFixtures)
    func refusesInvalid(fixture: String) throws {
        #expect(throws: SBOMError.self) { try FixtureLoader.parse(fixture) }
    }
}
