/// The lockfile formats `SBOMGenerator` understands, with the file names that identify them.
public enum LockfileKind: String, Sendable, Hashable, Codable, CaseIterable {
    case packageLockJSON = "package-lock.json"
    case npmShrinkwrap = "npm-shrinkwrap.json"
    case yarnLock = "yarn.lock"
    case pnpmLock = "pnpm-lock.yaml"
    case requirementsTxt = "requirements.txt"
    case poetryLock = "poetry.lock"
    case pipfileLock = "Pipfile.lock"
    case uvLock = "uv.lock"
    /// PEP 751; also `pylock.NAME.toml`.
    case pylockToml = "pylock.toml"
    case goMod = "go.mod"
    case cargoLock = "Cargo.lock"
    case gemfileLock = "Gemfile.lock"
    case composerLock = "composer.lock"
    case packageResolved = "Package.resolved"
    /// Debian/Ubuntu's dpkg database (`/var/lib/dpkg/status`, also `status.d/*`), read from images.
    case dpkgStatus = "var/lib/dpkg/status"
    /// Alpine's apk database (`/lib/apk/db/installed`), read from images.
    case apkInstalled = "lib/apk/db/installed"

    /// The OSV ecosystem of the packages the lockfile lists.
    public var ecosystem: String {
        switch self {
        case .packageLockJSON, .npmShrinkwrap, .yarnLock, .pnpmLock: "npm"
        case .requirementsTxt, .poetryLock, .pipfileLock, .uvLock, .pylockToml: "PyPI"
        case .goMod: "Go"
        case .cargoLock: "crates.io"
        case .gemfileLock: "RubyGems"
        case .composerLock: "Packagist"
        case .packageResolved: "SwiftURL"
        case .dpkgStatus: "Debian"
        case .apkInstalled: "Alpine"
        }
    }

    /// Identifies a lockfile by its file name (`requirements*.txt` counts as requirements).
    public static func detect(filename: String) -> LockfileKind? {
        // The OS databases are found by their path in an image, never by a file name.
        if let exact = LockfileKind(rawValue: filename) { return exact }
        if filename == "gems.locked" { return .gemfileLock }
        if filename.hasSuffix(".txt"), filename.hasPrefix("requirements") { return .requirementsTxt }
        // PEP 751: pylock.NAME.toml, NAME without dots.
        if filename.hasPrefix("pylock."), filename.hasSuffix(".toml"), filename.count > 12,
           !filename.dropFirst(7).dropLast(5).contains(".") { return .pylockToml }
        return nil
    }

    /// The parser for this format.
    public var parser: any LockfileParser {
        switch self {
        case .packageLockJSON, .npmShrinkwrap: PackageLockParser()
        case .yarnLock: YarnLockParser()
        case .pnpmLock: PnpmLockParser()
        case .requirementsTxt: RequirementsParser()
        case .poetryLock: PoetryLockParser()
        case .pipfileLock: PipfileLockParser()
        case .uvLock: UvLockParser()
        case .pylockToml: PylockParser()
        case .goMod: GoModParser()
        case .cargoLock: CargoLockParser()
        case .gemfileLock: GemfileLockParser()
        case .composerLock: ComposerLockParser()
        case .packageResolved: PackageResolvedParser()
        case .dpkgStatus: DpkgStatusParser()
        case .apkInstalled: ApkInstalledParser()
        }
    }
}
