import Foundation

/// Loads the vendored transparency vectors under `Fixtures/` (see the SOURCES.md files beside
/// them). TollgateLedgerTests reads the same files from the source tree for its proof builder.
enum Fixtures {
    static let root: URL = {
        guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            fatalError("Fixtures resource missing from the test bundle")
        }
        return url
    }()

    static func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    static func data(_ path: String) throws -> Data { try Data(contentsOf: url(path)) }

    static func bytes(_ path: String) throws -> [UInt8] { Array(try data(path)) }

    static func text(_ path: String) throws -> String { String(decoding: try data(path), as: UTF8.self) }

    static func json(_ path: String) throws -> Any { try JSONSerialization.jsonObject(with: data(path)) }

    /// Every JSON file under `directory`, sorted, as paths relative to the fixtures root.
    static func jsonFiles(under directory: String) -> [String] {
        let base = url(directory)
        let files = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        return files.filter { $0.pathExtension == "json" }
            .map { directory + "/" + $0.path.dropFirst(base.path.count + 1) }
            .sorted()
    }
}

/// Standard base64 as the vector files write it.
func base64(_ text: String) -> [UInt8] { Data(base64Encoded: text).map(Array.init) ?? [] }
