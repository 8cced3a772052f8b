import Foundation
import TollgateModel

/// Compares a release with a rebuild: digests first; when they differ, both are read as archives
/// (``ArchiveReader``) and every entry that differs is listed with its ``DifferenceClass``es.
public struct RebuildComparator: Sendable {
    public let reader: ArchiveReader

    public init(limits: RebuildLimits = RebuildLimits()) {
        reader = ArchiveReader(limits: limits)
    }

    public func compare(release: String, rebuilt: String) throws(RebuildError) -> RebuildComparison {
        let releaseDigest = try digest(release)
        let rebuiltDigest = try digest(rebuilt)
        if releaseDigest == rebuiltDigest {
            return RebuildComparison(release: .init(path: release, digest: releaseDigest), rebuilt: .init(path: rebuilt, digest: rebuiltDigest),
                                     match: true, differences: [])
        }
        let left = try reader.read(release)
        let right = try reader.read(rebuilt)
        return RebuildComparison(release: .init(path: release, digest: left.digest, format: left.format, entries: left.entries.count),
                                 rebuilt: .init(path: rebuilt, digest: right.digest, format: right.format, entries: right.entries.count),
                                 match: false, differences: Self.differences(left, right))
    }

    /// The two listings' entries side by side, by key: for `--deep`.
    public func pairs(release: String, rebuilt: String, keys: Set<String>) throws(RebuildError) -> [(key: String, release: [UInt8], rebuilt: [UInt8])] {
        let left = try reader.read(release)
        let right = try reader.read(rebuilt)
        let rightByKey = Dictionary(right.entries.map { ($0.key, $0) }, uniquingKeysWith: { $1 })
        return left.entries.compactMap { entry in
            guard keys.contains(Self.display(entry.key)), let other = rightByKey[entry.key], let a = entry.content, let b = other.content else { return nil }
            return (Self.display(entry.key), a, b)
        }
    }

    private func digest(_ path: String) throws(RebuildError) -> Digest {
        guard FileManager.default.fileExists(atPath: path) else { throw RebuildError(.unreadable, "'\(path)' does not exist") }
        do { return try FileDigester().digest(path: path) } catch {
            throw RebuildError(.unreadable, "'\(path)' cannot be read: \(error.reason)")
        }
    }

    static func display(_ key: String) -> String { key.isEmpty ? "(file)" : key }

    static func differences(_ left: ArchiveListing, _ right: ArchiveListing) -> [EntryDifference] {
        var out: [EntryDifference] = []
        guard left.format == right.format else {
            return [EntryDifference(path: "(format)", classes: [.content],
                                    details: ["the release is \(left.format.rawValue), the rebuild \(right.format.rawValue)"])]
        }
        if let a = left.gzipHeader, let b = right.gzipHeader {
            var details: [String] = []
            var classes: [DifferenceClass] = []
            if a.modificationTime != b.modificationTime {
                classes.append(.embeddedTimestamp)
                details.append("gzip header time \(a.modificationTime) → \(b.modificationTime)")
            }
            if a.fileName != b.fileName {
                classes.append(.compression)
                details.append("gzip header name '\(a.fileName ?? "")' → '\(b.fileName ?? "")'")
            }
            if a.operatingSystem != b.operatingSystem || a.extraFlags != b.extraFlags {
                classes.append(.compression)
                details.append("gzip header OS \(a.operatingSystem) → \(b.operatingSystem), flags \(a.extraFlags) → \(b.extraFlags)")
            }
            if left.inflatedDigest == right.inflatedDigest, classes.isEmpty {
                classes.append(.compression)
                details.append("the same inflated bytes (\(left.inflatedDigest?.description ?? "")) compressed differently")
            }
            if !classes.isEmpty { out.append(EntryDifference(path: "(gzip header)", classes: classes, details: details)) }
        }
        out += orderDifferences(left.entries, right.entries)
        var rightByKey: [String: ArchiveEntry] = [:]
        for entry in right.entries { rightByKey[entry.key] = entry }
        var seen: Set<String> = []
        for entry in left.entries {
            seen.insert(entry.key)
            guard let other = rightByKey[entry.key] else {
                out.append(EntryDifference(path: display(entry.key), classes: [.presence], details: ["only in the release"]))
                continue
            }
            if let difference = compare(entry, other) { out.append(difference) }
        }
        var leftKeys: Set<String> = []
        for entry in left.entries { leftKeys.insert(entry.key) }
        var reported: Set<String> = []
        for entry in right.entries where !leftKeys.contains(entry.key) && reported.insert(entry.key).inserted {
            out.append(EntryDifference(path: display(entry.key), classes: [.presence], details: ["only in the rebuild"]))
        }
        return out
    }

