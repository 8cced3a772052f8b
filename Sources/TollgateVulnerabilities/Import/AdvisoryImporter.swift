import Foundation
import TollgateModel
import TollgateStore
import ZIPFoundation

/// Imports OSV records from a directory of JSON files or a zip archive (as osv.dev publishes per
/// ecosystem, `https://osv-vulnerabilities.storage.googleapis.com/<ecosystem>/all.zip`) into an `AdvisoryStore`.
///
/// Incremental: a record whose bytes are unchanged (same SHA-256) is not rewritten. Withdrawn records are
/// skipped (and removed if present). Archive members are read into memory, never written to disk, and are
/// refused when their name escapes the archive, when they are links, or when they inflate past the limits.
public struct AdvisoryImporter: Sendable {
    /// Limits that keep a hostile archive or file from exhausting memory.
    public struct Limits: Sendable {
        /// Largest single record, inflated.
        public var maxRecordBytes = OSVRecord.defaultMaxBytes
        /// Largest total inflated size of an archive.
        public var maxTotalBytes = 4 << 30
        /// Largest inflated/compressed ratio for a member over 1 MiB.
        public var maxCompressionRatio = 100
        /// Most members or files considered.
        public var maxEntries = 2_000_000

        public init() {}
    }

    public let store: any AdvisoryStore
    public let limits: Limits
    /// Called with (entries done, total if known) while importing.
    public let progress: (@Sendable (Int, Int?) -> Void)?

    /// The clock the completed import is recorded with.
    public let clock: @Sendable () -> Date

    public init(store: any AdvisoryStore, limits: Limits = Limits(), clock: @escaping @Sendable () -> Date = { Date() },
                progress: (@Sendable (Int, Int?) -> Void)? = nil) {
        self.store = store
        self.clock = clock
        self.limits = limits
        self.progress = progress
    }

    /// Entry reasons a strict import refuses: an entry that is there but cannot be read as a record.
    /// (Withdrawn records and records naming no package are imported as usual.)
    public static let refusedInStrictMode: Set<String> = ["malformed", "too-large", "unreadable", "not-a-file", "path-traversal", "zip-bomb"]

    /// Imports `path`: a directory (searched recursively for `*.json`) or a `.zip` file. An entry that
    /// cannot be read is skipped and counted with its reason (`tollgate db import`).
    public func importPath(_ path: String) async throws -> ImportSummary {
        try await importPath(path, strict: false)
    }

