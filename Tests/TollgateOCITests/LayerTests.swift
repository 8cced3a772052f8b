import Foundation
import Testing
import TollgateModel
@testable import TollgateOCI
import TollgateSBOM

@Suite("Layers are applied with whiteouts and limits, and their package databases become an SBOM")
struct LayerTests {
    static let dpkgStatus = """
    Package: libc6
    Status: install ok installed
    Architecture: amd64
    Source: glibc
    Version: 2.36-9+deb12u4
    Depends: libgcc-s1

    Package: libgcc-s1
    Status: install ok installed
    Architecture: amd64
    Source: gcc-12 (12.2.0-14)
    Version: 12.2.0-14
    Description: GCC support library
     A continuation line.

    Package: removed-thing
    Status: deinstall ok config-files
    Architecture: amd64
    Version: 1.0

    """
    static let apkInstalled = """
    C:Q1abc=
    P:musl
    V:1.2.4-r2
    A:x86_64
    o:musl
    D:so:libc.musl-x86_64.so.1

    P:busybox
    V:1.36.1-r5
    A:x86_64
    o:busybox
    D:musl so:libc.musl-x86_64.so.1

    """

    static func apply(_ layers: [[TarWriter.Entry]], gzip: Bool = true) throws -> ImageFileSystem {
        var files = ImageFileSystem()
        for layer in layers {
            let tar = TarWriter.archive(layer)
            try files.apply(layer: gzip ? Gzip.compress(tar) : tar, mediaType: gzip ? MediaType.layerTarGzip : MediaType.layerTar)
        }
        return files
    }

    @Test("whiteouts delete lower files; an opaque whiteout empties its directory of lower files only")
    func whiteouts() throws {
        let files = try Self.apply([
            [.file("var/lib/dpkg/status", Array("Package: a\nVersion: 1\n".utf8)), .file("app/package-lock.json", Array("{}".utf8)),
             .file("srv/a/Cargo.lock", Array("x".utf8))],
            [.file("app/.wh.package-lock.json", []), .file("srv/.wh..wh..opq", []), .file("srv/b/go.mod", Array("module x\n".utf8))],
        ])
        #expect(files.files["var/lib/dpkg/status"] != nil)
        #expect(files.files["app/package-lock.json"] == nil)
        #expect(files.files["srv/a/Cargo.lock"] == nil)
        #expect(files.files["srv/b/go.mod"] != nil)
        #expect(files.layers == 2)
    }

    @Test("a later layer's symlink or whiteout of a directory removes the file below it")
    func replacedByOtherKinds() throws {
        let files = try Self.apply([
            [.file("etc/os-release", Array("ID=debian\n".utf8)), .file("lib/apk/db/installed", Array("P:a\nV:1\n".utf8))],
            [.symlink("etc/os-release", target: "../usr/lib/os-release"), .file("lib/.wh.apk", [])],
        ], gzip: false)
        #expect(files.files.isEmpty)
    }

    @Test("path traversal, a corrupt header, truncation and bad gzip are oci.invalid-layer errors")
    func hostile() throws {
        #expect { try Self.apply([[.file("../../etc/passwd", [1])]]) } throws: { ($0 as? OCIError)?.kind == .invalidLayer }
        #expect { try Self.apply([[.file("a/../../b", [1])]]) } throws: { ($0 as? OCIError)?.kind == .invalidLayer }
        var corrupt = TarWriter.archive([.file("etc/os-release", Array("ID=x".utf8))])
        corrupt[10] ^= 0xFF
        var files = ImageFileSystem()
        #expect { try files.apply(layer: corrupt, mediaType: MediaType.layerTar) } throws: { ($0 as? OCIError)?.kind == .invalidLayer }
        let whole = TarWriter.archive([.file("etc/os-release", [UInt8](repeating: 65, count: 2000))])
        #expect { try files.apply(layer: Array(whole.prefix(1024)), mediaType: MediaType.layerTar) } throws: { ($0 as? OCIError)?.kind == .invalidLayer }
        let gz = Gzip.compress(whole)
        #expect { try files.apply(layer: Array(gz.prefix(gz.count / 2)), mediaType: MediaType.layerTarGzip) } throws: { ($0 as? OCIError)?.kind == .invalidLayer }
        #expect { try files.apply(layer: [0x1F, 0x8B] + [UInt8](repeating: 7, count: 40), mediaType: MediaType.layerTarGzip) } throws: { ($0 as? OCIError) != nil }
    }

    @Test("limits stop a decompression bomb, too many entries and an oversized database")
    func limits() throws {
        var limits = OCILimits()
        limits.uncompressedLayerBytes = 4096
        var files = ImageFileSystem(limits: limits)
        let bomb = Gzip.compress(TarWriter.archive([.file("x", [UInt8](repeating: 0, count: 100_000))]))
        #expect { try files.apply(layer: bomb, mediaType: MediaType.layerTarGzip) } throws: { ($0 as? OCIError)?.kind == .tooLarge }
        limits = OCILimits()
        limits.layerEntries = 3
        files = ImageFileSystem(limits: limits)
        let many = TarWriter.archive((0..<5).map { .file("f\($0)", []) })
        #expect { try files.apply(layer: many, mediaType: MediaType.layerTar) } throws: { ($0 as? OCIError)?.kind == .tooLarge }
        limits = OCILimits()
        limits.layerFileBytes = 10
        files = ImageFileSystem(limits: limits)
        let big = TarWriter.archive([.file("var/lib/dpkg/status", [UInt8](repeating: 65, count: 100))])
        #expect { try files.apply(layer: big, mediaType: MediaType.layerTar) } throws: { ($0 as? OCIError)?.kind == .tooLarge }
    }

    @Test("long names (PAX) are read")
    func longNames() throws {
        let deep = (0..<20).map { "dir\($0)" }.joined(separator: "/") + "/package-lock.json"
        let files = try Self.apply([[.file(deep, Array("{}".utf8))]])
        #expect(files.files[deep] != nil)
    }

    @Test("a Debian image's dpkg database becomes pkg:deb purls with distro and upstream")
    func debian() throws {
        let files = try Self.apply([[.file("etc/os-release", Array("PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n".utf8)),
                                     .file("var/lib/dpkg/status", Array(Self.dpkgStatus.utf8))]])
        let result = ImageSBOM.generate(files, image: nil, digest: nil)
        let purls = Set(result.sbom.components.compactMap { $0.purl?.description })
        #expect(purls == ["pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12&upstream=glibc",
                          "pkg:deb/debian/libgcc-s1@12.2.0-14?arch=amd64&distro=debian-12&upstream=gcc-12"])
        #expect(result.lockfiles.map(\.kind) == [.dpkgStatus])
        #expect(result.sbom.dependencies.contains { $0.ref.contains("libc6") && $0.dependsOn.contains { $0.contains("libgcc-s1") } })
    }

    @Test("an Alpine image's apk database becomes pkg:apk purls with distro")
    func alpine() throws {
        let files = try Self.apply([[.file("etc/os-release", Array("NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.19.1\n".utf8)),
                                     .file("lib/apk/db/installed", Array(Self.apkInstalled.utf8))]])
        let purls = Set(ImageSBOM.generate(files, image: nil, digest: nil).sbom.components.compactMap { $0.purl?.description })
        #expect(purls == ["pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=alpine-3.19.1",
                          "pkg:apk/alpine/busybox@1.36.1-r5?arch=x86_64&distro=alpine-3.19.1"])
    }
}
