import Foundation

/// Reads one lockfile format into packages.
///
/// Parsers take bytes and never touch the file system, so they are easy to test and fuzz.
public protocol LockfileParser: Sendable {
    /// Parses a lockfile. `path` is only used in warnings and as the packages' source file.
    func parse(_ data: Data, path: String) throws(SBOMError) -> LockfileParseResult
}

/// Size limits shared by the lockfile parsers.
public enum LockfileLimits {
    /// Largest lockfile accepted, in bytes.
    public static let maximumBytes = 64 << 20
    /// Most packages accepted from one lockfile.
    public static let maximumPackages = 500_000
}
