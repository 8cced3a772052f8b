// CryptoBench: signature verifications per second in-process through Tollgate's PublicKey.verify
// (algorithm policy applied, as in production), for ECDSA P-256, P-384 and Ed25519.
// Compare with `openssl speed ecdsap256 ecdsap384 ed25519` on the same machine (docs/benchmarks.md).
//
//   CryptoBench [SECONDS_PER_ROUND] [ROUNDS]     defaults: 1 s, 5 rounds; prints the median rate
import Foundation
import TollgateModel

let arguments = Array(CommandLine.arguments.dropFirst())
let roundSeconds = arguments.count > 0 ? Double(arguments[0]) ?? 1 : 1
let rounds = arguments.count > 1 ? Int(arguments[1]) ?? 5 : 5

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

// openssl speed signs and verifies a 20-byte (ECDSA) or short message; use a 32-byte message here.
let message = [UInt8](repeating: 0x5A, count: 32)
print("verifications per second, median of \(rounds) rounds of \(roundSeconds) s (message: 32 bytes)")
for algorithm in [KeyAlgorithm.ecdsaP256, .ecdsaP384, .ed25519] {
    let key = try PrivateKey.generate(algorithm)
    let publicKey = key.publicKey
    let signature = try key.sign(message)
    precondition(publicKey.verify(signature: signature, message: message).isValid)
    var rates: [Double] = []
    for _ in 0..<rounds {
        var count = 0
        let start = now()
        var elapsed = 0.0
        while elapsed < roundSeconds {
            for _ in 0..<64 {
                if !publicKey.verify(signature: signature, message: message).isValid { fatalError("verify failed") }
            }
            count += 64
            elapsed = now() - start
        }
        rates.append(Double(count) / elapsed)
    }
    let name = algorithm.name.padding(toLength: 11, withPad: " ", startingAt: 0)
    print(name + String(format: " %10.0f verify/s", median(rates)))
}
