import Foundation
import ZIPFoundation

/// gzip (RFC 1952) around a raw DEFLATE stream, inflated by zlib through ZIPFoundation.
/// Output is bounded (a decompression bomb stops at `limit`), truncated input is an error, and
/// the trailer's CRC-32 and size are checked.
package enum Gzip {
    package static func isGzip(_ bytes: [UInt8]) -> Bool { bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B }

    private struct Stop: Error {}

    /// Inflates `bytes`, handing the output to `consume` in chunks.
    package static func decompress(_ bytes: [UInt8], limit: Int64, consume: (Data) throws(OCIError) -> Void) throws(OCIError) {
        func fail(_ why: String) -> OCIError { OCIError(.invalidLayer, "the gzip layer \(why)") }
        guard bytes.count >= 18, isGzip(bytes) else { throw fail("has no gzip header") }
        guard bytes[2] == 8 else { throw fail("uses compression method \(bytes[2]), not deflate") }
        let flags = bytes[3]
        var offset = 10
        func need(_ count: Int) throws(OCIError) {
            guard offset + count <= bytes.count - 8 else { throw fail("header is truncated") }
        }
        if flags & 0x04 != 0 {   // FEXTRA
            try need(2)
            let length = Int(bytes[offset]) | Int(bytes[offset + 1]) << 8
            offset += 2
            try need(length)
            offset += length
        }
        for flag in [UInt8(0x08), 0x10] where flags & flag != 0 {   // FNAME, FCOMMENT: zero-terminated
            while true {
                try need(1)
                offset += 1
                if bytes[offset - 1] == 0 { break }
            }
        }
        if flags & 0x02 != 0 { try need(2); offset += 2 }   // FHCRC
        let body = offset
        let end = bytes.count - 8
        var total: Int64 = 0
        var overLimit = false
        var consumerError: OCIError?
        let crc: UInt32
        do {
            crc = try Data.decompress(size: Int64(end - body), bufferSize: 1 << 16, skipCRC32: false, provider: { position, size in
                let start = body + Int(position)
                // zlib asks again until the stream ends: input that runs out first is truncated.
                guard start < end else { throw Stop() }
                // ZIPFoundation tells zlib every chunk holds `size` bytes, so a short last chunk is
                // padded (a valid stream ends before the padding; a truncated one fails on it).
                var chunk = Data(bytes[start..<min(end, start + size)])
                if chunk.count < size { chunk.append(Data(count: size - chunk.count)) }
                return chunk
            }, consumer: { chunk in
                total += Int64(chunk.count)
                guard total <= limit else {
                    overLimit = true
                    throw Stop()
                }
                do throws(OCIError) { try consume(chunk) } catch {
                    consumerError = error
                    throw Stop()
                }
            })
        } catch {
            if let consumerError { throw consumerError }
            if overLimit { throw OCIError(.tooLarge, "the layer inflates to more than \(limit) bytes") }
            throw fail("is corrupt or truncated")
        }
        let trailer = Array(bytes[end...])
        let expectedCRC = UInt32(trailer[0]) | UInt32(trailer[1]) << 8 | UInt32(trailer[2]) << 16 | UInt32(trailer[3]) << 24
        let expectedSize = UInt32(trailer[4]) | UInt32(trailer[5]) << 8 | UInt32(trailer[6]) << 16 | UInt32(trailer[7]) << 24
        guard crc == expectedCRC, UInt32(truncatingIfNeeded: total) == expectedSize else {
            throw fail("fails its CRC-32 or size check (multi-member gzip is not read)")
        }
    }

    /// gzip of `bytes` (no name, no time), for building test layers.
    package static func compress(_ bytes: [UInt8]) -> [UInt8] {
        var deflated = Data()
        let data = Data(bytes)
        let crc = (try? Data.compress(size: Int64(bytes.count), bufferSize: 1 << 16, provider: { position, size in
            data.subdata(in: Int(position)..<min(data.count, Int(position) + size))
        }, consumer: { deflated.append($0) })) ?? 0
        let size = UInt32(truncatingIfNeeded: bytes.count)
        func le(_ value: UInt32) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24)] }
        return [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF] + [UInt8](deflated) + le(crc) + le(size)
    }
}
