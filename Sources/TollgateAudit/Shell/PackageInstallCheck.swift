import Foundation

/// Finds package installs that take whatever version a registry serves at run time: `pip install X`,
/// `pipx install X`, `npm install -g X`, `yarn global add X`, `pnpm add -g X`, `go install X@latest`,
/// `cargo install X`, `gem install X` without an exact version.
enum PackageInstallCheck {
    struct Problem {
        let message: String
        let fix: String
    }

    /// pip options that take a value (the value is not a package).
    private static let pipOptionsWithValue: Set<String> = [
        "-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-i", "--index-url", "--extra-index-url",
        "-f", "--find-links", "-t", "--target", "--prefix", "--root", "--platform", "--python-version",
        "--implementation", "--abi", "--only-binary", "--no-binary", "--progress-bar", "--src", "--upgrade-strategy",
        "--python", "--cache-dir", "--trusted-host", "--log", "--timeout", "--retries", "--proxy", "--config-settings",
        "-C", "--global-option", "--report", "--pip-args", "--suffix", "--spec",
    ]
    private static let exactSemver = ShellPattern(#"^v?[0-9]+\.[0-9]+\.[0-9]+([-+][0-9a-z.-]+)?$"#)
    private static let goPinned = ShellPattern(#"@(v[0-9]+\.[0-9]+\.[0-9]+\S*|[0-9a-f]{12,40})$"#)

    /// The first unpinned install in one simple command, if any.
    static func unpinned(in tokens: [String]) -> Problem? {
        let words = tokens.drop { $0 == "sudo" || $0.contains("=") && !$0.hasPrefix("-") }
        guard let tool = words.first.map({ ($0 as NSString).lastPathComponent }) else { return nil }
        let rest = Array(words.dropFirst())
        let pipArgs: ArraySlice<String>? = switch tool {
        case "pip", "pip3", "pipx": rest[...]
        case "uv" where rest.first == "pip": rest.dropFirst()
        case "python", "python3", "py": rest.starts(with: ["-m", "pip"]) ? rest.dropFirst(2) : nil
        default: nil
        }
        if let pipArgs {
            guard pipArgs.first == "install" else { return nil }
            return pip(Array(pipArgs.dropFirst()), tool: tool == "pipx" ? "pipx" : "pip")
        }
        switch tool {
        case "npm", "pnpm":
            // Global installs as the issue names them, and `npm install NAME` too: it takes the registry's
            // newest match and writes it into the lock file (a bare `npm install` follows the lock file).
            guard let verb = rest.first, ["install", "i", "add", "in"].contains(verb) else { return nil }
            let global = rest.contains { $0 == "-g" || $0 == "--global" || $0 == "--location=global" }
            return npm(rest.dropFirst().filter { !$0.hasPrefix("-") }, tool: tool, global: global)
        case "yarn":
            guard rest.starts(with: ["global", "add"]) else { return nil }
            return npm(rest.dropFirst(2).filter { !$0.hasPrefix("-") }, tool: "yarn global", global: false)
        case "go":
            guard rest.first == "install" else { return nil }
            let targets = rest.dropFirst().filter { !$0.hasPrefix("-") && !$0.hasPrefix(".") }
            guard let bad = targets.first(where: { !goPinned.matches($0) }) else { return nil }
            return Problem(message: "go install \(bad) installs whatever the module proxy serves as latest when the job runs",
                           fix: "name an exact version: go install \(bad.split(separator: "@").first ?? "")@vX.Y.Z")
        case "cargo":
            guard rest.first == "install" else { return nil }
            let args = Array(rest.dropFirst())
            if args.contains(where: { $0 == "--version" || $0 == "--vers" || $0.hasPrefix("--version=") || $0 == "--path" || $0 == "--rev" }) {
                return nil
            }
            guard let crate = args.first(where: { !$0.hasPrefix("-") }), !crate.contains("@") else { return nil }
            return Problem(message: "cargo install \(crate) installs the newest release when the job runs",
                           fix: "pin it: cargo install \(crate) --version X.Y.Z --locked")
        case "gem":
            guard rest.first == "install" || rest.first == "i" else { return nil }
            let args = Array(rest.dropFirst())
            if args.contains(where: { $0 == "-v" || $0 == "--version" || $0.hasPrefix("--version=") }) { return nil }
            guard let name = args.first(where: { !$0.hasPrefix("-") }), !name.contains(":") else { return nil }
            return Problem(message: "gem install \(name) installs the newest release when the job runs",
                           fix: "pin it: gem install \(name) -v X.Y.Z")
        default:
            return nil
        }
    }

    private static func pip(_ args: [String], tool: String) -> Problem? {
        // Pins (and hashes) that live in a requirements or constraints file are that file's business.
        if args.contains(where: { ["-r", "--requirement", "-c", "--constraint", "--require-hashes"].contains($0)
            || $0.hasPrefix("--requirement=") || $0.hasPrefix("--constraint=") }) {
            return nil
        }
        var unpinned: [String] = []
        var skipNext = false
        for arg in args {
            if skipNext { skipNext = false; continue }
            if arg.hasPrefix("-") {
                skipNext = pipOptionsWithValue.contains(arg)
                continue
            }
            if arg.hasPrefix(".") || arg.hasPrefix("/") || arg.hasPrefix("~") || arg.hasPrefix("$") || arg.contains("${{")
                || arg.contains("://") || arg.contains("/") || arg.hasSuffix(".whl") || arg.hasSuffix(".tar.gz") || arg.hasSuffix(".zip") {
                continue
            }
            let exact = arg.contains("===") || (arg.contains("==") && !arg.contains("*"))
            if !exact { unpinned.append(arg) }
        }
        guard let first = unpinned.first else { return nil }
        let bare = first.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }
        return Problem(message: "\(tool) install \(unpinned.joined(separator: " ")) takes whatever version the index serves when the job runs",
                       fix: "pin exact versions (\(bare)==X.Y.Z), better from a lock file installed with --require-hashes")
    }

    private static func npm(_ packages: [String], tool: String, global: Bool) -> Problem? {
        for package in packages where !package.contains("://") && !package.hasPrefix(".") && !package.hasPrefix("/") && !package.contains("${{") {
            let at = package.dropFirst().lastIndex(of: "@")
            let version = at.map { String(package[package.index(after: $0)...]) }
            if let version, exactSemver.matches(version) { continue }
            let name = at.map { String(package[..<$0]) } ?? package
            return Problem(message: "\(tool) \(global ? "install -g" : "install") \(package) installs \(version.map { "the version range '\($0)'" } ?? "the latest version") when the job runs",
                           fix: "pin an exact version: \(name)@X.Y.Z (or install it from the project's lock file with npm ci)")
        }
        return nil
    }
}
