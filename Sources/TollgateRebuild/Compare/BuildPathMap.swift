/// The build directories two builds embed: the release's prefix and the rebuild's, derived from the
/// absolute paths found in one build's bytes and not the other's that share a tail
/// (`/tmp/a/src/x.c` and `/home/b/w/src/x.c` give `/tmp/a` → `/home/b/w`).
struct BuildPathMap: Sendable, Hashable {
    var release: String
    var rebuilt: String

    /// Bytes that can be part of a path.
    static func isPathByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "/"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "@"), UInt8(ascii: "~"): true
        default: false
        }
    }

    /// Absolute paths (`/a/b…`, two or more components) in `bytes`, at most `limit` of them.
    static func absolutePaths(in bytes: [UInt8], limit: Int = 200_000) -> Set<String> {
        var found: Set<String> = []
        var start: Int?
        var index = 0
        let count = bytes.count
        while index <= count {
            let byte: UInt8 = index < count ? bytes[index] : 0
            if isPathByte(byte) {
                if start == nil {
                    let previousIsPath = index > 0 && isPathByte(bytes[index - 1])
                    if byte == UInt8(ascii: "/"), !previousIsPath { start = index }
                }
            } else if let begin = start {
                let token = bytes[begin..<index]
                if token.count >= 6, token.lazy.filter({ $0 == UInt8(ascii: "/") }).count >= 2 {
                    found.insert(String(decoding: token, as: UTF8.self))
                    if found.count >= limit { return found }
                }
                start = nil
            }
            index += 1
        }
        return found
    }

    /// The most common prefix pair among the paths only one side has, or nil.
    static func derive(release: Set<String>, rebuilt: Set<String>) -> BuildPathMap? {
        let onlyRelease = release.subtracting(rebuilt)
        let onlyRebuilt = rebuilt.subtracting(release)
        guard !onlyRelease.isEmpty, !onlyRebuilt.isEmpty else { return nil }
        func tail(_ path: String) -> String { path.split(separator: "/").suffix(2).joined(separator: "/") }
        var byTail: [String: [String]] = [:]
        for path in onlyRebuilt.prefix(50_000) { byTail[tail(path), default: []].append(path) }
        var votes: [BuildPathMap: Int] = [:]
        for path in onlyRelease.prefix(50_000) {
            guard let candidates = byTail[tail(path)] else { continue }
            for other in candidates.prefix(4) {
                let left = path.split(separator: "/", omittingEmptySubsequences: false)
                let right = other.split(separator: "/", omittingEmptySubsequences: false)
                var common = 0
                while common < min(left.count, right.count) - 1, left[left.count - 1 - common] == right[right.count - 1 - common] { common += 1 }
                guard common >= 1 else { continue }
                let map = BuildPathMap(release: left.dropLast(common).joined(separator: "/"), rebuilt: right.dropLast(common).joined(separator: "/"))
                guard map.release.count > 1, map.rebuilt.count > 1, map.release != map.rebuilt else { continue }
                votes[map, default: 0] += 1
            }
        }
        // No shared tails (a compiler's working directory alone, DW_AT_comp_dir): the shortest path of each side.
        if votes.isEmpty, let left = onlyRelease.min(by: { ($0.count, $0) < ($1.count, $1) }),
           let right = onlyRebuilt.min(by: { ($0.count, $0) < ($1.count, $1) }) {
            return BuildPathMap(release: left, rebuilt: right)
        }
        // Prefer the shortest prefix among the most voted (a parent explains its children).
        return votes.max { lhs, rhs in lhs.value != rhs.value ? lhs.value < rhs.value : lhs.key.release.count > rhs.key.release.count }?.key
    }

    /// `bytes` with every occurrence of `from` replaced by `to`.
    static func replace(_ from: String, with to: String, in bytes: [UInt8]) -> [UInt8] {
        let needle = Array(from.utf8)
        let replacement = Array(to.utf8)
        guard let first = needle.first else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == first, index + needle.count <= bytes.count, bytes[index..<index + needle.count].elementsEqual(needle) {
                out.append(contentsOf: replacement)
                index += needle.count
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return out
    }
}
