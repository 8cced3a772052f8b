import Testing
import TollgateAdmission

@Suite("Admission configuration file")
struct AdmissionConfigTests {
    @Test("the documented example parses: modes, policies, exclusions, deadline, cache, registry evidence")
    func example() throws {
        let yaml = """
            apiVersion: tollgate.dev/v1
            kind: AdmissionConfig
            cluster: prod-eu-1
            environment: production
            policy: production
            mode: enforce
            deadlineMilliseconds: 1500
            cacheSeconds: 60
            registryEvidence: true
            exclude: [kube-system, tollgate-system]
            namespaces:
              staging: { mode: warn, policy: staging }
              sandbox: { mode: audit }
            """
        let config = try AdmissionConfig(yaml: Array(yaml.utf8))
        #expect(config.cluster == "prod-eu-1")
        #expect(config.deadline == .milliseconds(1500))
        #expect(config.cacheLifetime == .seconds(60))
        #expect(config.registryEvidence)
        #expect(config.settings(for: "kube-system") == nil)
        #expect(config.settings(for: "staging")! == (.warn, "staging"))
        #expect(config.settings(for: "sandbox")! == (.audit, "production"))
        #expect(config.settings(for: "anything-else")! == (.enforce, "production"), "every namespace not named is enforced")
    }

    @Test("a typo, a bad mode, a missing policy or an out-of-range deadline is refused, naming what is wrong", arguments: [
        ("apiVersion: tollgate.dev/v1\nkind: AdmissionConfig\npolicy: p\nexlude: [default]\n", "unknown key 'exlude'"),
        ("apiVersion: tollgate.dev/v1\nkind: AdmissionConfig\npolicy: p\nmode: off\n", "must be enforce, warn or audit"),
        ("apiVersion: tollgate.dev/v1\nkind: AdmissionConfig\nmode: warn\n", "policy (the default policy's name) is required"),
        ("apiVersion: tollgate.dev/v1\nkind: AdmissionConfig\npolicy: p\ndeadlineMilliseconds: 60000\n", "deadlineMilliseconds must be"),
        ("apiVersion: tollgate.dev/v1\nkind: AdmissionConfig\npolicy: p\nnamespaces: { a: { mode: warn, skip: true } }\n", "unknown key 'skip'"),
        ("kind: Policy\n", "apiVersion must be tollgate.dev/v1"),
    ])
    func refused(_ yaml: String, _ message: String) {
        #expect {
            _ = try AdmissionConfig(yaml: Array(yaml.utf8))
        } throws: { error in
            (error as? AdmissionError)?.kind == .invalidConfiguration && (error as? AdmissionError)?.reason.contains(message) == true
        }
    }
}