    /// Imports `path` as `importPath(_:)` does.
    ///
    /// `strict` (the server's scheduled import) makes it all or nothing: nothing is written until every
    /// entry is read, and an entry that cannot be read as a record (`refusedInStrictMode`) refuses the
    /// whole import with `vuln.invalid-record`, naming the entries, so the database stays as it was.
    public func importPath(_ path: String, strict: Bool) async throws -> ImportSummary {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw VulnerabilityError(.unreadableSource, "'\(path)' does not exist; expected a directory of OSV JSON files or a zip of them")
        }
        try await store.prepare()
        let known = try await store.contentDigests()
        var batch = Batch(known: known, strict: strict)
        if isDirectory.boolValue {
            try await importDirectory(path, into: &batch)
        } else {
            try await importZip(path, into: &batch)
        }
        if strict {
            let refused = batch.summary.skipped.filter { Self.refusedInStrictMode.contains($0.reason) }
            if !refused.isEmpty {
                let named = refused.prefix(5).map { "\($0.entry): \($0.reason): \($0.detail)" }.joined(separator: "; ")
                throw VulnerabilityError(.invalidRecord, "'\(path)': \(refused.count) \(refused.count == 1 ? "entry is" : "entries are") not readable OSV records, so nothing was imported: \(named)\(refused.count > 5 ? "; …" : "")")
            }
        }
        try await batch.flush(store)
        try await store.recordImport(at: clock())
        progress?(batch.summary.examined, batch.summary.examined)
        return batch.summary
    }

    // MARK: - Sources

    private func importDirectory(_ root: String, into batch: inout Batch) async throws {
        let rootURL = URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath()
        guard let enumerator = FileManager.default.enumerator(
            at: rootURL, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey, .fileSizeKey]) else {
            throw VulnerabilityError(.unreadableSource, "cannot list the directory '\(root)'")
        }
        var files: [(URL, String)] = []
        while let url = enumerator.nextObject() as? URL {
            guard url.pathExtension.lowercased() == "json" else { continue }
            let relative = String(url.path.dropFirst(rootURL.path.count)).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            files.append((url, relative))
            if files.count > limits.maxEntries { break }
        }
        files.sort { $0.1 < $1.1 }
        for (index, (url, relative)) in files.enumerated() {
            batch.summary.examined += 1
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey, .fileSizeKey])
            if values?.isSymbolicLink == true || values?.isRegularFile != true {
                batch.summary.skip(relative, "not-a-file", "not a regular file (links are not followed)")
                continue
            }
            if let size = values?.fileSize, size > limits.maxRecordBytes {
                batch.summary.skip(relative, "too-large", "\(size) bytes, over the \(limits.maxRecordBytes)-byte record limit")
                continue
            }
            guard let data = try? Data(contentsOf: url) else {
                batch.summary.skip(relative, "unreadable", "the file could not be read")
                continue
            }
            batch.add(entry: relative, data: data)
            if !batch.strict && batch.pending >= 2000 { try await batch.flush(store) }
            if index % 200 == 0 { progress?(index, files.count) }
        }
    }

    private func importZip(_ path: String, into batch: inout Batch) async throws {
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw VulnerabilityError(.unsafeArchive, "'\(path)' is not a readable zip archive")
        }
        var total = 0
        let entries = Array(archive)
        guard entries.count <= limits.maxEntries else {
            throw VulnerabilityError(.unsafeArchive, "the archive has \(entries.count) members, over the \(limits.maxEntries) limit")
        }
        for (index, entry) in entries.enumerated() {
            let name = entry.path
            guard entry.type == .file else {
                if entry.type == .symlink {
                    batch.summary.examined += 1
                    batch.summary.skip(name, "not-a-file", "a symbolic link inside the archive is refused")
                }
                continue
            }
            batch.summary.examined += 1
            if Self.escapesRoot(name) {
                batch.summary.skip(name, "path-traversal", "the member name escapes the archive root")
                continue
            }
            guard name.lowercased().hasSuffix(".json") else {
                batch.summary.skip(name, "not-json", "only *.json members are OSV records")
                continue
            }
            let declared = Int(clamping: entry.uncompressedSize)
            let compressed = max(Int(clamping: entry.compressedSize), 1)
            if declared > limits.maxRecordBytes {
                batch.summary.skip(name, "too-large", "inflates to \(declared) bytes, over the \(limits.maxRecordBytes)-byte record limit")
                continue
            }
            if declared > 1 << 20, declared / compressed > limits.maxCompressionRatio {
                batch.summary.skip(name, "zip-bomb", "compression ratio \(declared / compressed):1 exceeds \(limits.maxCompressionRatio):1")
                continue
            }
            if total + declared > limits.maxTotalBytes {
                throw VulnerabilityError(.unsafeArchive, "the archive inflates past the \(limits.maxTotalBytes)-byte total limit")
            }
            // The header's size is not trusted: count what actually inflates.
            let cap = limits.maxRecordBytes
            let buffer = ByteCollector(cap: cap)
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in try buffer.append(chunk) }
            } catch is ByteCollector.Overflow {
                batch.summary.skip(name, "zip-bomb", "inflates past the \(cap)-byte record limit (the header understated it)")
                continue
            } catch {
                batch.summary.skip(name, "malformed", "the member cannot be inflated (corrupt data or CRC mismatch)")
                continue
            }
            total += buffer.data.count
            batch.add(entry: name, data: buffer.data)
            if !batch.strict && batch.pending >= 2000 { try await batch.flush(store) }
            if index % 200 == 0 { progress?(index, entries.count) }
        }
    }

    /// True for absolute names, `..` components and backslashes (Windows separators).
    static func escapesRoot(_ name: String) -> Bool {
        if name.hasPrefix("/") || name.contains("\\") || name.contains("\0") { return true }
        if name.count >= 2, name.dropFirst().first == ":" { return true }
        return name.split(separator: "/", omittingEmptySubsequences: false).contains("..")
    }

    // MARK: - Batching

    private final class ByteCollector: @unchecked Sendable {
        struct Overflow: Error {}
        var data = Data()
        let cap: Int
        init(cap: Int) { self.cap = cap }
        func append(_ chunk: Data) throws {
            guard data.count + chunk.count <= cap else { throw Overflow() }
            data.append(chunk)
        }
    }

    private struct Batch {
        var known: [String: String]
        /// Digests already stored: an entry with one of these bytes is unchanged and is not even parsed.
        var knownDigests: Set<String>
        var summary = ImportSummary()
        var change = AdvisoryStoreChange()
        var pending: Int { change.upserts.count + change.deletions.count }
        /// All or nothing: one write at the end (`importPath(_:strict:)`).
        let strict: Bool

        init(known: [String: String], strict: Bool) {
            self.known = known
            self.strict = strict
            knownDigests = Set(known.values)
        }

        mutating func add(entry: String, data: Data) {
            let digest = DigestAlgorithm.sha256.hash(data).description
            if knownDigests.contains(digest) {
                summary.unchanged += 1
                return
            }
            let record: OSVRecord
            do {
                record = try OSVRecord.parse(data)
            } catch {
                summary.skip(entry, error.kind == .tooLarge ? "too-large" : "malformed", error.reason)
                return
            }
            if record.withdrawn != nil {
                summary.skip(entry, "withdrawn", "\(record.id) was withdrawn on \(record.withdrawn ?? "?"); it never produces findings")
                if known.removeValue(forKey: record.id) != nil {
                    change.deletions.append(record.id)
                    summary.removedWithdrawn += 1
                }
                return
            }
            if let previous = known[record.id] {
                if previous == digest {
                    summary.unchanged += 1
                    return
                }
                summary.updated += 1
            } else {
                summary.added += 1
            }
            known[record.id] = digest
            let built = AdvisoryRecordBuilder.build(record, contentDigest: digest)
            if built.affected.isEmpty {
                summary.skip(entry, "no-affected-packages", "\(record.id) names no package, so nothing can match it (stored anyway)")
            }
            change.upserts.append(built)
        }

        mutating func flush(_ store: any AdvisoryStore) async throws {
            guard pending > 0 else { return }
            try await store.apply(change)
            change = AdvisoryStoreChange()
        }
    }
}
