import Foundation
import Testing
import TollgateModel
import TollgateSBOM

/// Formats without `*.expected.json`: expectations written from each format's documentation
/// and osv-scalibr's extractor tests (read, not copied). Each row: fixture → sorted
/// "name@version" list.
@Suite("Lockfile formats without expected files")
struct LockfileFormatTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let fixture: String
        let expected: [String]
        var testDescription: String { fixture }
    }

    static func distinct(_ result: LockfileParseResult) -> [String] {
        result.distinctNameVersions.map { "\($0.name)@\($0.version)" }
    }

    static let rows: [Row] = [
        // yarn v1 and berry
        Row(fixture: "yarnlock/empty.v1.lock", expected: []),
        Row(fixture: "yarnlock/empty.v2.lock", expected: []),
        Row(fixture: "yarnlock/metadata-only.v2.lock", expected: []),
        Row(fixture: "yarnlock/one-package.v1.lock", expected: ["balanced-match@1.0.2"]),
        Row(fixture: "yarnlock/one-package.v2.lock", expected: ["balanced-match@1.0.2"]),
        Row(fixture: "yarnlock/two-packages.v1.lock", expected: ["concat-map@0.0.1", "concat-stream@1.6.2"]),
        Row(fixture: "yarnlock/with-quotes.v2.lock", expected: ["compare-func@2.0.0", "concat-map@0.0.1"]),
        Row(fixture: "yarnlock/multiple-versions.v1.lock", expected: ["define-properties@1.1.3", "define-property@0.2.5", "define-property@1.0.0", "define-property@2.0.2"]),
        Row(fixture: "yarnlock/multiple-versions.v2.lock", expected: ["debug@2.6.9", "debug@3.2.7", "debug@4.3.3"]),
        Row(fixture: "yarnlock/scoped-packages.v1.lock", expected: ["@babel/code-frame@7.12.11", "@babel/compat-data@7.14.0"]),
        Row(fixture: "yarnlock/with-aliases.v1.lock", expected: ["@babel/helper-validator-identifier@7.22.20", "ansi-regex@5.0.1", "ansi-regex@6.0.1"]),
        Row(fixture: "yarnlock/with-aliases.v2.lock", expected: ["@babel/helper-validator-identifier@7.22.20", "ansi-regex@5.0.1", "ansi-regex@6.0.1"]),
        Row(fixture: "yarnlock/exclude-root.v2.lock", expected: ["ansi-regex@6.1.0"]),
        Row(fixture: "yarnlock/with-build-string.v1.lock", expected: ["domino@2.1.6+git", "tslib@2.6.2"]),
        Row(fixture: "yarnlock/with-prerelease.v2.lock", expected: ["@nicolo-ribaudo/chokidar-2@2.1.8-no-fsevents.3", "gensync@1.0.0-beta.2"]),
        // pnpm 5.x / 6.x / 9.x
        Row(fixture: "pnpmlock/empty.yaml", expected: []),
        Row(fixture: "pnpmlock/no-packages.v9.yaml", expected: []),
        Row(fixture: "pnpmlock/one-package.yaml", expected: ["acorn@8.7.0"]),
        Row(fixture: "pnpmlock/one-package-v6-lockfile.yaml", expected: ["acorn@8.7.0"]),
        Row(fixture: "pnpmlock/one-package.v9.yaml", expected: ["acorn@8.11.3"]),
        Row(fixture: "pnpmlock/scoped-packages.yaml", expected: ["@typescript-eslint/types@5.13.0"]),
        Row(fixture: "pnpmlock/scoped-packages-v6-lockfile.yaml", expected: ["@typescript-eslint/types@5.57.1"]),
        Row(fixture: "pnpmlock/peer-dependencies.yaml", expected: ["acorn-jsx@5.3.2", "acorn@8.7.0"]),
        Row(fixture: "pnpmlock/multiple-versions.yaml", expected: ["uuid@3.3.2", "uuid@8.3.2", "xmlbuilder@9.0.7"]),
        Row(fixture: "pnpmlock/exotic.yaml", expected: ["@foo/bar@1.0.0", "@foo/bar@1.1.0", "foo@1.0.0", "foo@1.1.0", "foo@1.2.0", "foo@1.3.0", "foo@1.4.0"]),
        Row(fixture: "pnpmlock/invalid-path.yaml", expected: ["acorn@8.7.0"]),
        Row(fixture: "pnpmlock/commits.v9.yaml", expected: ["ansi-regex@6.0.1", "is-number@7.0.0"]),
        Row(fixture: "pnpmlock/tarball.yaml", expected: ["@my-org/my-package@3.2.3"]),
        // Gemfile.lock
        Row(fixture: "gemfilelock/no-gems.lock", expected: []),
        Row(fixture: "gemfilelock/one-gem.lock", expected: ["ast@2.4.2"]),
        Row(fixture: "gemfilelock/some-gems.lock", expected: ["coderay@1.1.3", "method_source@1.0.0", "pry@0.14.1"]),
        Row(fixture: "gemfilelock/has-git-gem.lock", expected: ["concurrent-ruby@1.1.7", "hanami-controller@2.0.0.alpha1", "hanami-utils@2.0.0.alpha1", "rack@2.2.3", "transproc@1.1.1"]),
        // go.mod (versions without "v", as OSV writes them; stdlib from toolchain/go)
        Row(fixture: "gomod/empty.mod", expected: []),
        Row(fixture: "gomod/one-package.mod", expected: ["github.com/BurntSushi/toml@1.0.0"]),
        Row(fixture: "gomod/two-packages.mod", expected: ["github.com/BurntSushi/toml@1.0.0", "gopkg.in/yaml.v2@2.4.0", "stdlib@1.17"]),
        Row(fixture: "gomod/toolchain.mod", expected: ["github.com/BurntSushi/toml@1.0.0", "stdlib@1.23.6"]),
        Row(fixture: "gomod/toolchain-with-suffix.mod", expected: ["github.com/BurntSushi/toml@1.0.0", "stdlib@1.23.6"]),
        Row(fixture: "gomod/replace-one.mod", expected: ["example.com/fork/net@1.4.5"]),
        Row(fixture: "gomod/replace-mixed.mod", expected: ["example.com/fork/net@1.4.5", "golang.org/x/net@0.5.6"]),
        Row(fixture: "gomod/replace-no-version.mod", expected: ["example.com/fork/net@1.4.5"]),
        Row(fixture: "gomod/replace-different.mod", expected: ["example.com/fork/foe@1.4.2", "example.com/fork/foe@1.4.5"]),
        Row(fixture: "gomod/replace-local.mod", expected: ["./fork/net@", "github.com/BurntSushi/toml@1.0.0"]),
        Row(fixture: "gomod/replace-not-required.mod", expected: ["github.com/BurntSushi/toml@1.0.0", "golang.org/x/net@0.5.6"]),
        Row(fixture: "gomod/indirect-packages.mod", expected: ["github.com/BurntSushi/toml@1.0.0", "github.com/mattn/go-colorable@0.1.9", "github.com/mattn/go-isatty@0.0.14", "golang.org/x/sys@0.0.0-20210630005230-0f9fa26af87c", "gopkg.in/yaml.v2@2.4.0", "stdlib@1.17"]),
        // requirements.txt: only exact pins
        Row(fixture: "requirements/comments.txt", expected: ["GMPY2@1", "PyCrypto@1.2-alpha", "SymPy@1.2", "requests@1.0", "six@1.2"]),
        Row(fixture: "requirements/no_version.txt", expected: []),
        Row(fixture: "requirements/extras.txt", expected: ["celery@4.4.7", "pyjwt@2.1.0"]),
        Row(fixture: "requirements/example.txt", expected: ["docopt@0.6.1"]),
        Row(fixture: "requirements/with_versions.txt", expected: ["hy-phen@1.2", "nltk@3.2.2", "pkg.dot.name@5.0.0", "qwerty@0.1", "tabulate@0.7.7", "under_score@1.3", "yolo@1.0"]),
        Row(fixture: "requirements/env_var.txt", expected: ["another@1.0", "asdf@1.2"]),
        Row(fixture: "requirements/multiline_and_comments.txt", expected: ["pkgA@1.0", "pkgB@2.0"]),
        Row(fixture: "requirements/trailing_backslash.txt", expected: ["pkg1@1.0"]),
        Row(fixture: "requirements/invalid.txt", expected: []),
    ]

    @Test("parses the packages the format documents", arguments: rows)
    func parses(row: Row) throws {
        let result = try FixtureLoader.parse("lockfiles/" + row.fixture)
        #expect(Self.distinct(result).sorted() == row.expected.sorted())
    }

    @Test("unpinned requirements are reported as warnings, never guessed")
    func unpinned() throws {
        let result = try FixtureLoader.parse("lockfiles/requirements/example.txt")
        let unpinned = result.warnings.filter { $0.code == "sbom.unpinned-requirement" }.map(\.message)
        // pytest, pytest-cov, beautifulsoup4, requests (range), urllib3 (URL), keyring, coverage,
        // Mopidy-Dirble, a local wheel path and a wheel URL.
        #expect(unpinned.count == 10)
        #expect(unpinned.contains { $0.contains("'pytest' has no version pin") })
        #expect(unpinned.contains { $0.contains("Mopidy-Dirble ~= 1.1") })
        #expect(unpinned.contains { $0.contains("urllib3") && $0.contains("URL") })
        // The package name travels in `subject`, so a consumer never parses the message.
        let subjects = Set(result.warnings.filter { $0.code == "sbom.unpinned-requirement" }.compactMap(\.subject))
        #expect(subjects.isSuperset(of: ["pytest", "requests", "urllib3", "Mopidy-Dirble"]))
        let env = try FixtureLoader.parse("lockfiles/requirements/env_var.txt")
        #expect(env.warnings.contains { $0.message.contains("qwert") })
        let wildcard = try FixtureLoader.parse("lockfiles/requirements/with_versions.txt")
        #expect(wildcard.warnings.contains { $0.message.contains("asdf ==0.7.*") })
    }

    @Test("requirement hashes are recorded; malformed hashes are reported")
    func hashes() throws {
        let text = "a==1.0 --hash=sha256:" + String(repeating: "ab", count: 32) + " --hash sha256:" + String(repeating: "cd", count: 32) + "\nb==2.0 --hash=sha256:123\n"
        let result = try RequirementsParser().parse(Data(text.utf8), path: "requirements.txt")
        #expect(result.packages.count == 2)
        #expect(result.packages[0].hashes.map(\.value) == [String(repeating: "ab", count: 32), String(repeating: "cd", count: 32)])
        #expect(result.packages[1].hashes.isEmpty)
        #expect(result.warnings.contains { $0.code == "sbom.invalid-hash" })
    }

    @Test("requirements includes are followed once, even in a loop")
    func includes() throws {
        let files: [String: String] = ["/r/loop.txt": "-r other.txt\nx==1\n", "/r/other.txt": "-r loop.txt\ny==2\n"]
        let parser = RequirementsParser(includeLoader: { include, from in
            let path = "/r/" + include
            return files[path].map { (path, Data($0.utf8)) }
        })
        let result = try parser.parse(Data(files["/r/loop.txt", default: ""].utf8), path: "/r/loop.txt")
        #expect(Self.distinct(result) == ["x@1", "y@2"])
    }

    @Test("purls follow the ecosystem rules")
    func purls() throws {
        let npm = try FixtureLoader.parse("lockfiles/yarnlock/scoped-packages.v1.lock")
        #expect(npm.packages.compactMap(\.purl?.description).contains("pkg:npm/%40babel/code-frame@7.12.11"))
        let go = try FixtureLoader.parse("lockfiles/gomod/one-package.mod")
        #expect(go.packages.first?.purl?.description == "pkg:golang/github.com/BurntSushi/toml@v1.0.0")
        let pypi = try FixtureLoader.parse("lockfiles/requirements/with_versions.txt")
        #expect(pypi.packages.compactMap(\.purl?.description).contains("pkg:pypi/under-score@1.3"))
        let gem = try FixtureLoader.parse("lockfiles/gemfilelock/has-local-gem.lock")
        let local = gem.packages.first { $0.name == "backbone-on-rails" }
        #expect(local?.purl?.version == nil) // a PATH gem is not a published release
        let swift = try FixtureLoader.parse("lockfiles/packageresolved/valid")
        #expect(swift.packages.first?.purl?.description == "pkg:swift/github.com/apple/swift-algorithms@1.0.0")
    }

    @Test("scopes: development and optional dependencies are marked")
    func scopes() throws {
        for fixture in ["pnpmlock/mixed-groups.v54.yaml", "pnpmlock/mixed-groups.v9.yaml"] {
            let result = try FixtureLoader.parse("lockfiles/" + fixture)
            #expect(result.packages.first { $0.name == "is-number" }?.scope == .development)
            #expect(result.packages.first { $0.name == "ansi-regex" }?.scope == .required)
        }
        let npm = try FixtureLoader.parse("lockfiles/packagelockjson/one-package-dev.v2.json")
        #expect(npm.packages.first?.scope == .development)
    }

    @Test("dependency edges are resolved inside the lockfile")
    func edges() throws {
        let result = try FixtureLoader.parse("lockfiles/pnpmlock/peer-dependencies.yaml")
        let jsx = result.packages.first { $0.name == "acorn-jsx" }
        #expect(jsx?.dependencies.map(\.name) == ["acorn"])
        let cargo = try FixtureLoader.parse("lockfiles/cargolock/many-packages.lock")
        #expect(cargo.packages.contains { !$0.dependencies.isEmpty })
    }

    @Test("malformed line-based lockfiles are refused")
    func refuses() throws {
        #expect(throws: SBOMError.self) { try FixtureLoader.parse("lockfiles/gomod/not-go-mod.mod") }
        #expect(throws: SBOMError.self) { try FixtureLoader.parse("lockfiles/pnpmlock/not-yaml.txt") }
        #expect(throws: SBOMError.self) { try YarnLockParser().parse(Data("not a lockfile\n".utf8), path: "yarn.lock") }
    }

    @Test("YAML alias expansion is bounded (no billion-laughs)")
    func yamlAliases() {
        var bomb = "lockfileVersion: '9.0'\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            bomb += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        #expect(throws: SBOMError.self) { try PnpmLockParser().parse(Data(bomb.utf8), path: "pnpm-lock.yaml") }
    }
}
