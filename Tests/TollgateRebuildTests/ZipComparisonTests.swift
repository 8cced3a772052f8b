import Foundation
import Testing
import TollgateRebuild

/// zip, wheel (.pyc inside) and jar built twice in the test with `zip`, `python3 -m py_compile` and
/// the JDK's `jar`, with and without deterministic settings.
@Suite("rebuild compare: zip, wheel, jar")
struct ZipComparisonTests {
    @Test("zip: modification times differ without fixed times; zip -X of touched files compares equal")
    func zipTimes() throws {
        let shell = try BuildShell()
        defer { shell.remove() }
        for (name, time) in [("a", "202301010000"), ("b", "202401010000")] {
            let dir = try shell.directory(name)
            try shell.write("one\n", to: "pkg/one.txt", in: dir)
            try shell.write("two\n", to: "pkg/two.txt", in: dir)
            try shell.run("""
                touch -t \(time) pkg/one.txt pkg/two.txt pkg && zip -q -X plain.zip pkg/one.txt pkg/two.txt
                touch -t 202001010000 pkg/one.txt pkg/two.txt && zip -q -X fixed.zip pkg/one.txt pkg/two.txt
                """, in: dir)
        }
        let result = try RebuildComparator().compare(release: shell.path("a/plain.zip"), rebuilt: shell.path("b/plain.zip"))
        #expect(result.release.format == .zip)
        #expect(result.differences.map(\.path) == ["pkg/one.txt", "pkg/two.txt"])
        #expect(result.differences.allSatisfy { $0.classes == [.modificationTime] })
        #expect(try RebuildComparator().compare(release: shell.path("a/fixed.zip"), rebuilt: shell.path("b/fixed.zip")).match)
    }

    @Test("zip: permissions and order")
    func zipModesAndOrder() throws {
        let shell = try BuildShell()
        defer { shell.remove() }
        for (name, mode, order) in [("a", "644", "x.txt y.txt"), ("b", "755", "y.txt x.txt")] {
            let dir = try shell.directory(name)
            try shell.write("x\n", to: "x.txt", in: dir)
            try shell.write("y\n", to: "y.txt", in: dir)
            try shell.run("chmod \(mode) x.txt && touch -t 202001010000 x.txt y.txt && zip -q -X out.zip \(order)", in: dir)
        }
        let result = try RebuildComparator().compare(release: shell.path("a/out.zip"), rebuilt: shell.path("b/out.zip"))
        #expect(result.differences.first { $0.path == "(entry order)" }?.classes == [.entryOrder])
        #expect(result.differences.first { $0.path == "x.txt" }?.classes == [.ownership])
        #expect(result.differences.first { $0.path == "x.txt" }?.details == ["mode 0644 → 0755"])
    }

    /// A wheel as `pip wheel` lays one out: the module, its .pyc, the dist-info.
    static func wheel(_ shell: BuildShell, in dir: URL, sourceTime: Int, environment: [String: String]) throws {
        try shell.write("def answer():\n    return 42\n", to: "demo/__init__.py", in: dir)
        try shell.write("Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n", to: "demo-1.0.dist-info/WHEEL", in: dir)
        try shell.run("""
            touch -d @\(sourceTime) demo/__init__.py
            python3 -c 'import py_compile; py_compile.compile("demo/__init__.py", cfile="demo/__init__.pyc", dfile="demo/__init__.py")'
            touch -t 202001010000 demo/__init__.py demo/__init__.pyc demo-1.0.dist-info/WHEEL
            zip -q -X demo-1.0-py3-none-any.whl demo/__init__.py demo/__init__.pyc demo-1.0.dist-info/WHEEL
            """, in: dir, environment: environment)
    }

