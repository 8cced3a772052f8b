/// The RFC 1952 header fields a rebuild can differ in without its content differing.
public struct GzipHeader: Sendable, Hashable, Codable {
    /// MTIME: seconds since the epoch (0 when not recorded, as `gzip -n` writes).
    public var modificationTime: UInt32
    /// FNAME: the original file name, if recorded.
    public var fileName: String?
    /// OS byte and XFL (compression level hint).
    public var operatingSystem: UInt8
    public var extraFlags: UInt8

    /// Reads the fixed part and FNAME; nil when `bytes` is not gzip.
    public init?(_ bytes: [UInt8]) {
        guard bytes.count >= 10, bytes[0] == 0x1F, bytes[1] == 0x8B else { return nil }
        modificationTime = UInt32(bytes[4]) | UInt32(bytes[5]) << 8 | UInt32(bytes[6]) << 16 | UInt32(bytes[7]) << 24
        extraFlags = bytes[8]
        operatingSystem = bytes[9]
        var offset = 10
        if bytes[3] & 0x04 != 0, bytes.count >= 12 { offset += 2 + (Int(bytes[10]) | Int(bytes[11]) << 8) }
        if bytes[3] & 0x08 != 0, offset < bytes.count {
            let name = bytes[offset...].prefix { $0 != 0 }.prefix(4096)
            fileName = String(decoding: name, as: UTF8.self)
        }
    }
}
