import Testing
import TollgateModel
import TollgatePolicy

@Suite("Patterns and SPDX expressions")
struct PatternTests {
    @Test("glob patterns match repositories, refs and builders", arguments: [
        ("github.com/acme/*", "github.com/acme/app", true),
        ("github.com/acme/*", "github.com/acme/app/sub", false),
        ("github.com/acme/**", "github.com/acme/app/sub", true),
        ("refs/tags/v*", "refs/tags/v1.2.0", true),
        ("refs/tags/v*", "refs/heads/main", false),
        ("refs/tags/v?.*", "refs/tags/v1.2", true),
        ("exact", "exact", true),
        ("exact", "exactly", false),
        ("*", "", true),
    ])
    func glob(_ pattern: String, _ text: String, _ expected: Bool) {
        #expect(GlobPattern(pattern).matches(text) == expected)
    }

    @Test("regular expressions match the whole string")
    func regexWhole() throws {
        let regex = try #require(RegexPattern("https://github.com/acme/.+"))
        #expect(regex.matches("https://github.com/acme/app"))
        #expect(!regex.matches("xhttps://github.com/acme/app"))
        #expect(RegexPattern("(") == nil)
    }

    @Test("parses SPDX expressions with AND, OR, WITH and parentheses", arguments: [
        ("MIT", "MIT"),
        ("MIT OR Apache-2.0", "(MIT OR Apache-2.0)"),
        ("MIT AND Apache-2.0 OR BSD-3-Clause", "((MIT AND Apache-2.0) OR BSD-3-Clause)"),
        ("MIT AND (Apache-2.0 OR BSD-3-Clause)", "(MIT AND (Apache-2.0 OR BSD-3-Clause))"),
        ("GPL-2.0-or-later WITH Classpath-exception-2.0", "GPL-2.0-or-later WITH Classpath-exception-2.0"),
        ("GPL-2.0+", "GPL-2.0+"),
        ("LicenseRef-acme-1", "LicenseRef-acme-1"),
        ("mit or apache-2.0", "(mit OR apache-2.0)"),
    ])
    func spdx(_ text: String, _ expected: String) throws {
        let expression = try SPDXExpression.parse(text).get()
        #expect(expression.description == expected)
    }

    @Test("rejects malformed SPDX expressions with policy.invalid-license-expression and says what it found", arguments: [
        ("", "expected a license id, found the end"),
        ("MIT AND", "expected a license id, found the end"),
        ("(MIT", "expected ')', found the end"),
        ("MIT)", "unexpected ')' after a complete expression"),
        ("MIT WITH", "expected an exception id after WITH, found the end"),
        ("M!T", "'M!T' is not a license id (letters, digits, '-', '.')"),
        ("AND MIT", "expected a license id, found 'AND'"),
    ])
    func spdxInvalid(_ text: String, _ message: String) {
        let error = #expect(throws: PolicyError.self) { _ = try SPDXExpression.parse(text).get() }
        #expect(error?.code == "policy.invalid-license-expression")
        #expect(error?.reason == message)
    }

    @Test("refuses deeply nested SPDX expressions without recursing")
    func spdxDepth() {
        let text = String(repeating: "(", count: 1000) + "MIT" + String(repeating: ")", count: 1000)
        let error = #expect(throws: PolicyError.self) { _ = try SPDXExpression.parse(text).get() }
        #expect(error?.kind == .invalidLicenseExpression)
        #expect(error?.reason == "parentheses nest deeper than \(SPDXExpression.maxDepth)")
    }
}
