import Foundation

/// The copied fixtures (`Fixtures/`, a `.copy` resource; SOURCES.md beside them).
enum Fixtures {
    static var root: URL {
        get throws {
            guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else { throw CocoaError(.fileNoSuchFile) }
            return url
        }
    }

    static func data(_ relative: String) throws -> Data { try Data(contentsOf: root.appendingPathComponent(relative)) }
}
