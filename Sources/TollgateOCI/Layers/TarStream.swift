import Foundation

/// A streaming reader of POSIX ustar / GNU / PAX tar archives (the layer format of the image
/// spec's `layer.md`). Bytes arrive in chunks; every entry is reported to `onEntry`, which says
/// whether to keep the file's content; kept files are reported whole to `onFile`.
///
/// Hostile archives are refused, not followed: a path with a `..` component, a header whose
/// checksum fails, a size field that does not parse, a kept file over `maxFileBytes`, or more
/// than `maxEntries` entries are `oci.invalid-layer` / `oci.too-large` errors.
package struct TarStream {
    let maxFileBytes: Int
    var remainingEntries: Int
    let onEntry: (TarEntry) throws(OCIError) -> Bool
    let onFile: (TarEntry, [UInt8]) throws(OCIError) -> Void

    private var header: [UInt8] = []
    private var current: TarEntry?
    private var keep = false
    private var content: [UInt8] = []
    private var remaining: Int64 = 0
    private var padding: Int64 = 0
    /// A GNU long name (`L`) or PAX header (`x`) being read, and what it sets for the next entry.
    private var meta: UInt8?
    private var metaBytes: [UInt8] = []
    private var nextPath: String?
    private var nextLink: String?
    private var nextSize: Int64?
    private var zeroBlocks = 0
    package private(set) var finished = false
    /// PAX overrides of the next entry's metadata (`mtime`, `uid`, `gid`, `uname`, `gname`).
    private var nextMeta: [Substring: String] = [:]

    package init(maxFileBytes: Int, maxEntries: Int, onEntry: @escaping (TarEntry) throws(OCIError) -> Bool,
         onFile: @escaping (TarEntry, [UInt8]) throws(OCIError) -> Void) {
        self.maxFileBytes = maxFileBytes
        remainingEntries = maxEntries
        self.onEntry = onEntry
        self.onFile = onFile
    }

    package mutating func consume(_ chunk: Data) throws(OCIError) {
        var bytes = [UInt8](chunk)[...]
        while !bytes.isEmpty, !finished {
            if remaining > 0 {
                let take = Int(min(Int64(bytes.count), remaining))
                if meta != nil {
                    metaBytes.append(contentsOf: bytes.prefix(take))
                } else if keep {
                    content.append(contentsOf: bytes.prefix(take))
                }
                bytes = bytes.dropFirst(take)
                remaining -= Int64(take)
                if remaining == 0 { try finishEntry() }
                continue
            }
            if padding > 0 {
                let take = Int(min(Int64(bytes.count), padding))
                bytes = bytes.dropFirst(take)
                padding -= Int64(take)
                continue
            }
            let take = min(bytes.count, 512 - header.count)
            header.append(contentsOf: bytes.prefix(take))
            bytes = bytes.dropFirst(take)
            if header.count == 512 {
                let block = header
                header.removeAll(keepingCapacity: true)
                try readHeader(block)
            }
        }
    }

    /// Checks the archive did not stop inside an entry.
    package func finish() throws(OCIError) {
        guard remaining == 0, header.isEmpty || header.allSatisfy({ $0 == 0 }) else {
            throw OCIError(.invalidLayer, "the layer tarball is truncated")
        }
    }

    private mutating func readHeader(_ block: [UInt8]) throws(OCIError) {
        if block.allSatisfy({ $0 == 0 }) {
            zeroBlocks += 1
            if zeroBlocks == 2 { finished = true }
            return
        }
        zeroBlocks = 0
        var sum = 0
        for (index, byte) in block.enumerated() { sum += (148..<156).contains(index) ? 32 : Int(byte) }
        guard let recorded = Self.octal(block[148..<156]), recorded == Int64(sum) else {
            throw OCIError(.invalidLayer, "a tar header's checksum does not match (a corrupt or non-tar layer)")
        }
        remainingEntries -= 1
        guard remainingEntries >= 0 else { throw OCIError(.tooLarge, "the image has more tar entries than the limit") }
        guard let headerSize = Self.size(block[124..<136]) else {
            throw OCIError(.invalidLayer, "a tar header's size field is not a number")
        }
        let type = block[156]
        let size = nextSize ?? headerSize
        remaining = size
        padding = (512 - size % 512) % 512
        if type == UInt8(ascii: "L") || type == UInt8(ascii: "K") || type == UInt8(ascii: "x") || type == UInt8(ascii: "g") {
            guard headerSize <= 1 << 20 else { throw OCIError(.tooLarge, "a tar extended header is over 1 MiB") }
            remaining = headerSize
            padding = (512 - headerSize % 512) % 512
            meta = type
            metaBytes = []
            if remaining == 0 { try finishEntry() }
            return
        }
        var name = nextPath ?? Self.string(block[0..<100])
        if nextPath == nil, block[257..<262] == [0x75, 0x73, 0x74, 0x61, 0x72][...] {   // "ustar": prefix/name
            let prefix = Self.string(block[345..<500])
            if !prefix.isEmpty { name = prefix + "/" + name }
        }
        let link = nextLink ?? Self.string(block[157..<257])
        nextPath = nil
        nextLink = nil
        nextSize = nil
        let kind: TarEntry.Kind = switch type {
        case 0, UInt8(ascii: "0"), UInt8(ascii: "7"): .file
        case UInt8(ascii: "5"): .directory
        case UInt8(ascii: "2"): .symlink
        case UInt8(ascii: "1"): .hardlink
        default: .other
        }
        var entry = TarEntry(path: try Self.normalise(name), kind: kind, size: kind == .file ? size : 0, linkTarget: link)
        entry.mode = Self.octal(block[100..<108]) ?? 0
        entry.uid = nextMeta["uid"].flatMap { Int64($0) } ?? Self.size(block[108..<116]) ?? 0
        entry.gid = nextMeta["gid"].flatMap { Int64($0) } ?? Self.size(block[116..<124]) ?? 0
        entry.modificationTime = nextMeta["mtime"].flatMap { Double($0) } ?? Double(Self.size(block[136..<148]) ?? 0)
        entry.userName = nextMeta["uname"] ?? Self.string(block[265..<297])
        entry.groupName = nextMeta["gname"] ?? Self.string(block[297..<329])
        nextMeta = [:]
        keep = try onEntry(entry) && kind == .file
        if keep, size > Int64(maxFileBytes) {
            throw OCIError(.tooLarge, "\(entry.path) in a layer is \(size) bytes; the limit for a file read is \(maxFileBytes)")
        }
        current = entry
        content = []
        if remaining == 0 { try finishEntry() }
    }

    private mutating func finishEntry() throws(OCIError) {
        if let type = meta {
            meta = nil
            let text = String(decoding: metaBytes.prefix { $0 != 0 }, as: UTF8.self)
            switch type {
            case UInt8(ascii: "L"): nextPath = text
            case UInt8(ascii: "K"): nextLink = text
            case UInt8(ascii: "x"):
                // PAX records: "<length> <key>=<value>\n".
                for record in String(decoding: metaBytes, as: UTF8.self).split(separator: "\n") {
                    guard let space = record.firstIndex(of: " ") else { continue }
                    let pair = record[record.index(after: space)...]
                    guard let equals = pair.firstIndex(of: "=") else { continue }
                    let value = String(pair[pair.index(after: equals)...])
                    switch pair[..<equals] {
                    case "path": nextPath = value
                    case "linkpath": nextLink = value
                    case "size":
                        guard let size = Int64(value), size >= 0 else { throw OCIError(.invalidLayer, "a PAX size is not a number") }
                        nextSize = size
                    case let key where ["mtime", "uid", "gid", "uname", "gname"].contains(key):
                        if type == UInt8(ascii: "x") { nextMeta[key] = value }
                    default: break
                    }
                }
            default: break
            }
            metaBytes = []
            return
        }
        if keep, let current { try onFile(current, content) }
        current = nil
        keep = false
        content = []
    }

    /// `/a/./b//c` → `a/b/c`; a `..` component is path traversal and refused.
    package static func normalise(_ path: String) throws(OCIError) -> String {
        var components: [Substring] = []
        for component in path.split(separator: "/") where component != "." {
            guard component != ".." else {
                throw OCIError(.invalidLayer, "the layer entry '\(path.prefix(200))' climbs out of the root with '..' (path traversal)")
            }
            components.append(component)
        }
        return components.joined(separator: "/")
    }

    static func string(_ field: ArraySlice<UInt8>) -> String {
        String(decoding: field.prefix { $0 != 0 }, as: UTF8.self)
    }

    package static func octal(_ field: ArraySlice<UInt8>) -> Int64? {
        let digits = field.drop { $0 == 0x20 }.prefix { $0 >= 0x30 && $0 <= 0x37 }
        guard !digits.isEmpty, digits.count <= 21 else { return digits.isEmpty && field.allSatisfy({ $0 == 0 || $0 == 0x20 }) ? 0 : nil }
        var value: Int64 = 0
        for digit in digits { value = value * 8 + Int64(digit - 0x30) }
        return value
    }

    /// Octal, or GNU base-256 when the first byte has its high bit set.
    static func size(_ field: ArraySlice<UInt8>) -> Int64? {
        guard let first = field.first, first & 0x80 != 0 else { return octal(field) }
        var value: Int64 = Int64(first & 0x7F)
        for byte in field.dropFirst() {
            guard value < Int64.max >> 8 else { return nil }
            value = value << 8 | Int64(byte)
        }
        return value
    }
}
