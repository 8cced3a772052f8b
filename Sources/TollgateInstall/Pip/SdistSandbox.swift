import Foundation

/// Builds an allowed source distribution into a wheel inside a sandbox, because building one runs
/// its code (`setup.py`, the build backend).
///
/// The sandbox is bubblewrap (`bwrap`): the whole file system read-only, with home directories and
/// /tmp hidden (empty; the interpreter's own directories mounted back read-only), no network
/// (`--unshare-net`, with the other namespaces unshared too), a new session, a cleared environment,
/// and one writable directory: the build directory. The build is `python -m pip wheel --no-deps
/// --no-build-isolation --no-index`: no build dependency is downloaded (there is no network
/// anyway); the build backend and its requirements (setuptools, wheel, …) must already be installed
/// in the target environment, where they were installed through the gate or by the user. The
/// wheel it produces is then verified like any wheel: its hash recorded and pinned, the advisory
/// and `MAL-` checks, installed with `--require-hashes` from the quarantine.
///
/// Fail closed: when `bwrap` is not found the build cannot be sandboxed and is refused with that
/// reason, unless the user asked for `allowUnsandboxed` (`--unsafe-sdist-build-without-sandbox`).
public struct SdistSandbox: Sendable {
    /// How the build is isolated.
    public enum Isolation: Sendable, Hashable {
        case bubblewrap(String)
        /// No sandbox, because the user asked for it by name.
        case unsafeNone
    }

    public let python: String
    /// nil: no sandbox is available and running unsandboxed was not asked for: nothing is built.
    public let isolation: Isolation?
    /// Seconds one build may take (coreutils `timeout`, then SIGKILL 10 s later); a build that runs
    /// longer fails.
    public var timeLimit: Int = 900
    /// Directories a build does not see (empty in the sandbox): home directories and /tmp, where
    /// secrets and other projects live. `interpreterPaths` are mounted back, read-only.
    public static let hiddenFromBuilds = ["/root", "/home", "/tmp"]
    /// The interpreter's own directories (`sys.prefix`, `sys.base_prefix`), visible to the build even
    /// when they are under a hidden directory.
    public var interpreterPaths: [String] = []

    public init(python: String, isolation: Isolation?) {
        self.python = python
        self.isolation = isolation
    }

