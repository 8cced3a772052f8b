import Foundation
import Testing
import TollgateModel
import TollgateSBOM

/// Hostile input never crashes a parser: every fixture is mutated (bytes flipped, truncated,
/// duplicated) with a fixed seed and fed to every lockfile parser and to the SBOM reader. Each
/// call must either return or throw an `SBOMError` / `ModelError`.
@Suite("Robustness against mutated input")
struct RobustnessTests {
    /// A small deterministic PRNG (SplitMix64) so failures reproduce.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let seeds = FixtureLoader.files(under: "lockfiles", suffix: "")
        .filter { !$0.hasSuffix(".md") && !$0.hasSuffix(".expected.json") && !$0.hasSuffix("INDEX.json") }
        + FixtureLoader.files(under: "sbom", suffix: ".json")
        + FixtureLoader.files(under: "pylock", suffix: ".toml")

    static func mutations(of data: Data, seed: UInt64) -> [Data] {
        var rng = SplitMix(state: seed)
        var out: [Data] = [data.prefix(data.count / 2), data + data]
        let interesting: [UInt8] = [0x00, 0x22, 0x27, 0x5B, 0x5D, 0x7B, 0x7D, 0x3A, 0x3D, 0x0A, 0x23, 0x40, 0x25, 0xFF, 0x5C]
        for _ in 0..<6 {
            var bytes = [UInt8](data)
            guard !bytes.isEmpty else { break }
            for _ in 0..<Int.random(in: 1...8, using: &rng) {
                let index = Int.random(in: 0..<bytes.count, using: &rng)
                bytes[index] = interesting.randomElement(using: &rng) ?? 0
            }
            out.append(Data(bytes))
        }
        return out
    }

    static let parsers: [any LockfileParser] = [
        PackageLockParser(), YarnLockParser(), PnpmLockParser(), RequirementsParser(), PoetryLockParser(),
        PipfileLockParser(), UvLockParser(), GoModParser(), CargoLockParser(), GemfileLockParser(),
        ComposerLockParser(), PackageResolvedParser(), PylockParser(),
    ]

    @Test("mutated fixtures are parsed or refused, never crash", arguments: seeds)
    func mutated(fixture: String) throws {
        let original = try FixtureLoader.data(fixture)
        for (index, input) in Self.mutations(of: original, seed: UInt64(truncatingIfNeeded: fixture.hashValue & 0xFFFF) &+ 1).enumerated() {
            for parser in Self.parsers {
                do {
                    _ = try parser.parse(input, path: fixture)
                } catch {
                    #expect(!error.code.isEmpty, "mutation \(index)")
                }
            }
            do {
                _ = try SBOMReader.read(data: input, filename: fixture)
            } catch {
                #expect(error.code.hasPrefix("sbom."), "mutation \(index)")
            }
        }
    }

    @Test("random purl strings are parsed or refused, never crash")
    func purls() {
        var rng = SplitMix(state: 42)
        let alphabet = Array("pkg:/@?#&=%.+-_~abcXYZ019 \u{e9}")
        for _ in 0..<5_000 {
            let length = Int.random(in: 0...40, using: &rng)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &rng) ?? "a" })
            if let purl = try? PackageURL(parsing: text) {
                // Anything accepted round-trips through its canonical form.
                #expect((try? PackageURL(parsing: purl.description)) == purl, "\(text)")
            }
        }
    }
}
