import Foundation
import Testing
import TollgateModel
import TollgatePolicy
@testable import TollgateVerify

/// `install.trustedPublishers[].environment`: the deployment environment is not in the Fulcio
/// certificate; it counts only as the index states it beside the attestation (`IndexPublisher`),
/// and the finding names that index.
@Suite("Install rules: Trusted Publisher environment")
struct PublisherEnvironmentRuleTests {
    static let policy = """
    install:
      requireAttestations: true
      trustedPublishers:
        - packages: ["pkg:pypi/widget"]
          environment: release
          identities:
            - issuer: https://token.actions.githubusercontent.com
              subjectRegExp: "^https://github.com/acme/widget/.+$"
              sourceRepository: github.com/acme/widget
    """

    static func decide(_ publisher: IndexPublisher?, policy: String = policy) throws -> Finding? {
        var evidence = InstallRuleTests.evidence("widget", attestedBy: InstallRuleTests.publisher)
        evidence.install?.attestations[0].indexPublisher = publisher
        let decision = Gate(policy: try InstallRuleTests.parse(policy)).evaluateInstall(evidence, now: InstallRuleTests.now)
        return InstallRuleTests.finding(decision, .installAttestations)
    }

    static func stated(_ environment: String?) -> IndexPublisher {
        IndexPublisher(kind: "GitHub", repository: "acme/widget", workflow: "release.yml", environment: environment,
                       vouchedBy: "https://pypi.org/simple/")
    }

    @Test("the environment parses; an empty one is refused")
    func parses() throws {
        let install = try #require(try InstallRuleTests.parse(Self.policy).install)
        #expect(install.publisherEntries(for: ["pkg:pypi/widget"]).first?.environment == "release")
        #expect(throws: PolicyError.self) {
            try InstallRuleTests.parse(Self.policy.replacingOccurrences(of: "environment: release", with: "environment: \"\""))
        }
    }

    @Test("the environment the index vouches for passes, naming the index")
    func vouched() throws {
        let finding = try #require(try Self.decide(Self.stated("release")))
        #expect(finding.result == .pass)
        #expect(finding.reason.contains("environment release vouched for by the index https://pypi.org/simple/"))
    }

    @Test("another environment, none stated, or no index statement at all is refused", arguments: [
        (Optional(PublisherEnvironmentRuleTests.stated("staging")), "published from environment staging"),
        (Optional(PublisherEnvironmentRuleTests.stated(nil)), "published from environment (none stated)"),
        (nil, "no index vouches for its environment"),
    ] as [(IndexPublisher?, String)])
    func refused(_ publisher: IndexPublisher?, _ reason: String) throws {
        let finding = try #require(try Self.decide(publisher))
        #expect(finding.result == .fail)
        #expect(finding.reason.contains(reason), "\(finding.reason)")
    }

    @Test("an entry that names no environment ignores what the index states")
    func noEnvironmentRequired() throws {
        let finding = try #require(try Self.decide(Self.stated("staging"), policy: Self.policy.replacingOccurrences(of: "      environment: release\n", with: "")))
        #expect(finding.result == .pass)
    }
}
