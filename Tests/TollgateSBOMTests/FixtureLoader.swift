import Foundation
import TollgateSBOM

/// Locates the copied fixtures (`Fixtures/lockfiles`, `Fixtures/sbom`).
enum FixtureLoader {
    static var root: URL {
        guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            preconditionFailure("Fixtures resource missing from the test bundle")
        }
        return url
    }

    static func data(_ relative: String) throws -> Data {
        try Data(contentsOf: root.appendingPathComponent(relative))
    }

    static func files(under relative: String, suffix: String) -> [String] {
        let base = root.appendingPathComponent(relative)
        guard let enumerator = FileManager.default.enumerator(atPath: base.path) else { return [] }
        var out: [String] = []
        while let next = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: base.appendingPathComponent(next).path, isDirectory: &isDirectory)
            if exists, next.hasSuffix(suffix), !isDirectory.boolValue { out.append(relative + "/" + next) }
        }
        return out.sorted()
    }

    /// The parser for a fixture, from the directory it was copied from.
    static func parser(for fixture: String) -> (any LockfileParser)? {
        let directory = fixture.split(separator: "/").dropFirst().first.map(String.init) ?? ""
        switch directory {
        case "packagelockjson": return PackageLockParser()
        case "composerlock": return ComposerLockParser()
        case "pipfilelock": return PipfileLockParser()
        case "poetrylock": return PoetryLockParser()
        case "uvlock": return UvLockParser()
        case "cargolock": return CargoLockParser()
        case "packageresolved": return PackageResolvedParser()
        case "yarnlock": return YarnLockParser()
        case "pnpmlock": return PnpmLockParser()
        case "gemfilelock": return GemfileLockParser()
        case "gomod": return GoModParser()
        case "requirements": return RequirementsParser()
        default: return nil
        }
    }

    static func parse(_ fixture: String) throws -> LockfileParseResult {
        guard let parser = parser(for: fixture) else { throw SBOMError(.unknownFormat, "no parser for \(fixture)") }
        return try parser.parse(try data(fixture), path: fixture)
    }
}
