/// A fixture file for `tollgate policy test DIR`: `*.test.yaml` holding cases against a policy.
///
/// ```yaml
/// policy: policy.yaml          # relative to the fixture file; default policy.yaml beside it
/// now: 2026-06-15T12:00:00Z    # default instant for the cases
/// cases:
///   - name: a signed release is allowed
///     evidence: { ... }
///     expect: { decision: allow, rules: { artifact.signature: pass } }
/// ```
public struct PolicyTestFile: Sendable, Codable, Hashable {
    public var policy: String?
    public var now: String?
    public var cases: [PolicyTestCase]
}
