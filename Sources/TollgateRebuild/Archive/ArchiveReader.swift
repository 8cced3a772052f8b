import Foundation
import TollgateModel
import TollgateOCI
import ZIPFoundation

/// Reads one side of a comparison into an ``ArchiveListing``: a tar, a gzip (around a tar or not),
/// a zip (wheel, jar), an OCI image layout directory, or any other file as bytes. Everything is read
/// in memory within ``RebuildLimits``; nothing is extracted to disk, so entry names never become
/// paths (a `..` component is refused anyway, as `rebuild.hostile-archive`).
public struct ArchiveReader: Sendable {
    public let limits: RebuildLimits

    public init(limits: RebuildLimits = RebuildLimits()) {
        self.limits = limits
    }

    public func read(_ path: String) throws(RebuildError) -> ArchiveListing {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw RebuildError(.unreadable, "'\(path)' does not exist")
        }
        let digest: Digest
        do { digest = try FileDigester().digest(path: path) } catch {
            throw RebuildError(.unreadable, "'\(path)' cannot be read: \(error.reason)")
        }
        let budget = ReadBudget(limits)
        do {
            if isDirectory.boolValue {
                guard ImageLayout.isLayout(path) else {
                    throw RebuildError(.invalidArchive, "'\(path)' is a directory but not an OCI image layout (no oci-layout file)")
                }
                return ArchiveListing(path: path, digest: digest, format: .ociLayout, entries: try readLayout(path, budget: budget))
            }
            let size = try Self.fileSize(path)
            let head = try Self.readHead(path, count: 512)
            if GzipHeader(head) != nil {
                let bytes = try readWhole(path, size: size)
                let inflated = try readGzip(bytes, container: "", budget: budget)
                return ArchiveListing(path: path, digest: digest, format: inflated.isTar ? .tarGzip : .gzip, entries: inflated.entries,
                                      gzipHeader: GzipHeader(bytes), inflatedDigest: inflated.digest)
            }
            if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
                return ArchiveListing(path: path, digest: digest, format: .zip, entries: try readZip(path, budget: budget))
            }
            if Self.looksLikeTar(head[...]) {
                return ArchiveListing(path: path, digest: digest, format: .tar, entries: try readTarFile(path, budget: budget))
            }
            var entry = ArchiveEntry(path: "", kind: .file, size: size, digest: digest)
            if size <= limits.inspectFileBytes { entry.content = try readWhole(path, size: size) }
            return ArchiveListing(path: path, digest: digest, format: .file, entries: [entry])
        } catch let error as OCIError {
            throw Self.map(error, path: path)
        } catch let error as RebuildError {
            throw error
        } catch {
            throw RebuildError(.invalidArchive, "'\(path)' cannot be read: \(ErrorText.describe(error))")
        }
    }

    /// True when `block` is a tar header: 512 bytes whose checksum field matches.
    static func looksLikeTar(_ block: ArraySlice<UInt8>) -> Bool {
        guard block.count >= 512 else { return false }
        let header = block.prefix(512)
        var sum = 0
        for (offset, byte) in header.enumerated() { sum += (148..<156).contains(offset) ? 32 : Int(byte) }
        return TarStream.octal(header.dropFirst(148).prefix(8)) == Int64(sum)
    }

    static func map(_ error: OCIError, path: String) -> RebuildError {
        switch error.kind {
        case .tooLarge: RebuildError(.tooLarge, "'\(path)': \(error.reason)")
        case .invalidLayer where error.reason.contains("path traversal"): RebuildError(.hostileArchive, "'\(path)': \(error.reason)")
        default: RebuildError(.invalidArchive, "'\(path)': \(error.reason)")
        }
    }

    // MARK: - tar

    /// Collects tar entries as ``TarStream`` reports them.
    private final class TarSink {
        var entries: [ArchiveEntry] = []
    }

    private func tarStream(container: String, budget: ReadBudget, sink: TarSink) -> TarStream {
        let inspect = limits.inspectBytes
        return TarStream(maxFileBytes: Int(clamping: limits.maxEntryBytes), maxEntries: limits.maxEntries * 2, onEntry: { entry throws(OCIError) in
            try budget.admitEntry()
            try budget.admit(size: entry.size, name: entry.path)
            var item = ArchiveEntry(container: container, path: entry.path, kind: Self.kind(entry.kind), size: entry.size,
                                    linkTarget: entry.linkTarget)
            item.mode = entry.mode
            item.uid = entry.uid
            item.gid = entry.gid
            item.userName = entry.userName
            item.groupName = entry.groupName
            item.modificationTime = entry.modificationTime
            sink.entries.append(item)
            return entry.kind == .file
        }, onFile: { _, bytes throws(OCIError) in
            guard let last = sink.entries.indices.last else { return }
            sink.entries[last].digest = DigestAlgorithm.sha256.hash(bytes)
            if Int64(bytes.count) <= inspect { sink.entries[last].content = bytes }
        })
    }

    private static func kind(_ kind: TarEntry.Kind) -> ArchiveEntry.Kind {
        switch kind {
        case .file: .file
        case .directory: .directory
        case .symlink: .symlink
        case .hardlink: .hardlink
        case .other: .other
        }
    }

    private func readTarFile(_ path: String, budget: ReadBudget) throws -> [ArchiveEntry] {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw RebuildError(.unreadable, "'\(path)' cannot be opened") }
        defer { try? handle.close() }
        let sink = TarSink()
        var stream = tarStream(container: "", budget: budget, sink: sink)
        while !stream.finished, let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            try stream.consume(chunk)
        }
        try stream.finish()
        return sink.entries
    }

    private struct Inflated {
        var isTar: Bool
        var entries: [ArchiveEntry]
        var digest: Digest
    }

    /// Inflates a gzip stream: a tar inside becomes entries under `container`; anything else one entry.
    private func readGzip(_ bytes: [UInt8], container: String, budget: ReadBudget) throws -> Inflated {
        let sink = TarSink()
        var stream = tarStream(container: container, budget: budget, sink: sink)
        var head: [UInt8] = []
        var isTar: Bool?
        var raw: [UInt8] = []
        var inflated: Int64 = 0
        var hasher = StreamingHasher(.sha256)
        let compressed = Int64(bytes.count)
        let what = container.isEmpty ? "the gzip stream" : "the layer \(container)"
        try Gzip.decompress(bytes, limit: limits.maxTotalBytes) { (chunk: Data) throws(OCIError) in
            inflated += Int64(chunk.count)
            hasher.update(chunk)
            try budget.checkRatio(inflated: inflated, compressed: compressed, what: what)
            switch isTar {
            case true?:
                if !stream.finished { try stream.consume(chunk) }
            case false?:
                guard Int64(raw.count + chunk.count) <= limits.maxEntryBytes else {
                    throw OCIError(.tooLarge, "\(what) inflates past the \(limits.maxEntryBytes)-byte entry limit")
                }
                raw.append(contentsOf: chunk)
            case nil:
                head.append(contentsOf: chunk)
                guard head.count >= 512 else { return }
                isTar = Self.looksLikeTar(head[...])
                if isTar == true { try stream.consume(Data(head)) } else { raw = head }
                head = []
            }
        }
        if isTar == nil { raw = head }
        let digest = hasher.finalize()
        if isTar == true {
            try stream.finish()
            return Inflated(isTar: true, entries: sink.entries, digest: digest)
        }
        try budget.admitEntry()
        try budget.admit(size: Int64(raw.count), name: what)
        let entry = ArchiveEntry(container: container, path: "", kind: .file, size: Int64(raw.count), digest: digest,
                                 content: Int64(raw.count) <= limits.inspectBytes ? raw : nil)
        return Inflated(isTar: false, entries: [entry], digest: digest)
    }

    // MARK: - zip

    /// Counts (and keeps, up to the inspect size) what an entry really inflates to: a zip header's
    /// declared size is not trusted.
    private final class ZipCollector {
        struct Overflow: Error {
            var reason: String
        }

        let cap: Int64
        let keep: Int64
        let compressed: Int64
        let name: String
        let budget: ReadBudget
        var count: Int64 = 0
        var bytes: [UInt8] = []
        var hasher = StreamingHasher(.sha256)

        init(cap: Int64, keep: Int64, compressed: Int64, name: String, budget: ReadBudget) {
            self.cap = cap
            self.keep = keep
            self.compressed = compressed
            self.name = name
            self.budget = budget
        }

        func append(_ chunk: Data) throws {
            count += Int64(chunk.count)
            guard count <= cap else { throw Overflow(reason: "'\(name.prefix(200))' inflates past the \(cap)-byte entry limit (its header understated it)") }
            do { try budget.checkRatio(inflated: count, compressed: compressed, what: "'\(name.prefix(200))'") } catch {
                throw Overflow(reason: error.reason)
            }
            hasher.update(chunk)
            if count <= keep { bytes.append(contentsOf: chunk) }
        }
    }

    private func readZip(_ path: String, budget: ReadBudget) throws -> [ArchiveEntry] {
        let archive: Archive
        do { archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read) } catch {
            throw RebuildError(.invalidArchive, "'\(path)' is not a readable zip archive")
        }
        var entries: [ArchiveEntry] = []
        for entry in archive {
            try budget.admitEntry()
            let raw = entry.path
            if raw.split(separator: "\\").contains("..") {
                throw RebuildError(.hostileArchive, "'\(path)': the entry '\(raw.prefix(200))' climbs out of the root with '..' (path traversal)")
            }
            let name = try TarStream.normalise(raw)
            let kind: ArchiveEntry.Kind = switch entry.type {
            case .file: .file
            case .directory: .directory
            case .symlink: .symlink
            }
            let declared = Int64(clamping: entry.uncompressedSize)
            let compressed = Int64(clamping: entry.compressedSize)
            try budget.admit(size: declared, name: name)
            try budget.checkRatio(inflated: declared, compressed: compressed, what: "'\(name.prefix(200))'")
            var item = ArchiveEntry(path: name, kind: kind, size: declared)
            let attributes = entry.fileAttributes
            item.modificationTime = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970
            if let mode = attributes[.posixPermissions] as? NSNumber { item.mode = mode.int64Value }
            if kind != .directory {
                let collector = ZipCollector(cap: limits.maxEntryBytes, keep: kind == .symlink ? 4096 : limits.inspectBytes,
                                             compressed: compressed, name: name, budget: budget)
                do {
                    _ = try archive.extract(entry, skipCRC32: false) { chunk in try collector.append(chunk) }
                } catch let overflow as ZipCollector.Overflow {
                    throw RebuildError(.tooLarge, "'\(path)': \(overflow.reason)")
                } catch {
                    throw RebuildError(.invalidArchive, "'\(path)': the entry '\(name.prefix(200))' cannot be inflated (corrupt data or a CRC mismatch)")
                }
                if kind == .symlink {
                    item.linkTarget = String(decoding: collector.bytes, as: UTF8.self)
                } else {
                    item.size = collector.count
                    item.digest = collector.hasher.finalize()
                    if collector.count <= limits.inspectBytes { item.content = collector.bytes }
                }
            }
            entries.append(item)
        }
        return entries
    }

    // MARK: - OCI image layout

    private func readLayout(_ directory: String, budget: ReadBudget) throws -> [ArchiveEntry] {
        let root = URL(fileURLWithPath: directory)
        let oci = OCILimits()
        let indexBytes = try Self.readBlobFile(root.appendingPathComponent("index.json").path, limit: Int64(oci.manifestBytes))
        var entries = [try jsonEntry(container: "", path: "index.json", bytes: indexBytes, budget: budget)]
        let index = try OCIManifest(bytes: indexBytes, digest: DigestAlgorithm.sha256.hash(indexBytes), contentType: MediaType.imageIndex)
        guard case .index(let imageIndex) = index.content else {
            throw RebuildError(.invalidArchive, "'\(directory)': index.json is not an image index")
        }
        for (position, descriptor) in imageIndex.manifests.prefix(oci.descriptors).enumerated() {
            let container = "manifests/\(position)"
            let bytes = try blob(root, descriptor, limit: Int64(oci.manifestBytes))
            entries.append(try jsonEntry(container: container, path: "manifest.json", bytes: bytes, budget: budget))
            let manifest = try OCIManifest(bytes: bytes, digest: descriptor.digest, contentType: descriptor.mediaType)
            guard case .image(let image) = manifest.content else { continue }   // a nested index: compared as bytes
            let config = try blob(root, image.config, limit: Int64(oci.evidenceBlobBytes))
            entries.append(try jsonEntry(container: container, path: "config.json", bytes: config, budget: budget))
            for (layerPosition, layer) in image.layers.prefix(oci.descriptors).enumerated() {
                let bytes = try blob(root, layer, limit: limits.maxTotalBytes)
                let layerContainer = "\(container)/layers/\(layerPosition)"
                try budget.admitEntry()
                entries.append(ArchiveEntry(container: container, path: "layers/\(layerPosition)", kind: .other,
                                            size: Int64(bytes.count), digest: layer.digest))
                if GzipHeader(bytes) != nil {
                    entries += try readGzip(bytes, container: layerContainer, budget: budget).entries
                } else {
                    let sink = TarSink()
                    var stream = tarStream(container: layerContainer, budget: budget, sink: sink)
                    try stream.consume(Data(bytes))
                    try stream.finish()
                    entries += sink.entries
                }
            }
        }
        return entries
    }

    private func jsonEntry(container: String, path: String, bytes: [UInt8], budget: ReadBudget) throws -> ArchiveEntry {
        try budget.admitEntry()
        try budget.admit(size: Int64(bytes.count), name: path)
        return ArchiveEntry(container: container, path: path, kind: .file, size: Int64(bytes.count),
                            digest: DigestAlgorithm.sha256.hash(bytes), content: bytes)
    }

    private func blob(_ root: URL, _ descriptor: Descriptor, limit: Int64) throws -> [UInt8] {
        let path = root.appendingPathComponent("blobs/\(descriptor.digest.algorithm.rawValue)/\(descriptor.digest.hex)").path
        let bytes = try Self.readBlobFile(path, limit: limit)
        guard descriptor.digest.algorithm.hash(bytes) == descriptor.digest else {
            throw RebuildError(.invalidArchive, "the blob \(descriptor.digest) does not hash to its digest")
        }
        return bytes
    }

    // MARK: - files

    private static func fileSize(_ path: String) throws(RebuildError) -> Int64 {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber else {
            throw RebuildError(.unreadable, "'\(path)' cannot be read")
        }
        return size.int64Value
    }

    private static func readHead(_ path: String, count: Int) throws(RebuildError) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw RebuildError(.unreadable, "'\(path)' cannot be opened") }
        defer { try? handle.close() }
        return [UInt8]((try? handle.read(upToCount: count)) ?? Data())
    }

    private func readWhole(_ path: String, size: Int64) throws(RebuildError) -> [UInt8] {
        guard size <= limits.maxTotalBytes else {
            throw RebuildError(.tooLarge, "'\(path)' is \(size) bytes; the limit is \(limits.maxTotalBytes)")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw RebuildError(.unreadable, "'\(path)' cannot be read") }
        return [UInt8](data)
    }

    private static func readBlobFile(_ path: String, limit: Int64) throws(RebuildError) -> [UInt8] {
        guard FileManager.default.fileExists(atPath: path) else {
            throw RebuildError(.invalidArchive, "the image layout has no \(URL(fileURLWithPath: path).lastPathComponent) at \(path)")
        }
        let size = try fileSize(path)
        guard size <= limit else { throw RebuildError(.tooLarge, "\(path) is \(size) bytes; the limit is \(limit)") }
        guard let data = FileManager.default.contents(atPath: path) else { throw RebuildError(.unreadable, "'\(path)' cannot be read") }
        return [UInt8](data)
    }
}
