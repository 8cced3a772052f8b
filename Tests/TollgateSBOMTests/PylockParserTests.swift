import Foundation
import Testing
import TollgateSBOM

/// PEP 751 `pylock.toml` (real files: Fixtures/pylock/SOURCES.md) and the wheel files uv.lock pins.
@Suite("pylock.toml reader and uv.lock distributions")
struct PylockParserTests {
    static func parse(_ text: String) throws(SBOMError) -> LockfileParseResult {
        try PylockParser().parse(Data(text.utf8), path: "pylock.toml")
    }

    @Test("the PEP 751 example: packages, wheels with URL and sha256, dependencies")
    func specExample() throws {
        let result = try PylockParser().parse(try FixtureLoader.data("pylock/pylock.spec-example.toml"), path: "pylock.toml")
        #expect(result.kind == .pylockToml)
        #expect(result.distinctNameVersions.map { "\($0.name)@\($0.version)" } == ["attrs@25.1.0", "cattrs@24.1.2", "numpy@2.2.3"])
        let numpy = try #require(result.packages.first { $0.name == "numpy" })
        #expect(numpy.distributions.count == 2)
        #expect(numpy.distributions.allSatisfy { $0.kind == .wheel })
        #expect(numpy.distributions[1].filename == "numpy-2.2.3-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl")
        #expect(numpy.distributions[1].sha256 == "3b787adbf04b0db1967798dba8da1af07e387908ed1553a0d6e74c084d1ceafe")
        #expect(numpy.hashes.isEmpty, "two wheels and no sdist: no single identifying hash")
        let attrs = try #require(result.packages.first { $0.name == "attrs" })
        #expect(attrs.hashes.map(\.value) == ["c75a69e28a550a7e93789579c22aa26b0f5b83b75dc4e08fe092980051e1090a"])
        let cattrs = try #require(result.packages.first { $0.name == "cattrs" })
        #expect(cattrs.dependencies.map(\.name) == ["attrs"])
        #expect(cattrs.purl?.description == "pkg:pypi/cattrs@24.1.2", "PyPI, the default repository, is not named")
        #expect(result.warnings.isEmpty)
    }

    @Test("a PDM lock: sdist and wheel of each package, the sdist hash identifies it")
    func pdmExcerpt() throws {
        let result = try PylockParser().parse(try FixtureLoader.data("pylock/pylock.pdm-excerpt.toml"), path: "pylock.toml")
        #expect(result.packages.map(\.name) == ["pytest", "pytest-cov", "distlib"])
        let pytest = result.packages[0]
        #expect(pytest.distributions.map(\.kind) == [.wheel, .sdist])
        #expect(pytest.distributions.map(\.filename) == ["pytest-8.4.2-py3-none-any.whl", "pytest-8.4.2.tar.gz"])
        #expect(pytest.hashes.map(\.value) == ["86c0d0b93306b961d58d62a4db4879f27fe25513d4b969df351abdddb3c30e01"])
        #expect(pytest.distributions[0].url?.hasSuffix("/pytest-8.4.2-py3-none-any.whl") == true)
    }

    @Test("file names: pylock.toml and pylock.NAME.toml, nothing else")
    func detection() {
        #expect(LockfileKind.detect(filename: "pylock.toml") == .pylockToml)
        #expect(LockfileKind.detect(filename: "pylock.dev.toml") == .pylockToml)
        #expect(LockfileKind.detect(filename: "pylock.a.b.toml") == nil)
        #expect(LockfileKind.detect(filename: "pylock..toml") == nil)
        #expect(LockfileKind.pylockToml.ecosystem == "PyPI")
    }