    /// Per archive (container), the entries both have, in release order and rebuild order.
    private static func orderDifferences(_ left: [ArchiveEntry], _ right: [ArchiveEntry]) -> [EntryDifference] {
        var leftKeys: Set<String> = []
        var rightKeys: Set<String> = []
        for entry in left { leftKeys.insert(entry.key) }
        for entry in right { rightKeys.insert(entry.key) }
        var containers: [String] = []
        var leftOrder: [String: [String]] = [:]
        var rightOrder: [String: [String]] = [:]
        for entry in left where rightKeys.contains(entry.key) {
            if leftOrder[entry.container] == nil { containers.append(entry.container) }
            leftOrder[entry.container, default: []].append(entry.path)
        }
        for entry in right where leftKeys.contains(entry.key) { rightOrder[entry.container, default: []].append(entry.path) }
        var out: [EntryDifference] = []
        for container in containers {
            let a = leftOrder[container] ?? []
            let b = rightOrder[container] ?? []
            guard a != b, let first = (0..<min(a.count, b.count)).first(where: { a[$0] != b[$0] }) else { continue }
            let name = container.isEmpty ? "(entry order)" : "\(container) (entry order)"
            out.append(EntryDifference(path: name, classes: [.entryOrder],
                                       details: ["entry \(first + 1) is '\(a[first].prefix(160))' in the release, '\(b[first].prefix(160))' in the rebuild"]))
        }
        return out
    }

    private static func compare(_ a: ArchiveEntry, _ b: ArchiveEntry) -> EntryDifference? {
        var classes: [DifferenceClass] = []
        var details: [String] = []
        if a.kind != b.kind {
            classes.append(.content)
            details.append("\(a.kind.rawValue) → \(b.kind.rawValue)")
        }
        if let x = a.modificationTime, let y = b.modificationTime, x != y {
            classes.append(.modificationTime)
            details.append("mtime \(format(x)) → \(format(y))")
        }
        if a.mode != b.mode {
            classes.append(.ownership)
            details.append("mode \(octal(a.mode)) → \(octal(b.mode))")
        }
        if a.uid != b.uid || a.gid != b.gid || a.userName != b.userName || a.groupName != b.groupName {
            classes.append(.ownership)
            details.append("owner \(owner(a)) → \(owner(b))")
        }
        if a.linkTarget != b.linkTarget {
            let map = BuildPathMap.derive(release: [a.linkTarget], rebuilt: [b.linkTarget])
            classes.append(map == nil ? .content : .buildPath)
            details.append("link target '\(a.linkTarget.prefix(200))' → '\(b.linkTarget.prefix(200))'")
        }
        if a.kind == .other, a.container.isEmpty == false, a.digest != b.digest {
            // An image layer's blob: its entries are compared one by one under `<container>/<path>/`.
            if classes.isEmpty { classes.append(.compression) }
            details.append("layer blob \(a.digest?.description ?? "") → \(b.digest?.description ?? ""); its entries are listed under \(a.key)/")
        } else if a.digest != b.digest || a.size != b.size {
            let verdict = ContentClassifier.classify(path: a.path, release: a.content, rebuilt: b.content)
            classes += verdict.classes
            details += verdict.details
        }
        guard !classes.isEmpty else { return nil }
        return EntryDifference(path: display(a.key), classes: classes, details: details)
    }

    private static func format(_ time: Double) -> String {
        time == time.rounded() ? String(Int64(time)) : String(time)
    }

    private static func octal(_ mode: Int64?) -> String {
        mode.map { "0" + String($0, radix: 8) } ?? "-"
    }

    private static func owner(_ entry: ArchiveEntry) -> String {
        let user = entry.userName.flatMap { $0.isEmpty ? nil : $0 } ?? entry.uid.map(String.init) ?? "-"
        let group = entry.groupName.flatMap { $0.isEmpty ? nil : $0 } ?? entry.gid.map(String.init) ?? "-"
        return "\(user)(\(entry.uid.map(String.init) ?? "-")):\(group)(\(entry.gid.map(String.init) ?? "-"))"
    }
}
