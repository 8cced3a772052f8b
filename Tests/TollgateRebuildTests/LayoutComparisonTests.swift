import Foundation
import Testing
import TollgateModel
import TollgateOCI
import TollgateRebuild

/// OCI image layouts built twice: layers made by the system's `tar` and `gzip`, the config with a
/// `created` time, written as `skopeo copy … oci:DIR` lays them out.
@Suite("rebuild compare: OCI image layouts")
struct LayoutComparisonTests {
    static func layout(_ shell: BuildShell, name: String, created: String, layerTime: Int) throws -> String {
        let dir = try shell.directory(name)
        try shell.write("#!/bin/sh\necho hi\n", to: "root/usr/bin/hello", in: dir)
        try shell.run("""
            tar --sort=name --mtime=@\(layerTime) --owner=0 --group=0 --numeric-owner -C root -cf - usr | gzip -n > layer.tgz
            """, in: dir)
        let layer = [UInt8](try Data(contentsOf: dir.appendingPathComponent("layer.tgz")))
        let config = Array(#"{"architecture":"amd64","os":"linux","created":"\#(created)","rootfs":{"type":"layers","diff_ids":[]}}"#.utf8)
        let layerDescriptor = Descriptor.of(layer, mediaType: MediaType.layerTarGzip)
        let configDescriptor = Descriptor.of(config, mediaType: MediaType.imageConfig)
        let manifest = ImageManifest(config: configDescriptor, layers: [layerDescriptor]).jsonBytes
        let manifestDescriptor = Descriptor.of(manifest, mediaType: MediaType.imageManifest)
        let index = ImageIndex(manifests: [manifestDescriptor]).jsonBytes
        let out = dir.appendingPathComponent("image")
        try FileManager.default.createDirectory(at: out.appendingPathComponent("blobs/sha256"), withIntermediateDirectories: true)
        for (descriptor, bytes) in [(layerDescriptor, layer), (configDescriptor, config), (manifestDescriptor, manifest)] {
            try Data(bytes).write(to: out.appendingPathComponent("blobs/sha256/\(descriptor.digest.hex)"))
        }
        try Data(index).write(to: out.appendingPathComponent("index.json"))
        try Data(#"{"imageLayoutVersion":"1.0.0"}"#.utf8).write(to: out.appendingPathComponent("oci-layout"))
        return out.path
    }

    @Test("config created time, layer mtimes; identical builds compare equal")
    func layouts() throws {
        let shell = try BuildShell()
        defer { shell.remove() }
        let a = try Self.layout(shell, name: "a", created: "2026-12-01T10:00:00Z", layerTime: 1700000000)
        let b = try Self.layout(shell, name: "b", created: "2026-12-05T11:30:00Z", layerTime: 1700500000)
        let result = try RebuildComparator().compare(release: a, rebuilt: b)
        #expect(result.release.format == .ociLayout)
        let config = try #require(result.differences.first { $0.path == "manifests/0/config.json" })
        #expect(config.classes == [.embeddedTimestamp])
        let file = try #require(result.differences.first { $0.path == "manifests/0/layers/0/usr/bin/hello" })
        #expect(file.classes == [.modificationTime])
        #expect(result.differences.contains { $0.path == "manifests/0/layers/0" })
        #expect(result.differences.contains { $0.path == "manifests/0/manifest.json" })

        let c = try Self.layout(shell, name: "c", created: "1970-01-01T00:00:00Z", layerTime: 0)
        let d = try Self.layout(shell, name: "d", created: "1970-01-01T00:00:00Z", layerTime: 0)
        #expect(try RebuildComparator().compare(release: c, rebuilt: d).match)
    }

    @Test("a directory that is not an image layout is an error")
    func notALayout() throws {
        let shell = try BuildShell()
        defer { shell.remove() }
        let a = try shell.directory("a")
        let b = try shell.directory("b")
        try shell.write("x", to: "f", in: a)
        #expect(throws: RebuildError(.invalidArchive, "'\(a.path)' is a directory but not an OCI image layout (no oci-layout file)")) {
            _ = try RebuildComparator().compare(release: a.path, rebuilt: b.path)
        }
    }
}
