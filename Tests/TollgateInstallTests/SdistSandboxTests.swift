import Foundation
import Testing
import TollgateInstall

/// The bubblewrap command lines of `SdistSandbox` (the builds themselves run in `PipSdistSandboxTests`).
@Suite("sdist sandbox command lines")
struct SdistSandboxTests {
    static let work = URL(fileURLWithPath: "/tmp/quarantine/build-1")

    @Test("a build: read-only system, all namespaces unshared (no network), cleared environment, one writable directory")
    func buildCommand() {
        let sandbox = SdistSandbox(python: "/venv/bin/python", isolation: .bubblewrap("/usr/bin/bwrap"))
        let command = sandbox.confined(["/venv/bin/python", "-m", "pip", "wheel"], writable: [Self.work], network: false,
                                       environment: ["HOME": Self.work.path])
        #expect(command.first == "/usr/bin/bwrap")
        #expect(command.starts(with: ["/usr/bin/bwrap", "--ro-bind", "/", "/"]))
        #expect(command.contains("--unshare-all") && command.contains("--clearenv") && command.contains("--die-with-parent"))
        #expect(!command.contains("--share-net"))
        let bind = command.firstIndex(of: "--bind")
        #expect(bind.map { Array(command[$0...($0 + 2)]) } == ["--bind", Self.work.path, Self.work.path])
        #expect(Array(command.suffix(5)) == ["--", "/venv/bin/python", "-m", "pip", "wheel"])
    }

    @Test("a build does not see home directories or /tmp; the interpreter's directories are mounted back read-only")
    func hiding() throws {
        var sandbox = SdistSandbox(python: "/tmp/project/venv/bin/python", isolation: .bubblewrap("/usr/bin/bwrap"))
        sandbox.interpreterPaths = [FileManager.default.temporaryDirectory.path]
        let command = sandbox.confined(["python"], writable: [Self.work], network: false, environment: [:], hiding: SdistSandbox.hiddenFromBuilds)
        let tmpfs = try #require(command.firstIndex(of: "/tmp").map { command[$0 - 1] })
        #expect(tmpfs == "--tmpfs")
        let remount = try #require(command.lastIndex(of: "--ro-bind"))
        #expect(command[remount + 1] == FileManager.default.temporaryDirectory.path)
        #expect(remount < command.firstIndex(of: "--bind")!, "the writable build directory is mounted last")
    }

    @Test("a resolution keeps the network and passes pip's settings through")
    func resolutionCommand() {
        let sandbox = SdistSandbox(python: "python3", isolation: .bubblewrap("/usr/bin/bwrap"))
        let environment = SdistSandbox.resolutionEnvironment(scratch: Self.work, from: [
            "PIP_INDEX_URL": "https://ci:secret@pypi.acme.example/simple/", "PATH": "/usr/bin", "HOME": "/root", "AWS_SECRET_ACCESS_KEY": "x",
        ])
        #expect(environment["PIP_INDEX_URL"] == "https://ci:secret@pypi.acme.example/simple/")
        #expect(environment["AWS_SECRET_ACCESS_KEY"] == nil, "only pip's settings go in")
        #expect(environment["TMPDIR"] == Self.work.path)
        let command = sandbox.confined(["python3", "-m", "pip", "install"], writable: [Self.work], network: true, environment: environment)
        #expect(command.contains("--share-net"))
        #expect(command.contains("PIP_INDEX_URL"))
    }

    @Test("without bwrap nothing is built (fail closed), unless the unsafe mode was asked for by name")
    func locate() {
        let missing = SdistSandbox.locate(python: "python3", allowUnsandboxed: false, environment: ["PATH": "/nonexistent"])
        #expect(missing.isolation == nil)
        #expect(missing.unavailableReason?.contains("bubblewrap (bwrap) is not installed") == true)
        guard case .failure(let error) = missing.build(URL(fileURLWithPath: "/tmp/none-1.0.tar.gz"), into: Self.work) else {
            Issue.record("a build ran without a sandbox")
            return
        }
        #expect(error.kind == .toolMissing)
        let unsafe = SdistSandbox.locate(python: "python3", allowUnsandboxed: true, environment: ["PATH": "/nonexistent"])
        #expect(unsafe.isolation == .unsafeNone)
        #expect(unsafe.confined(["python3"], writable: [], network: false, environment: [:]) == ["python3"])
    }
}
