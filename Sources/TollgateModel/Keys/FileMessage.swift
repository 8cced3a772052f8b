import Crypto
import Foundation

/// Hashes a file in constant memory for signing and verifying large artifacts. ECDSA and RSA sign
/// a hash of the message, so they never need the whole file in memory; pure Ed25519 does.
enum FileMessage {
    static let bufferSize = 1 << 20

    /// Streams `path` through `H` and returns swift-crypto's own digest type, which every
    /// swift-crypto signature API accepts (including RSA, which needs a known digest type).
    static func hash<H: HashFunction>(_ path: String, using _: H.Type) throws(ModelError) -> H.Digest {
        var hasher = H()
        try forEachChunk(path) { hasher.update(bufferPointer: $0) }
        return hasher.finalize()
    }

    /// Reads the whole file, refusing files over `limit` bytes.
    static func read(_ path: String, limit: Int) throws(ModelError) -> [UInt8] {
        var bytes: [UInt8] = []
        try forEachChunk(path) { chunk throws(ModelError) in
            guard bytes.count + chunk.count <= limit else {
                throw ModelError(.tooLarge, "'\(path)' is over the \(limit)-byte limit for Ed25519, which signs the whole message")
            }
            bytes.append(contentsOf: chunk)
        }
        return bytes
    }

    static func forEachChunk(_ path: String, _ body: (UnsafeRawBufferPointer) throws(ModelError) -> Void) throws(ModelError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ModelError(.io, "cannot open '\(path)': \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 64)
        defer { buffer.deallocate() }
        while true {
            let count = Foundation.read(fd, buffer.baseAddress, bufferSize)
            if count == 0 { return }
            if count < 0 {
                if errno == EINTR { continue }
                throw ModelError(.io, "cannot read '\(path)': \(String(cString: strerror(errno)))")
            }
            try body(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
    }
}
