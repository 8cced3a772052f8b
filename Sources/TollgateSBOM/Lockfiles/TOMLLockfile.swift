import Foundation

/// Shared helpers for TOML lockfiles (Cargo.lock, poetry.lock, uv.lock).
enum TOMLLockfile {
    static func read(_ data: Data, what: String) throws(SBOMError) -> [String: TOMLValue] {
        guard data.count <= LockfileLimits.maximumBytes else {
            throw SBOMError(.tooLarge, "\(what) must be at most \(LockfileLimits.maximumBytes) bytes; found \(data.count).")
        }
        do {
            return try TOMLReader().parse(Array(data))
        } catch {
            throw SBOMError(error.kind, "\(what): \(error.reason)")
        }
    }

    /// `[[package]]` tables.
    static func packages(_ root: [String: TOMLValue]) -> [[String: TOMLValue]] {
        (root["package"]?.array ?? []).compactMap(\.table)
    }
}
