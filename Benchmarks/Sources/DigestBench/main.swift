// DigestBench: `tollgate digest` (the real command, in-process) against `openssl dgst -sha256` on the
// same file, alternating runs, medians reported. See docs/benchmarks.md.
//
//   DigestBench FILE [RUNS]        both, RUNS (default 5) each, prints medians and the ratio
//   DigestBench --tollgate FILE    one `tollgate digest FILE` run only (for /usr/bin/time -v peak RSS)
import Foundation
import TollgateCLI
import TollgateModel

func seconds(_ body: () async throws -> Void) async rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try await body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func runOpenSSL(_ path: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["openssl", "dgst", "-sha256", path]
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw CLIError(.usage, "openssl failed") }
}

func tollgateDigest(_ path: String) async throws {
    // Stdout is redirected by the caller; the command prints one line.
    let status = await TollgateCommand.run(arguments: ["digest", path])
    guard status == 0 else { throw CLIError(.usage, "tollgate digest exited \(status)") }
}

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "--tollgate", arguments.count == 2 {
    let elapsed = try await seconds { try await tollgateDigest(arguments[1]) }
    FileHandle.standardError.write(Data("tollgate digest: \(String(format: "%.3f", elapsed)) s\n".utf8))
    exit(0)
}
guard let path = arguments.first else {
    FileHandle.standardError.write(Data("usage: DigestBench FILE [RUNS] | DigestBench --tollgate FILE\n".utf8))
    exit(2)
}
let runs = arguments.count > 1 ? Int(arguments[1]) ?? 5 : 5
let size = Double((try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)

// Silence the command's stdout line during timing; keep stderr for errors.
let savedStdout = dup(STDOUT_FILENO)
let devNull = open("/dev/null", O_WRONLY)

var tollgate: [Double] = []
var openssl: [Double] = []
// One warm-up of each so both read the file from the page cache.
dup2(devNull, STDOUT_FILENO)
try runOpenSSL(path)
try await tollgateDigest(path)
for _ in 0..<runs {
    openssl.append(try await seconds { try runOpenSSL(path) })
    tollgate.append(try await seconds { try await tollgateDigest(path) })
}
dup2(savedStdout, STDOUT_FILENO)

let gb = size / 1e9
let t = median(tollgate), o = median(openssl)
print("file: \(path) (\(Int(size)) bytes), \(runs) alternating runs, medians")
print(String(format: "tollgate digest:      %.3f s  %.2f GB/s", t, gb / t))
print(String(format: "openssl dgst -sha256: %.3f s  %.2f GB/s", o, gb / o))
print(String(format: "tollgate / openssl throughput: %.2fx", o / t))