    @Test(".pyc header: the source mtime is an embedded timestamp; SOURCE_DATE_EPOCH (checked-hash pycs) fixes it")
    func wheelPyc() throws {
        let shell = try BuildShell()
        defer { shell.remove() }
        try Self.wheel(shell, in: try shell.directory("a"), sourceTime: 1700000000, environment: [:])
        try Self.wheel(shell, in: try shell.directory("b"), sourceTime: 1700003600, environment: [:])
        let result = try RebuildComparator().compare(release: shell.path("a/demo-1.0-py3-none-any.whl"),
                                                     rebuilt: shell.path("b/demo-1.0-py3-none-any.whl"))
        #expect(result.differences.map(\.path) == ["demo/__init__.pyc"])
        #expect(result.differences.first?.classes == [.embeddedTimestamp])
        #expect(result.differences.first?.details == [".pyc header: source mtime 1700000000 → 1700003600"])
        #expect(result.classes.first?.fix.contains("checked-hash") == true)

        try Self.wheel(shell, in: try shell.directory("c"), sourceTime: 1700000000, environment: ["SOURCE_DATE_EPOCH": "1577836800"])
        try Self.wheel(shell, in: try shell.directory("d"), sourceTime: 1700003600, environment: ["SOURCE_DATE_EPOCH": "1577836800"])
        #expect(try RebuildComparator().compare(release: shell.path("c/demo-1.0-py3-none-any.whl"),
                                                rebuilt: shell.path("d/demo-1.0-py3-none-any.whl")).match)
    }

    /// A jar as Maven lays one out: classes, MANIFEST.MF with a build time, pom.properties with its date comment.
    static func jar(_ shell: BuildShell, in dir: URL, built: Int, deterministic: Bool) throws {
        try shell.write("public class Hello { public static void main(String[] a) { System.out.println(\"hi\"); } }\n",
                        to: "src/Hello.java", in: dir)
        let stamp = deterministic ? 1577836800 : built
        try shell.run("""
            mkdir -p classes/META-INF/maven/dev.tollgate/hello
            javac -d classes src/Hello.java
            printf 'Build-Time: %s\\n' "$(date -u -d @\(stamp) +%Y-%m-%dT%H:%M:%SZ)" > manifest.txt
            printf '#Generated by Maven\\n#%s\\nversion=1.0\\ngroupId=dev.tollgate\\nartifactId=hello\\n' "$(date -u -d @\(stamp) '+%a %b %d %H:%M:%S %Z %Y')" \
              > classes/META-INF/maven/dev.tollgate/hello/pom.properties
            jar --create --file hello.jar --manifest manifest.txt \(deterministic ? "--date=2020-01-01T00:00:02Z" : "") -C classes .
            """, in: dir)
    }

    @Test("jar: MANIFEST.MF and pom.properties timestamps and entry times; --date and a fixed stamp compare equal")
    func jarTimestamps() throws {
        let shell = try BuildShell()
        defer { shell.remove() }
        try Self.jar(shell, in: try shell.directory("a"), built: 1700000000, deterministic: false)
        try shell.run("sleep 2")
        try Self.jar(shell, in: try shell.directory("b"), built: 1700090000, deterministic: false)
        let result = try RebuildComparator().compare(release: shell.path("a/hello.jar"), rebuilt: shell.path("b/hello.jar"))
        let manifest = try #require(result.differences.first { $0.path == "META-INF/MANIFEST.MF" })
        #expect(manifest.classes.contains(.embeddedTimestamp))
        #expect(manifest.details.contains { $0.contains("'Build-Time: 2023-11-14T22:13:20Z' → 'Build-Time: 2023-11-15T23:13:20Z'") })
        let pom = try #require(result.differences.first { $0.path == "META-INF/maven/dev.tollgate/hello/pom.properties" })
        #expect(pom.classes.contains(.embeddedTimestamp))
        #expect(!pom.classes.contains(.content))
        #expect(result.differences.contains { $0.classes.contains(.modificationTime) })

        try Self.jar(shell, in: try shell.directory("c"), built: 1700000000, deterministic: true)
        try shell.run("sleep 2")
        try Self.jar(shell, in: try shell.directory("d"), built: 1700090000, deterministic: true)
        let fixed = try RebuildComparator().compare(release: shell.path("c/hello.jar"), rebuilt: shell.path("d/hello.jar"))
        #expect(fixed.match, "\(fixed.differences)")
    }
}
