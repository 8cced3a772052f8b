import Foundation
import Testing
import TollgateRebuild

/// tar and tar.gz built twice in the test, with and without deterministic settings: each difference
/// class is detected and named, and deterministic builds compare equal.
@Suite("rebuild compare: tar and tar.gz")
struct TarComparisonTests {
    /// A small source tree: two files and a directory.
    static func tree(_ shell: BuildShell, in directory: URL) throws {
        try shell.write("hello\n", to: "src/a.txt", in: directory)
        try shell.write("world\n", to: "src/b.txt", in: directory)
        try shell.write("int main(void) { return 0; }\n", to: "src/sub/main.c", in: directory)
    }

    static let deterministic = "tar --sort=name --mtime=@1700000000 --owner=0 --group=0 --numeric-owner --mode=go-w --format=gnu"

    @Test("deterministic tars of the same tree in two directories at two times compare equal")
    func equalBuilds() throws {
        let shell = try BuildShell()
        defer { shell.remove() }
        for name in ["a", "b/other"] {
            let dir = try shell.directory(name)
            try Self.tree(shell, in: dir)
            try shell.run("touch -d @\(name == "a" ? 1700001000 : 1700009000) src/a.txt && \(Self.deterministic) -cf out.tar src", in: dir)
        }
        let result = try RebuildComparator().compare(release: shell.path("a/out.tar"), rebuilt: shell.path("b/other/out.tar"))
        #expect(result.match)
        #expect(result.differences.isEmpty)
        #expect(result.summary.hasPrefix("match: sha256:"))
    }

    @Test("modification times: plain tar after touching a file differently")
    func modificationTime() throws {
        let shell = try BuildShell()
        defer { shell.remove() }
        for (name, time) in [("a", 1700001000), ("b", 1700002000)] {
            let dir = try shell.directory(name)
            try Self.tree(shell, in: dir)
            try shell.run("touch -d @\(time) src/a.txt && touch -d @1700000000 src/b.txt && tar --sort=name --owner=0 --group=0 --numeric-owner --mode=go-w -cf out.tar src/a.txt src/b.txt", in: dir)
        }
        let result = try RebuildComparator().compare(release: shell.path("a/out.tar"), rebuilt: shell.path("b/out.tar"))
        #expect(!result.match)
        #expect(result.differences.map(\.path) == ["src/a.txt"])
        let a = try #require(result.differences.first { $0.path == "src/a.txt" })
        #expect(a.classes == [.modificationTime])
        #expect(a.details.contains("mtime 1700001000 → 1700002000"))
        #expect(result.classes.contains { $0.class == .modificationTime && $0.fix.contains("SOURCE_DATE_EPOCH") })
    }

    @Test("entry order: the same files listed in another order")
    func entryOrder() throws {
        let shell = try BuildShell()
        defer { shell.remove() }
        for (name, order) in [("a", "src/a.txt src/b.txt"), ("b", "src/b.txt src/a.txt")] {
            let dir = try shell.directory(name)
            try Self.tree(shell, in: dir)
            try shell.run("tar --mtime=@1700000000 --owner=0 --group=0 --numeric-owner --mode=go-w -cf out.tar \(order)", in: dir)
        }
        let result = try RebuildComparator().compare(release: shell.path("a/out.tar"), rebuilt: shell.path("b/out.tar"))
        #expect(result.differences.map(\.path) == ["(entry order)"])
        #expect(result.differences.first?.classes == [.entryOrder])
        #expect(result.classes.first?.fix.contains("--sort=name") == true)
    }

    @Test("owner and permissions: --owner and --mode differ")
    func ownership() throws {
        let shell = try BuildShell()
        defer { shell.remove() }
        for (name, flags) in [("a", "--owner=0 --group=0 --mode=0644"), ("b", "--owner=1000 --group=1000 --mode=0664")] {
            let dir = try shell.directory(name)
            try Self.tree(shell, in: dir)
            try shell.run("tar --sort=name --mtime=@1700000000 --numeric-owner \(flags) -cf out.tar src/a.txt", in: dir)
        }
        let result = try RebuildComparator().compare(release: shell.path("a/out.tar"), rebuilt: shell.path("b/out.tar"))
        let entry = try #require(result.differences.first { $0.path == "src/a.txt" })
        #expect(entry.classes == [.ownership])
        #expect(entry.details.contains("mode 0644 → 0664"))
        #expect(entry.details.contains { $0.hasPrefix("owner 0(0):0(0) → 1000(1000):1000(1000)") })
    }

