import Foundation
import Testing

/// Allowed source distributions are built in a bubblewrap sandbox without network, and the wheel is
/// verified and installed like any wheel. A real sdist is made in the test with setuptools; its
/// `setup.py`, while building the wheel, tries to connect to a port the test listens on and writes
/// what happened into the package. The target environment is Debian's Python with its setuptools
/// and wheel (`--system-site-packages`): the build runs with `--no-build-isolation`, so the build
/// backend must already be installed (scripts/test.sh installs python3-venv, python3-wheel and bubblewrap).
@Suite("pip: sandboxed sdist builds", .serialized)
struct PipSdistSandboxTests {
    typealias Index = PipInstallGateTests.Index
    typealias Project = PipInstallGateTests.Project

    /// A TCP listener on loopback that counts the connections it accepts (a Python child process,
    /// which exits when its standard input closes: when the listener is released, or the test
    /// process ends, however it ends).
    final class Listener {
        let process = Process()
        let input = Pipe()
        let log: URL
        let port: Int

        init() throws {
            log = FileManager.default.temporaryDirectory.appendingPathComponent("listener-\(UUID().uuidString).log")
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            let script = """
            import os, socket, sys, threading
            threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
            s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(8)
            print(s.getsockname()[1], flush=True)
            while True:
                c, _ = s.accept()
                open(sys.argv[1], "a").write("connection\\n"); c.close()
            """
            let output = Pipe()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", script, log.path]
            process.standardInput = input
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
            port = Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        }

        var connections: Int {
            (try? String(contentsOf: log, encoding: .utf8))?.split(separator: "\n").count ?? -1
        }

        deinit {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
        }
    }