    @Test("malformed input gets a specific error", arguments: [
        ("packages = []\n", "missing 'lock-version'"),
        ("lock-version = '2.0'\n", "is not supported"),
        ("lock-version = '1.0'\npackages = 'x'\n", "array of tables"),
        ("lock-version = '1.0'\n[[packages]]\nversion = '1'\n", "packages[0] has no 'name'"),
        ("lock-version = '1.0'\n[[packages]]\nname = 'a'\nwheels = [{name = 'a-1-py3-none-any.whl'}]\n", "has no 'hashes'"),
        ("lock-version = '1.0'\n[[packages]]\nname = 'a'\nwheels = [{hashes = {sha256 = 'ab'}}]\n", "has no 'name', 'url' or 'path'"),
        ("lock-version = '1.0'\n[[packages]]\nname = 'a'\nsdist = {name = 'a-1.tar.gz', hashes = {sha256 = 'not hex'}}\n", "is not a hex digest"),
        ("lock-version = '1.0'\n[[packages]]\nname = 'a'\nwheels = 'x'\n", "'wheels' must be an array"),
        ("lock-version = '1.0'\n[[packages]\n", "TOML line 2"),
    ])
    func malformed(_ text: String, _ message: String) {
        #expect {
            _ = try Self.parse(text)
        } throws: { error in
            guard let error = error as? SBOMError else { return false }
            return (error.kind == .invalidLockfile || error.kind == .invalidTOML) && error.reason.contains(message)
        }
    }

    @Test("limits: nesting depth and size")
    func limits() {
        let deep = "lock-version = '1.0'\nx = " + String(repeating: "[", count: 200) + String(repeating: "]", count: 200) + "\n"
        #expect(throws: SBOMError.self) { _ = try Self.parse(deep) }
        do {
            _ = try Self.parse(deep)
        } catch {
            #expect(error.kind == .tooLarge)
        }
        let huge = Data(count: LockfileLimits.maximumBytes + 1)
        do {
            _ = try PylockParser().parse(huge, path: "pylock.toml")
            Issue.record("an oversized file was accepted")
        } catch {
            #expect(error.kind == .tooLarge)
        }
    }

    @Test("vcs, directory and archive sources keep their URL; a package with nothing is a warning")
    func otherSources() throws {
        let result = try Self.parse("""
        lock-version = '1.0'
        [[packages]]
        name = 'tool'
        vcs = {type = 'git', url = 'https://github.com/acme/tool', commit-id = 'abc123'}
        [[packages]]
        name = 'local'
        directory = {path = './local'}
        [[packages]]
        name = 'bare'
        version = '1.0'
        [[packages]]
        name = 'acme-tools'
        version = '2.0'
        index = 'https://pypi.acme.example/simple'
        wheels = [{name = 'acme_tools-2.0-py3-none-any.whl', hashes = {sha256 = 'ab12'}}]
        """)
        #expect(result.packages.map(\.sourceURL) == ["https://github.com/acme/tool", "./local", nil, nil])
        #expect(result.packages[0].purl?.description.contains("vcs_url=") == true)
        #expect(result.packages[3].purl?.description.contains("repository_url=") == true, "another index than PyPI is named")
        #expect(result.warnings.map(\.code) == ["sbom.pylock-no-files"])
    }

    @Test("uv.lock keeps every wheel and the sdist, each with URL and hash (real osv-scalibr fixture)")
    func uvWheels() throws {
        let result = try UvLockParser().parse(try FixtureLoader.data("lockfiles/uvlock/two-packages.lock"), path: "uv.lock")
        let protobuf = try #require(result.packages.first { $0.name == "protobuf" })
        #expect(protobuf.distributions.filter { $0.kind == .wheel }.count == 6)
        #expect(protobuf.distributions.filter { $0.kind == .sdist }.map(\.filename) == ["protobuf-4.25.5.tar.gz"])
        let universal = try #require(protobuf.distributions.first { $0.filename == "protobuf-4.25.5-py3-none-any.whl" })
        #expect(universal.sha256 == "0aebecb809cae990f8129ada5ca273d9d670b76d9bfc9b1809f0a9c02b7dbf41")
        #expect(universal.url?.hasPrefix("https://files.pythonhosted.org/") == true)
        // The SBOM's identifying hash is still the sdist's.
        #expect(protobuf.hashes.map(\.value) == ["7f8249476b4a9473645db7f8ab42b02fe1488cbe5fb72fddd445e0665afd8584"])
    }
}
