import ArgumentParser
import Testing
@testable import TollgateCLI

/// `VerifyBundleCommand.fastParse` (the start-up shortcut for a plain `verify-bundle`) gives exactly
/// what ArgumentParser gives, or declines so that ArgumentParser parses (and reports errors) as before.
@Suite("verify-bundle fast argument parsing")
struct VerifyBundleFastParseTests {
    static let id = ["--certificate-identity", "https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1",
                     "--certificate-oidc-issuer", "https://token.actions.githubusercontent.com"]

    static let accepted: [[String]] = [
        ["verify-bundle", "--bundle", "b.sigstore.json"] + id + ["a.txt"],
        ["verify-bundle", "a.txt", "--bundle", "b.sigstore.json"] + id,
        ["verify-bundle", "--bundle", "b.json", "--certificate-identity-regexp", "^https://.*$",
         "--certificate-oidc-issuer-regexp", ".*", "sha256:" + String(repeating: "ab", count: 32)],
        ["verify-bundle", "--bundle", "b.json", "--key", "k.pem", "a.txt"],
        ["verify-bundle", "--staging", "--bundle", "b.json", "--format", "json"] + id + ["a.txt"],
        ["verify-bundle", "--trusted-root", "tr.json", "--bundle", "b.json", "--format", "text", "a.txt"] + id,
        ["verify-bundle", "--batch", "list.txt"] + id,
        ["verify-bundle", "--batch", "list.txt", "--certificate-oidc-issuer", "https://accounts.google.com"],
    ]

    static let declined: [[String]] = [
        ["verify-bundle", "--help"],
        ["verify-bundle", "-h"],
        ["verify-bundle", "--bundle=b.json"] + id + ["a.txt"],
        ["verify-bundle", "--bundle", "b.json", "--bundle", "c.json"] + id + ["a.txt"],
        ["verify-bundle", "--bundle", "b.json", "--output", "report.txt"] + id + ["a.txt"],
        ["verify-bundle", "--bundle", "b.json", "-o", "report.txt"] + id + ["a.txt"],
        ["verify-bundle", "--bundle", "b.json", "--format", "yaml"] + id + ["a.txt"],
        ["verify-bundle", "--bundle", "b.json", "a.txt", "b.txt"] + id,
        ["verify-bundle", "--bundle", "b.json", "a.txt"],
        ["verify-bundle", "--bundle", "b.json", "--key", "k.pem", "a.txt"] + id,
        ["verify-bundle", "--staging", "--trusted-root", "tr.json", "--bundle", "b.json", "a.txt"] + id,
        ["verify-bundle", "--batch", "list.txt", "--bundle", "b.json"] + id,
        ["verify-bundle", "--bundle", "-", "a.txt"] + id,
        ["verify-bundle", "--bundle", "b.json", "-"] + id,
        ["verify-bundle", "--bundle", "b.json", "--", "a.txt"] + id,
        ["verify-bundle", "--bundle", "b.json", "help"] + id,
        ["verify-bundle", "--bundle"],
        ["verify-bundle", "--version"],
        ["verify", "--bundle", "b.json", "a.txt"],
        ["help", "verify-bundle"],
        [],
    ]

    @Test("an accepted argument vector parses as ArgumentParser parses it", arguments: accepted)
    func sameAsArgumentParser(arguments: [String]) throws {
        let fast = try #require(VerifyBundleCommand.fastParse(arguments))
        let slow = try #require(try TollgateCommand.parseAsRoot(arguments) as? VerifyBundleCommand)
        #expect(fast.staging == slow.staging)
        #expect(fast.bundle == slow.bundle)
        #expect(fast.identity.identity == slow.identity.identity)
        #expect(fast.identity.identityRegexp == slow.identity.identityRegexp)
        #expect(fast.identity.issuer == slow.identity.issuer)
        #expect(fast.identity.issuerRegexp == slow.identity.issuerRegexp)
        #expect(fast.key == slow.key)
        #expect(fast.trustedRoot == slow.trustedRoot)
        #expect(fast.batch == slow.batch)
        #expect(fast.output.requestedFormat == slow.output.requestedFormat)
        #expect(fast.output.output == slow.output.output)
        #expect(fast.output.deprecatedOutputFile == slow.output.deprecatedOutputFile)
        #expect(fast.artifact == slow.artifact)
    }

    @Test("anything else is left to ArgumentParser", arguments: declined)
    func declines(arguments: [String]) {
        #expect(VerifyBundleCommand.fastParse(arguments) == nil)
    }
}
