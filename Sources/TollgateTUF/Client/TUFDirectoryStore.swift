import Foundation

/// A `TUFMetadataStore` in one directory: `root.json`, `timestamp.json`, `snapshot.json`,
/// `targets.json` and `QUOTED-ROLE.json` for delegated roles, the name percent-encoded
/// (`TUFPercentEncoding.quote`), so a role named `../x` or `/x` is the file `..%2Fx.json` in this
/// directory and never a path outside it. Writes go to a temporary file then `rename`.
public struct TUFDirectoryStore: TUFMetadataStore {
    public let directory: URL

    public init(directory: URL) { self.directory = directory }

    /// The file name for `role`.
    public static func fileName(role: String) -> String { TUFPercentEncoding.quote(role) + ".json" }

    func url(_ role: String) -> URL { directory.appendingPathComponent(Self.fileName(role: role), isDirectory: false) }

    public func load(role: String, maxLength: Int) throws -> [UInt8]? {
        let path = url(role).path
        guard let handle = FileHandle(forReadingAtPath: path) else {
            if FileManager.default.fileExists(atPath: path) {
                throw TUFError(.storage, "cannot read '\(path)'")
            }
            return nil
        }
        defer { try? handle.close() }
        do {
            let data = try handle.read(upToCount: maxLength + 1) ?? Data()
            guard data.count <= maxLength else {
                throw TUFError(.tooLarge, "local \(role.prefix(80)) metadata is over its \(maxLength)-byte limit")
            }
            return Array(data)
        } catch let error as TUFError {
            throw error
        } catch {
            throw TUFError(.storage, "cannot read '\(path)': \(error.localizedDescription)")
        }
    }

    public func store(role: String, bytes: [UInt8]) throws {
        let target = url(role)
        let temporary = directory.appendingPathComponent(".\(Self.fileName(role: role)).\(UInt64.random(in: 0...UInt64.max)).tmp")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(bytes).write(to: temporary)
            guard rename(temporary.path, target.path) == 0 else {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temporary)
                throw TUFError(.storage, "cannot write '\(target.path)': \(reason)")
            }
        } catch let error as TUFError {
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw TUFError(.storage, "cannot write '\(target.path)': \(error.localizedDescription)")
        }
    }

    public func remove(role: String) throws {
        let target = url(role)
        guard FileManager.default.fileExists(atPath: target.path) else { return }
        do {
            try FileManager.default.removeItem(at: target)
        } catch {
            throw TUFError(.storage, "cannot remove '\(target.path)': \(error.localizedDescription)")
        }
    }
}
