import Foundation
import Testing
@testable import TollgateAudit

/// The tools signature checks run (git, gpg) fail closed: one that is missing or hangs stops the check with
/// `audit.verifier-unavailable`, it never passes it or hangs the audit.
@Suite struct ToolRunTests {
    @Test("a tool that does not finish is stopped at the timeout and reported")
    func timeout() throws {
        let started = Date()
        #expect(throws: AuditError.self) { try ToolRun.run(["sleep", "30"], limit: 1024, timeout: 0.5) }
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test("a missing tool is verifier-unavailable; output over the limit is too-large; a normal run returns its output")
    func missingAndLimits() throws {
        do {
            _ = try ToolRun.run(["tollgate-no-such-tool"], limit: 1024)
            Issue.record("a missing tool ran")
        } catch {
            #expect(error.kind == .verifierUnavailable)
        }
        do {
            _ = try ToolRun.run(["head", "-c", "4096", "/dev/zero"], limit: 1024)
            Issue.record("output over the limit was accepted")
        } catch {
            #expect(error.kind == .tooLarge)
        }
        let echo = try ToolRun.run(["printf", "ok"], limit: 1024)
        #expect(echo.status == 0 && echo.output == Array("ok".utf8))
    }
}
