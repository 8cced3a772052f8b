import Foundation
import TollgateTUF

/// A `TUFFetcher` over files held in memory that records every request, like the
/// tuf-conformance simulator's `metadata_statistics`. Serving more bytes than asked is cut off.
final class MemoryFetcher: TUFFetcher, @unchecked Sendable {
    private let lock = NSLock()
    private var metadata: [String: [UInt8]] = [:]
    private var targets: [String: [UInt8]] = [:]
    private var log: [String] = []

    func setMetadata(_ name: String, _ bytes: [UInt8]?) { lock.withLock { metadata[name] = bytes } }
    func setTarget(_ path: String, _ bytes: [UInt8]?) { lock.withLock { targets[path] = bytes } }
    func metadataFile(_ name: String) -> [UInt8]? { lock.withLock { metadata[name] } }
    var requests: [String] { lock.withLock { log } }
    func clearRequests() { lock.withLock { log.removeAll() } }

    func fetchMetadata(_ name: String, maxLength: Int) async throws -> [UInt8] {
        try serve(name, from: \.metadata, maxLength: maxLength, prefix: "")
    }

    func fetchTarget(_ path: String, maxLength: Int) async throws -> [UInt8] {
        try serve(path, from: \.targets, maxLength: maxLength, prefix: "targets/")
    }

    private func serve(_ name: String, from files: KeyPath<MemoryFetcher, [String: [UInt8]]>, maxLength: Int,
                       prefix: String) throws -> [UInt8] {
        try lock.withLock {
            log.append(prefix + name)
            guard let bytes = self[keyPath: files][name] else { throw TUFError(.notFound, "\(name) not found") }
            guard bytes.count <= maxLength else { throw TUFError(.tooLarge, "\(name) is over \(maxLength) bytes") }
            return bytes
        }
    }
}
