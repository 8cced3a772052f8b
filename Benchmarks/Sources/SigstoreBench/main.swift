// SigstoreBench: in-process cost of verifying Sigstore bundles on one core, against the
// signature-math floor (the P-384 leaf-certificate check plus the P-256 checks a bundle needs).
//
//   swift build -c release --package-path Benchmarks --product SigstoreBench
//   Benchmarks/.build/release/SigstoreBench CONFORMANCE_DIR [ITERATIONS]
//
//   Benchmarks/.build/release/SigstoreBench tollgate verify-bundle ...   (the CLI, in release)
//
// CONFORMANCE_DIR is Tests/TollgateSigstoreTests/Fixtures/conformance. Prints medians over
// 15 rounds of ITERATIONS verifications each, in process CPU time (run it pinned: taskset -c 0).
import Crypto
import Foundation
import TollgateCLI
import TollgateSigstore
import X509

let arguments = CommandLine.arguments
// `SigstoreBench tollgate ARGS...` runs the release-built `tollgate` command line in this process
// (the same TollgateCLI code as `.build/release/tollgate`), so the whole-process benchmark needs
// no second release build of the full stack.
if arguments.count >= 2 && arguments[1] == "tollgate" {
    await TollgateCommand.runAndExit(arguments: Array(arguments.dropFirst(2)))
}
guard arguments.count >= 2 else {
    print("usage: SigstoreBench CONFORMANCE_DIR [ITERATIONS]")
    exit(2)
}
let base = URL(fileURLWithPath: arguments[1])
let iterations = arguments.count > 2 ? Int(arguments[2]) ?? 500 : 500
let rounds = 15
let identity = "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main"
let issuer = "https://token.actions.githubusercontent.com"

func bytes(_ relative: String) -> [UInt8] {
    guard let data = try? Data(contentsOf: base.appendingPathComponent(relative)) else {
        print("cannot read \(relative)")
        exit(3)
    }
    return [UInt8](data)
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

/// CPU time of this process in ns: robust against other jobs sharing the machine (the shared
/// 2-core box is rarely idle), unlike wall time.
func cpuNanoseconds() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
    return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
}

/// Runs `body` ITERATIONS times per round and returns the median per-call CPU cost in µs.
func measure(_ body: () async -> Void) async -> Double {
    for _ in 0..<max(10, iterations / 10) { await body() }
    var samples: [Double] = []
    for _ in 0..<rounds {
        let start = cpuNanoseconds()
        for _ in 0..<iterations { await body() }
        let elapsed = cpuNanoseconds() - start
        samples.append(Double(elapsed) / Double(iterations) / 1000)
    }
    return median(samples)
}

let root: TrustedRoot
do { root = try TrustedRoot(json: bytes("trusted_root.production.json")) } catch {
    print("trusted root: \(error)")
    exit(3)
}
let verifier = SigstoreVerifier(trustedRoot: root, options: VerificationOptions(now: { Date(timeIntervalSince1970: 1_790_000_000) }))
let policy = try IdentityPolicy.certificate(subject: identity, issuer: issuer)
let artifact = Artifact(bytes: bytes("cases/a.txt"), filename: "a.txt")

let rootLoad = await measure {
    _ = try? TrustedRoot(json: bytes("trusted_root.production.json"))
}
print("trusted root load (parse + CA chain checks): \(String(format: "%.1f", rootLoad)) µs")

for name in ["happy-path-v0.3", "happy-path-intoto-in-dsse-v3"] {
    let json = bytes("cases/\(name)/bundle.sigstore.json")
    let parsed = try UnverifiedBundle(json: json)
    guard case .verified = await verifier.verify(parsed, artifact: artifact, policy: policy) else {
        print("\(name) does not verify")
        exit(1)
    }
    let verifyOnly = await measure { _ = await verifier.verify(parsed, artifact: artifact, policy: policy) }
    let parseAndVerify = await measure {
        guard let bundle = try? UnverifiedBundle(json: json) else { return }
        _ = await verifier.verify(bundle, artifact: artifact, policy: policy)
    }
    let parseOnly = await measure { _ = try? UnverifiedBundle(json: json) }

    // The floor: exactly the signature checks this bundle needs, with pre-parsed keys.
    guard case .certificate(let leaf, _, _) = parsed.material,
          let intermediate = root.certificateAuthorities.flatMap(\.chain).first(where: { $0.subject == leaf.issuer }),
          let leafKey = P256.Signing.PublicKey(leaf.publicKey),
          let rekorKey = root.transparencyLogs.first.flatMap(\.key).flatMap(P256.Signing.PublicKey.init) else {
        print("cannot set up the floor for \(name)")
        exit(1)
    }
    let p256Signature = try P256.Signing.ECDSASignature(derRepresentation: parsed.content.signatureBytes)
    let digest = SHA256.hash(data: [UInt8]("floor".utf8))
    // 1 P-384 (leaf certificate) + 4 P-256 (artifact or DSSE, SET, checkpoint, SCT). The P-256
    // checks run on a fixed signature/digest: the cost of an ECDSA verify does not depend on
    // whether it succeeds.
    let floor = await measure {
        _ = intermediate.publicKey.isValidSignature(leaf.signature, for: leaf)
        _ = leafKey.isValidSignature(p256Signature, for: digest)
        _ = rekorKey.isValidSignature(p256Signature, for: digest)
        _ = rekorKey.isValidSignature(p256Signature, for: digest)
        _ = rekorKey.isValidSignature(p256Signature, for: digest)
    }
    func f(_ value: Double) -> String { String(format: "%.1f", value) }
    func r(_ value: Double) -> String { String(format: "%.2f", value) }
    print("\(name): verify \(f(verifyOnly)) µs, parse+verify \(f(parseAndVerify)) µs, parse \(f(parseOnly)) µs, floor \(f(floor)) µs, verify/floor \(r(verifyOnly / floor))×, (parse+verify)/floor \(r(parseAndVerify / floor))×")
}
