import Foundation
import TollgateModel

/// A docker credential helper, run as docker runs it (docker-credential-helpers `credentials.go`):
/// `docker-credential-NAME get`, the server URL on standard input, and on standard output either
/// `{"ServerURL": …, "Username": …, "Secret": …}` (exit 0) or an error message (exit 1), where
/// `credentials not found in native keychain` means the helper has nothing for that server.
/// `Username: "<token>"` makes `Secret` an identity token.
///
/// A helper that is not on `PATH`, fails, takes over 30 s, or prints something else is
/// `oci.credential-helper`; its output is quoted only when it is an error message, never a secret.
public struct CredentialHelper: Sendable {
    public static let timeout: TimeInterval = 30
    public static let maxOutput = 64 << 10
    /// docker-credential-helpers' standard "not found" message.
    public static let notFoundMessage = "credentials not found in native keychain"

    public let name: String
    public let searchPath: String?

    public init(name: String, searchPath: String?) {
        self.name = name
        self.searchPath = searchPath
    }

    /// The program's name: `docker-credential-NAME`.
    public var program: String { "docker-credential-" + name }

    /// A helper name cannot reach outside `PATH` (no `/`) or be an option.
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 100 && !name.hasPrefix("-") && !name.hasPrefix(".")
            && name.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) && $0.isASCII || "-_.".unicodeScalars.contains($0) }
    }

    /// The credentials for `serverURL`, or nil when the helper has none.
    public func get(serverURL: String) throws(OCIError) -> RegistryCredentials.Secret? {
        guard let executable = ExecutableSearch.find(program, path: searchPath) else {
            throw OCIError(.credentialHelper, "the docker config names the credential helper '\(name)', but \(program) is not on PATH; install it, or remove it from credHelpers/credsStore")
        }
        let outcome: ChildProcess.Outcome
        do {
            outcome = try ChildProcess.run(executable, ["get"], input: Array((serverURL + "\n").utf8), timeout: Self.timeout, maxOutput: Self.maxOutput)
        } catch .cannotStart(let reason) {
            throw OCIError(.credentialHelper, "cannot run \(executable): \(reason)")
        } catch {
            throw OCIError(.credentialHelper, "\(program) get did not answer for \(serverURL) within \(Int(Self.timeout)) s")
        }
        let stdout = String(decoding: outcome.stdout.prefix(Self.maxOutput), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard outcome.succeeded else {
            if stdout == Self.notFoundMessage { return nil }
            let stderr = String(decoding: outcome.stderr.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let message = stdout.isEmpty ? stderr : String(stdout.prefix(300))
            let how = outcome.exited ? "exit \(outcome.status)" : "killed by signal \(outcome.status)"
            throw OCIError(.credentialHelper, "\(program) get failed for \(serverURL) (\(how))\(message.isEmpty ? "" : ": \(message)")")
        }
        guard outcome.stdout.count <= Self.maxOutput else {
            throw OCIError(.credentialHelper, "\(program) get printed more than \(Self.maxOutput) bytes")
        }
        let value: JSONValue
        do { value = try JSONValue.parse(outcome.stdout, maxBytes: Self.maxOutput, maxDepth: 4) } catch {
            throw OCIError(.credentialHelper, "\(program) get answered for \(serverURL) with something other than JSON ({\"Username\", \"Secret\"})")
        }
        guard let username = value["Username"]?.stringValue, let secret = value["Secret"]?.stringValue else {
            throw OCIError(.credentialHelper, "\(program) get answered for \(serverURL) without the strings Username and Secret")
        }
        if username.isEmpty && secret.isEmpty { return nil }
        if username == "<token>" { return .identityToken(secret) }
        return .basic(.init(username: username, password: secret))
    }
}