    /// `bwrap` from PATH, else the unsafe mode when allowed, else nil.
    public static func locate(python: String, allowUnsandboxed: Bool,
                              environment: [String: String] = ProcessInfo.processInfo.environment) -> SdistSandbox {
        let path = environment["PATH"] ?? ""
        let bwrap = path.split(separator: ":").map { "\($0)/bwrap" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        if let bwrap { return SdistSandbox(python: python, isolation: .bubblewrap(bwrap)) }
        return SdistSandbox(python: python, isolation: allowUnsandboxed ? .unsafeNone : nil)
    }

    /// Why nothing can be built, when nothing can.
    public var unavailableReason: String? {
        isolation == nil
            ? "bubblewrap (bwrap) is not installed, so the sdist build cannot be sandboxed (install bubblewrap, or pass --unsafe-sdist-build-without-sandbox to build without one)"
            : nil
    }

    /// The command that runs `arguments` (starting with the executable) confined: read-only system,
    /// `writable` directories read-write, no network unless `network`, and only `environment`.
    public func confined(_ arguments: [String], writable: [URL], network: Bool, environment: [String: String],
                         hiding: [String] = []) -> [String] {
        guard case .bubblewrap(let bwrap)? = isolation else { return arguments }
        var command = [bwrap, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--unshare-all"]
        for directory in hiding where FileManager.default.fileExists(atPath: directory) { command += ["--tmpfs", directory] }
        if !hiding.isEmpty {
            for path in interpreterPaths where FileManager.default.fileExists(atPath: path) { command += ["--ro-bind", path, path] }
        }
        if network { command.append("--share-net") }
        command += ["--die-with-parent", "--new-session", "--clearenv"]
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) { command += ["--setenv", key, value] }
        for directory in writable { command += ["--bind", directory.path, directory.path] }
        return command + ["--"] + arguments
    }

    /// The environment of a build: a fixed PATH, no pip configuration, the build directory as home.
    static func buildEnvironment(_ work: URL) -> [String: String] {
        ["PATH": "/usr/local/bin:/usr/bin:/bin", "PIP_CONFIG_FILE": "/dev/null", "PIP_DISABLE_PIP_VERSION_CHECK": "1",
         "LANG": "C.UTF-8", "HOME": work.path, "TMPDIR": work.path]
    }

    /// The environment of a sandboxed resolution: the caller's PATH, HOME and every `PIP_*` setting
    /// (indexes, credentials, certificates, configuration file), so pip resolves as it would outside;
    /// temporary files in `scratch`.
    public static func resolutionEnvironment(scratch: URL, from environment: [String: String] = ProcessInfo.processInfo.environment) -> [String: String] {
        var result = environment.filter { $0.key.hasPrefix("PIP_") }
        for key in ["PATH", "HOME", "LANG", "SSL_CERT_FILE", "REQUESTS_CA_BUNDLE"] { result[key] = environment[key] }
        result["TMPDIR"] = scratch.path
        return result
    }

    /// Builds `sdist` (a verified file in the quarantine) into one wheel, moved into `quarantine`.
    public func build(_ sdist: URL, into quarantine: URL) -> Result<URL, InstallError> {
        if let reason = unavailableReason { return .failure(InstallError(.toolMissing, reason)) }
        let work = quarantine.appendingPathComponent("build-\(UUID().uuidString)")
        let output = work.appendingPathComponent("out")
        do {
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: sdist, to: work.appendingPathComponent(sdist.lastPathComponent))
        } catch {
            return .failure(InstallError(.installFailed, "cannot prepare the build directory \(work.path): \(error.localizedDescription)"))
        }
        defer { try? FileManager.default.removeItem(at: work) }
        let limit = FileManager.default.isExecutableFile(atPath: "/usr/bin/timeout")
            ? ["/usr/bin/timeout", "--kill-after=10", String(timeLimit)] : []
        let pip = limit + [python, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "--no-cache-dir",
                   "--disable-pip-version-check", "--wheel-dir", output.path, work.appendingPathComponent(sdist.lastPathComponent).path]
        let command = confined(pip, writable: [work], network: false, environment: Self.buildEnvironment(work),
                               hiding: Self.hiddenFromBuilds)
        let outcome: PackageManagerRun.Outcome
        do {
            outcome = try PackageManagerRun(executable: command[0]).run(Array(command.dropFirst()), in: work, echo: false)
        } catch {
            return .failure(error)
        }
        if !limit.isEmpty, outcome.status == 124 || outcome.status == 137 {
            return .failure(InstallError(.installFailed, "the sandboxed build of \(sdist.lastPathComponent) ran over its \(timeLimit)-second limit and was stopped"))
        }
        guard outcome.status == 0 else {
            let tail = outcome.output.split(separator: "\n").suffix(6).joined(separator: " | ")
            return .failure(InstallError(.installFailed, "the sandboxed build of \(sdist.lastPathComponent) failed (exit \(outcome.status)): \(tail)"))
        }
        let wheels = ((try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []).filter { $0.hasSuffix(".whl") }
        guard wheels.count == 1, let wheel = wheels.first else {
            return .failure(InstallError(.installFailed, "the build of \(sdist.lastPathComponent) produced \(wheels.count) wheels, expected one"))
        }
        let destination = quarantine.appendingPathComponent(wheel)
        do {
            try? FileManager.default.removeItem(at: destination)
            try FileManager.default.moveItem(at: output.appendingPathComponent(wheel), to: destination)
        } catch {
            return .failure(InstallError(.installFailed, "cannot move the built \(wheel) into the quarantine: \(error.localizedDescription)"))
        }
        return .success(destination)
    }
}
