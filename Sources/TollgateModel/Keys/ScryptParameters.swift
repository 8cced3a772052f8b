/// scrypt cost parameters (RFC 7914 §2) for encrypting private keys at rest.
public struct ScryptParameters: Sendable, Hashable {
    /// CPU/memory cost N (a power of two).
    public var cost: Int
    /// Block size r.
    public var blockSize: Int
    /// Parallelization p.
    public var parallelization: Int

    public init(cost: Int, blockSize: Int, parallelization: Int) {
        self.cost = cost
        self.blockSize = blockSize
        self.parallelization = parallelization
    }

    /// N = 2^15, r = 8, p = 1: 32 MiB and about a tenth of a second, RFC 7914 §2's interactive setting.
    public static let `default` = ScryptParameters(cost: 1 << 15, blockSize: 8, parallelization: 1)

    /// Upper bounds accepted when *reading* a key, so a hostile key file cannot demand gigabytes
    /// of memory or minutes of CPU: N ≤ 2^20, r ≤ 16, p ≤ 4, and 128·N·r·p ≤ 1 GiB.
    func validateForDecryption() throws(ModelError) {
        guard cost > 1, cost & (cost - 1) == 0, cost <= 1 << 20 else {
            throw ModelError(.invalidKey, "scrypt cost N=\(cost) must be a power of two between 2 and 2^20")
        }
        guard (1...16).contains(blockSize), (1...4).contains(parallelization) else {
            throw ModelError(.invalidKey, "scrypt r=\(blockSize), p=\(parallelization) out of range (r ≤ 16, p ≤ 4)")
        }
        guard 128 * cost * blockSize * parallelization <= 1 << 30 else {
            throw ModelError(.invalidKey, "scrypt parameters need more than 1 GiB of memory")
        }
    }
}
