import Foundation

/// Python's `http.server` on 127.0.0.1, serving a directory, with its request log: the loopback
/// repository of the `tuf-client` tests (the tuf-conformance suite also serves with Python).
final class LoopbackFileServer: @unchecked Sendable {
    private let process = Process()
    private let logURL: URL
    /// `http://127.0.0.1:PORT`.
    let url: String

    /// `script`: a Python server script taking `root` and `extra` arguments and printing
    /// "… port N" as http.server does (the install tests' fake registry), instead of http.server.
    init(root: URL, script: URL? = nil, extra: [String] = []) throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("loopback-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let outURL = scratch.appendingPathComponent("out")
        logURL = scratch.appendingPathComponent("log")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        if let script {
            process.arguments = ["python3", "-u", script.path, root.path] + extra
        } else {
            process.arguments = ["python3", "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", root.path]
        }
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: logURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var port: String?
        for _ in 0..<200 where port == nil {
            let text = String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self)
            if let range = text.range(of: #"port [0-9]+"#, options: .regularExpression) {
                port = String(text[range].dropFirst(5))
            } else {
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        guard let port else {
            kill(process.processIdentifier, SIGKILL)
            throw CommandWorld.WorldError(description: "python3 -m http.server did not start")
        }
        url = "http://127.0.0.1:\(port)"
    }

    /// The paths requested so far, in order, with their status: `GET /metadata/2.root.json 404`.
    var requests: [String] {
        let text = String(decoding: (try? Data(contentsOf: logURL)) ?? Data(), as: UTF8.self)
        return text.split(separator: "\n").compactMap { line in
            guard let start = line.range(of: "\"GET ")?.upperBound, let end = line[start...].range(of: " HTTP/") else { return nil }
            let status = line[end.upperBound...].split(separator: " ").dropFirst().first ?? ""
            return "GET \(line[start..<end.lowerBound]) \(status)"
        }
    }

    /// SIGKILL: the test runner's threads block SIGTERM, and a child started from them inherits that mask.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