    @Test("embedded build path: gcc -g in two directories, fixed by -ffile-prefix-map")
    func buildPath() throws {
        let shell = try BuildShell()
        defer { shell.remove() }
        for (name, map) in [("a", false), ("b/elsewhere", false), ("c", true), ("d/elsewhere", true)] {
            let dir = try shell.directory(name)
            try Self.tree(shell, in: dir)
            let flags = map ? "-ffile-prefix-map=$PWD=." : ""
            try shell.run("gcc -g -O0 \(flags) -c $PWD/src/sub/main.c -o main.o && \(Self.deterministic) -cf out.tar main.o", in: dir)
        }
        let result = try RebuildComparator().compare(release: shell.path("a/out.tar"), rebuilt: shell.path("b/elsewhere/out.tar"))
        let object = try #require(result.differences.first { $0.path == "main.o" })
        #expect(object.classes.contains(.buildPath))
        #expect(object.details.contains { $0.contains(shell.path("a")) && $0.contains(shell.path("b/elsewhere")) })
        #expect(result.classes.first { $0.class == .buildPath }?.fix.contains("-ffile-prefix-map") == true)
        // With the prefix map the two builds are the same bytes.
        #expect(try RebuildComparator().compare(release: shell.path("c/out.tar"), rebuilt: shell.path("d/elsewhere/out.tar")).match)
    }

    @Test("embedded timestamp: a generated header with the build date (and the fix: SOURCE_DATE_EPOCH)")
    func embeddedTimestamp() throws {
        let shell = try BuildShell()
        defer { shell.remove() }
        for (name, epoch) in [("a", "1700000000"), ("b", "1700086400"), ("c", "1600000000"), ("d", "1600000000")] {
            let dir = try shell.directory(name)
            try shell.run("""
                echo "#define BUILD_DATE \\"$(date -u -d @\(epoch) '+%a %b %d %H:%M:%S %Z %Y')\\"" > build.h
                \(Self.deterministic) -cf out.tar build.h
                """, in: dir)
        }
        let result = try RebuildComparator().compare(release: shell.path("a/out.tar"), rebuilt: shell.path("b/out.tar"))
        let header = try #require(result.differences.first { $0.path == "build.h" })
        #expect(header.classes == [.embeddedTimestamp])
        #expect(header.details.contains { $0.contains("Tue Nov 14 22:13:20 UTC 2023") })
        #expect(try RebuildComparator().compare(release: shell.path("c/out.tar"), rebuilt: shell.path("d/out.tar")).match)
    }

    @Test("content: a file that really differs is content, and a file only in one build is presence")
    func contentAndPresence() throws {
        let shell = try BuildShell()
        defer { shell.remove() }
        for (name, extra) in [("a", ""), ("b", "echo stray > src/stray.txt; echo changed >> src/b.txt;")] {
            let dir = try shell.directory(name)
            try Self.tree(shell, in: dir)
            try shell.run("\(extra) \(Self.deterministic) -cf out.tar src", in: dir)
        }
        let result = try RebuildComparator().compare(release: shell.path("a/out.tar"), rebuilt: shell.path("b/out.tar"))
        #expect(result.differences.first { $0.path == "src/b.txt" }?.classes == [.content])
        #expect(result.differences.first { $0.path == "src/stray.txt" }?.classes == [.presence])
        #expect(result.differences.first { $0.path == "src/stray.txt" }?.details == ["only in the rebuild"])
    }

    @Test("tar.gz: gzip's header time differs without -n; equal with gzip -n")
    func gzipHeader() throws {
        let shell = try BuildShell()
        defer { shell.remove() }
        for (name, time) in [("a", 1700001000), ("b", 1700002000)] {
            let dir = try shell.directory(name)
            try Self.tree(shell, in: dir)
            try shell.run("""
                \(Self.deterministic) -cf out.tar src && touch -d @\(time) out.tar
                gzip -c out.tar > plain.tgz
                gzip -n -c out.tar > fixed.tgz
                """, in: dir)
        }
        let result = try RebuildComparator().compare(release: shell.path("a/plain.tgz"), rebuilt: shell.path("b/plain.tgz"))
        #expect(result.release.format == .tarGzip)
        #expect(result.differences.map(\.path) == ["(gzip header)"])
        #expect(result.differences.first?.classes == [.embeddedTimestamp])
        #expect(result.differences.first?.details == ["gzip header time 1700001000 → 1700002000"])
        #expect(try RebuildComparator().compare(release: shell.path("a/fixed.tgz"), rebuilt: shell.path("b/fixed.tgz")).match)
    }

    @Test("npm pack style tgz: PAX mtimes and order inside a gzip stream")
    func npmStyle() throws {
        let shell = try BuildShell()
        defer { shell.remove() }
        for (name, time, order) in [("a", 1700001000, "package/a.txt package/b.txt"), ("b", 1700005000, "package/b.txt package/a.txt")] {
            let dir = try shell.directory(name)
            try shell.write("{\"name\":\"x\"}\n", to: "package/package.json", in: dir)
            try shell.write("a\n", to: "package/a.txt", in: dir)
            try shell.write("b\n", to: "package/b.txt", in: dir)
            try shell.run("tar --format=pax --mtime=@\(time) --owner=0 --group=0 --numeric-owner -cf - package/package.json \(order) | gzip -n > pkg.tgz", in: dir)
        }
        let result = try RebuildComparator().compare(release: shell.path("a/pkg.tgz"), rebuilt: shell.path("b/pkg.tgz"))
        let classes = Set(result.differences.flatMap(\.classes))
        #expect(classes == [.entryOrder, .modificationTime])
        #expect(result.differences.filter { $0.classes == [.modificationTime] }.count == 3)
    }
}
