import Foundation

/// Loads files under `Fixtures/` (a `.copy` resource), so tests never reach `/work/shared`.
enum FixtureFiles {
    static let root: URL = {
        guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            preconditionFailure("Fixtures resource is missing from the test bundle")
        }
        return url
    }()

    static func data(_ path: String) throws -> Data {
        try Data(contentsOf: root.appendingPathComponent(path))
    }

    static func bytes(_ path: String) throws -> [UInt8] { Array(try data(path)) }

    static func text(_ path: String) throws -> String {
        String(decoding: try data(path), as: UTF8.self)
    }
}
