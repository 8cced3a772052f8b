/// Digests order as their text does (`sha256:…` by algorithm name, then hex), without building the
/// text: the bytes compare as the lowercase hex of them would. Reports sort thousands of digests.
extension Digest: Comparable {
    public static func < (lhs: Digest, rhs: Digest) -> Bool {
        if lhs.algorithm != rhs.algorithm { return lhs.algorithm.rawValue < rhs.algorithm.rawValue }
        return lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
    }
}
