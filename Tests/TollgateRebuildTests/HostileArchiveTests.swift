import Foundation
import Testing
import TollgateRebuild

/// Hostile archives stop at a limit with a specific error, never a crash or an unbounded read.
@Suite("rebuild compare: hostile archives")
struct HostileArchiveTests {
    func kind(_ body: () throws -> Void) -> RebuildErrorKind? {
        do { try body() } catch let error as RebuildError { return error.kind } catch { return nil }
        return nil
    }

    /// Compares `file` with a different small file, so the archive is read.
    func compare(_ shell: BuildShell, _ file: String, limits: RebuildLimits = RebuildLimits()) -> RebuildErrorKind? {
        kind {
            try shell.write("other\n", to: "other.txt", in: shell.root)
            _ = try RebuildComparator(limits: limits).compare(release: shell.path(file), rebuilt: shell.path("other.txt"))
        }
    }

    @Test("a zip bomb (64 MiB of zeros deflated ~1000:1) is refused by the compression ratio")
    func zipBomb() throws {
        let shell = try BuildShell()
        defer { shell.remove() }
        try shell.run("""
            python3 -c 'import zipfile; z = zipfile.ZipFile("bomb.zip", "w", zipfile.ZIP_DEFLATED); z.writestr("zeros", bytes(64 << 20)); z.close()'
            """)
        #expect(compare(shell, "bomb.zip") == .tooLarge)
    }

    @Test("a gzip bomb is refused by the compression ratio")
    func gzipBomb() throws {
        let shell = try BuildShell()
        defer { shell.remove() }
        try shell.run("head -c 67108864 /dev/zero | gzip -9 -n > bomb.gz")
        #expect(compare(shell, "bomb.gz") == .tooLarge)
    }

    @Test("a tar header declaring 8 GiB is refused before anything is read")
    func hugeDeclaredSize() throws {
        let shell = try BuildShell()
        defer { shell.remove() }
        try shell.run("""
            python3 -c 'import tarfile; t = tarfile.TarInfo("huge.bin"); t.size = 8 << 30; open("huge.tar", "wb").write(t.tobuf(format=tarfile.GNU_FORMAT))'
            """)
        #expect(compare(shell, "huge.tar") == .tooLarge)
    }

    @Test("path traversal names in tar and zip are refused", arguments: ["tar", "zip"])
    func traversal(_ format: String) throws {
        let shell = try BuildShell()
        defer { shell.remove() }
        if format == "tar" {
            try shell.run("""
                python3 -c 'import tarfile, io; t = tarfile.open("evil.tar", "w"); i = tarfile.TarInfo("../../etc/evil"); i.size = 4; t.addfile(i, io.BytesIO(b"evil")); t.close()'
                """)
        } else {
            try shell.run("""
                python3 -c 'import zipfile; z = zipfile.ZipFile("evil.zip", "w"); z.writestr("safe/../../evil", b"evil"); z.close()'
                """)
        }
        #expect(compare(shell, "evil.\(format)") == .hostileArchive)
    }

    @Test("more entries than the limit")
    func entryCount() throws {
        let shell = try BuildShell()
        defer { shell.remove() }
        try shell.run("mkdir many && for i in $(seq 1 50); do echo $i > many/$i; done && tar -cf many.tar many")
        var limits = RebuildLimits()
        limits.maxEntries = 20
        #expect(compare(shell, "many.tar", limits: limits) == .tooLarge)
        #expect(compare(shell, "many.tar") == nil)
    }

    @Test("a truncated tar.gz and a missing file are errors")
    func truncatedAndMissing() throws {
        let shell = try BuildShell()
        defer { shell.remove() }
        try shell.run("mkdir d && echo x > d/x && tar -czf t.tgz d && head -c 40 t.tgz > cut.tgz")
        #expect(compare(shell, "cut.tgz") == .invalidArchive)
        #expect(compare(shell, "missing.tar") == .unreadable)
    }
}