    /// `tinypkg` 1.0 (or `name` `version`) as an sdist only; its wheel build tries to reach `port`
    /// and records the outcome in the package.
    static func tinySdistIndex(port: Int, name: String = "tinypkg", version: String = "1.0") throws -> Index {
        let source = FileManager.default.temporaryDirectory.appendingPathComponent("tinypkg-src-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: source.appendingPathComponent("tinypkg"), withIntermediateDirectories: true)
        try Data("NETWORK = 'not built'\n".utf8).write(to: source.appendingPathComponent("tinypkg/__init__.py"))
        try Data("""
        import socket, sys
        from setuptools import setup
        if "bdist_wheel" in sys.argv:
            try:
                socket.create_connection(("127.0.0.1", \(port)), timeout=5).close()
                outcome = "connected"
            except OSError as error:
                outcome = "no network: " + type(error).__name__
            with open("tinypkg/__init__.py", "w") as module:
                module.write("NETWORK = %r\\n" % outcome)
        setup(name="\(name)", version="\(version)", packages=["tinypkg"])

        """.utf8).write(to: source.appendingPathComponent("setup.py"))
        let built = try ExternalTool.run(["/usr/bin/python3", "setup.py", "-q", "sdist", "--formats=gztar"], in: source)
        #expect(built.status == 0, "\(built.output)")
        return try Index([["name": name, "version": version, "file": source.appendingPathComponent("dist/\(name)-\(version).tar.gz").path]])
    }

    /// A project whose environment is Debian's Python with its setuptools and wheel.
    static func project() throws -> Project {
        let project = try Project()
        let venv = project.dir.appendingPathComponent("venv")
        try FileManager.default.removeItem(at: venv)
        let made = try ExternalTool.run(["/usr/bin/python3", "-m", "venv", "--system-site-packages", venv.path])
        #expect(made.status == 0, "\(made.output)")
        return project
    }

    static let allowSdist = """
    apiVersion: tollgate.dev/v1
    kind: Policy
    metadata: { name: sdists }
    install:
      allowSdist: true
    """

    @Test("allowed: built in the sandbox without network, verified like a wheel, installed; the build reached nothing")
    func allowedBuild() throws {
        let listener = try Listener()
        #expect(listener.port > 0)
        let index = try Self.tinySdistIndex(port: listener.port)
        let project = try Self.project()
        // A requirements file by relative path: the sandboxed resolution runs in the caller's directory.
        try project.write("tinypkg==1.0\n", "requirements.txt")
        let (status, decision, text) = try project.install(["--index-url", index.simple, "-r", "requirements.txt"], policy: Self.allowSdist)
        #expect(status == 0, "\(text)")
        let packages = decision["packages"] as? [[String: Any]] ?? []
        let built = packages.compactMap { $0["facts"] as? [String: Any] }.first { ($0["file"] as? String)?.hasSuffix(".whl") == true }
        #expect(built?["file"] as? String == "tinypkg-1.0-py3-none-any.whl", "\(text)")
        let integrity = "\(built?["integrity"] ?? "")"
        #expect(integrity.contains("in a bubblewrap sandbox without network"), "\(built ?? [:])")
        #expect(try project.installed().contains("tinypkg==1.0"))
        let network = try ExternalTool.run([project.python, "-c", "import tinypkg; print(tinypkg.NETWORK)"], in: project.dir)
        #expect(network.output.contains("no network"), "\(network.output)")
        #expect(listener.connections == 0, "the sandboxed build connected to the test's port")
    }

    @Test("not allowed: the sdist is refused and nothing is installed")
    func refusedWithoutAllowSdist() throws {
        let listener = try Listener()
        let index = try Self.tinySdistIndex(port: listener.port)
        let project = try Self.project()
        let before = try project.installed()
        let (status, _, text) = try project.install(["--index-url", index.simple, "tinypkg==1.0"])
        // Without allowSdist the resolution asks pip for built distributions only, and there is none.
        #expect(status != 0, "\(text)")
        #expect(try project.installed() == before)
        try project.write("tinypkg==1.0\n", "requirements.txt")
        let verified = try TollgateProcess.run(["pip", "verify", "requirements.txt", "--index-url", index.simple, "--db", "advisories.sqlite",
                                                "--format", "json"], in: project.dir)
        let decision = (try? JSONSerialization.jsonObject(with: verified.stdout)) as? [String: Any] ?? [:]
        #expect(verified.status == 1, "\(verified.stderr)")
        #expect(PipInstallGateTests.failures(decision).contains { $0.hasPrefix("install.allowSdist") }, "\(PipInstallGateTests.failures(decision))")
        #expect(listener.connections == 0)
    }

    @Test("allowed but bubblewrap missing: refused with the reason (fail closed), unless the Unsafe option names it")
    func bubblewrapMissing() throws {
        let listener = try Listener()
        let index = try Self.tinySdistIndex(port: listener.port)
        let project = try Self.project()
        try project.write("tinypkg==1.0\n", "requirements.txt")
        try project.write(Self.allowSdist, "policy.yaml")
        // No PATH: bwrap cannot be found (pip runs through the interpreter's absolute path).
        let arguments = [TollgateProcess.binary.path, "pip", "verify", "requirements.txt", "--index-url", index.simple, "--db", "advisories.sqlite",
                         "--policy", "policy.yaml", "--python", project.python, "--format", "json"]
        let environment = ["PATH": "/nonexistent", "TOLLGATE_DATA": project.dir.appendingPathComponent("data").path]
        let refused = try ExternalTool.run(arguments, in: project.dir, environment: environment)
        #expect(refused.status == 1, "\(refused.output)")
        #expect(refused.output.contains("bubblewrap (bwrap) is not installed"), "\(refused.output)")
        let unsafe = try ExternalTool.run(arguments + ["--unsafe-sdist-build-without-sandbox"], in: project.dir, environment: environment)
        #expect(unsafe.status == 0, "\(unsafe.output)")
        #expect(unsafe.output.contains("WITHOUT a sandbox"), "\(unsafe.output)")
        // Unsandboxed, the build did reach the port: what the sandbox prevents.
        #expect(listener.connections == 1)
    }

    @Test("an sdist the gate refuses as a file (a MAL- record) is never built, not even without a sandbox")
    func refusedSdistNotBuilt() throws {
        let listener = try Listener()
        let index = try Self.tinySdistIndex(port: listener.port, name: "0requests", version: "0.0.1")
        let project = try Self.project()
        try project.write("0requests==0.0.1\n", "requirements.txt")
        try project.write(Self.allowSdist, "policy.yaml")
        let result = try ExternalTool.run([TollgateProcess.binary.path, "pip", "verify", "requirements.txt", "--index-url", index.simple,
                                           "--db", "advisories.sqlite", "--policy", "policy.yaml", "--python", project.python,
                                           "--unsafe-sdist-build-without-sandbox", "--format", "json"],
                                          in: project.dir, environment: ["PATH": "/nonexistent",
                                                                         "TOLLGATE_DATA": project.dir.appendingPathComponent("data").path])
        #expect(result.status == 1, "\(result.output)")
        #expect(result.output.contains("MAL-2026-15859"), "\(result.output)")
        #expect(!result.output.contains("WITHOUT a sandbox"), "\(result.output)")
        #expect(listener.connections == 0, "a refused sdist was built")
    }
}
