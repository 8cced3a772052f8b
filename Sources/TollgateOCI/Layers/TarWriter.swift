import Foundation

/// Writes ustar archives, for building test images and OCI layouts in-process (the layer format
/// of image-spec `layer.md`). Entries are written in the order given.
package struct TarWriter {
    package enum Entry {
        case file(String, [UInt8])
        case directory(String)
        case symlink(String, target: String)
    }

    package private(set) var bytes: [UInt8] = []

    package init() {}

    package mutating func append(_ entry: Entry) {
        var header = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int, width: Int) {
            for (index, byte) in text.utf8.prefix(width).enumerated() { header[offset + index] = byte }
        }
        func octal(_ value: Int, at offset: Int, width: Int) {
            put(String(repeating: "0", count: max(0, width - 1 - String(value, radix: 8).count)) + String(value, radix: 8), at: offset, width: width - 1)
        }
        let (path, type, content, link): (String, UInt8, [UInt8], String) = switch entry {
        case .file(let path, let content): (path, UInt8(ascii: "0"), content, "")
        case .directory(let path): (path.hasSuffix("/") ? path : path + "/", UInt8(ascii: "5"), [], "")
        case .symlink(let path, let target): (path, UInt8(ascii: "2"), [], target)
        }
        if path.utf8.count > 100 {
            // A PAX header carries long paths.
            let record = " path=\(path)\n"
            var length = record.utf8.count + 1
            while String(length).count + record.utf8.count != length { length = String(length).count + record.utf8.count }
            append(pax: Array("\(length)\(record)".utf8))
        }
        put(path, at: 0, width: 100)
        octal(type == UInt8(ascii: "5") ? 0o755 : 0o644, at: 100, width: 8)
        octal(0, at: 108, width: 8)
        octal(0, at: 116, width: 8)
        octal(content.count, at: 124, width: 12)
        octal(0, at: 136, width: 12)
        header[156] = type
        put(link, at: 157, width: 100)
        put("ustar", at: 257, width: 6)
        put("00", at: 263, width: 2)
        for index in 148..<156 { header[index] = 0x20 }
        let sum = header.reduce(0) { $0 + Int($1) }
        octal(sum, at: 148, width: 7)
        bytes += header
        bytes += content
        bytes += [UInt8](repeating: 0, count: (512 - content.count % 512) % 512)
    }

    private mutating func append(pax record: [UInt8]) {
        var header = [UInt8](repeating: 0, count: 512)
        for (index, byte) in "PaxHeader".utf8.enumerated() { header[index] = byte }
        let size = String(record.count, radix: 8)
        for (index, byte) in (String(repeating: "0", count: 11 - size.count) + size).utf8.enumerated() { header[124 + index] = byte }
        header[156] = UInt8(ascii: "x")
        for (index, byte) in "ustar".utf8.enumerated() { header[257 + index] = byte }
        for index in 148..<156 { header[index] = 0x20 }
        let sum = String(header.reduce(0) { $0 + Int($1) }, radix: 8)
        for (index, byte) in (String(repeating: "0", count: 6 - sum.count) + sum).utf8.enumerated() { header[148 + index] = byte }
        bytes += header + record + [UInt8](repeating: 0, count: (512 - record.count % 512) % 512)
    }

    /// The archive with its two zero blocks.
    package var archive: [UInt8] { bytes + [UInt8](repeating: 0, count: 1024) }

    /// A tar of `entries`.
    package static func archive(_ entries: [Entry]) -> [UInt8] {
        var writer = TarWriter()
        entries.forEach { writer.append($0) }
        return writer.archive
    }
}
