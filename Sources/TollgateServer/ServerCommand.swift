import ArgumentParser
import Foundation
import Logging
import TollgateAdmission
import TollgateData
import TollgateModel

/// `tollgate-server` (run as `tollgate serve …`): the REST API, ledger tiles and CI identities over
/// the data directory or a PostgreSQL database (docs/server.md).
public struct ServerCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "tollgate serve",
        abstract: "Serve the gate and the ledger over a REST API (Hummingbird), with API tokens and CI OIDC identities.",
        discussion: """
            The default is the embedded SQLite in ./tollgate-data (create it with `tollgate ledger init`) on 127.0.0.1:8080. \
            With --database postgres://…, several servers share one state; each needs the ledger's signing key (--ledger-key). \
            SIGTERM finishes the requests in flight and exits; /readyz is 200 once the stores and the trusted root are loaded.
            """
    )

    @OptionGroup public var location: DataLocationOptions

    @Option(help: ArgumentHelp("Address to listen on (port 0 picks a free one).", valueName: "host:port"))
    public var listen = "127.0.0.1:8080"

    @Option(name: .customLong("tls-cert"), help: ArgumentHelp("PEM certificate chain for HTTPS (with --tls-key).", valueName: "file"))
    public var tlsCert: String?

    @Option(name: .customLong("tls-key"), help: ArgumentHelp("PEM private key for HTTPS.", valueName: "file"))
    public var tlsKey: String?

    @Option(name: .customLong("tls-client-ca"), help: ArgumentHelp("PEM CA whose client certificates may call POST /v1/admission (the Kubernetes API server's); needs --tls-cert.", valueName: "file"))
    public var tlsClientCA: String?

    @Option(name: .customLong("oidc-trust"), help: ArgumentHelp("OIDC trust file: CI issuers, audiences, keys and claim rules → roles.", valueName: "file"))
    public var oidcTrust: String?

    @Option(name: .customLong("trusted-root"), help: ArgumentHelp("Sigstore trusted_root.json (default: the shipped public-good root).", valueName: "file"))
    public var trustedRoot: String?

    @Option(name: .customLong("key"), help: ArgumentHelp("PEM public key that makes key-signed evidence verifiable; repeatable.", valueName: "file"))
    public var keys: [String] = []

    @Option(name: .customLong("db"), help: ArgumentHelp("Advisory database for the gate's scans (default: DIR/advisories.sqlite when present).", valueName: "file"))
    public var advisoryDatabase: String?

    @Option(name: .customLong("advisory-import-dir"), help: ArgumentHelp("Import this directory of OSV *.json advisories into the advisory database whenever its content changes (all or nothing), then re-evaluate.", valueName: "dir"))
    public var advisoryImportDirectory: String?

    @Option(name: .customLong("advisory-import-interval"), help: ArgumentHelp("Seconds between checks of --advisory-import-dir.", valueName: "seconds"))
    public var advisoryImportInterval = 300

    @Option(name: .customLong("max-body"), help: "Largest request body in bytes.")
    public var maxBody = 16 << 20

    @Option(name: .customLong("request-timeout"), help: "Seconds a request may take before it is answered 503.")
    public var requestTimeout = 30

    @Option(name: .customLong("rate"), help: "Sustained requests per second per principal (per address when anonymous).")
    public var rate: Double = 50

    @Option(name: .customLong("burst"), help: "Requests a principal may send at once above the sustained rate.")
    public var burst = 200

    @Option(name: .customLong("cors-origin"), help: ArgumentHelp("Allow cross-origin requests from this one origin (default: no CORS).", valueName: "origin"))
    public var corsOrigin: String?

    @Option(name: .customLong("admission-config"), help: ArgumentHelp("Kubernetes admission configuration: cluster, namespace policies and modes, exclusions (enables POST /v1/admission).", valueName: "file"))
    public var admissionConfig: String?

    @Option(name: .customLong("alert-webhook"), help: ArgumentHelp("POST each alert as JSON to this URL; repeatable.", valueName: "url"))
    public var alertWebhooks: [String] = []

    @Option(name: .customLong("alert-slack"), help: ArgumentHelp("POST each alert to this Slack-compatible incoming webhook; repeatable.", valueName: "url"))
    public var alertSlack: [String] = []

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    public var logLevel = "info"

    public init() {}

    public func validate() throws {
        if (tlsCert == nil) != (tlsKey == nil) { throw ValidationError("--tls-cert and --tls-key go together") }
        if tlsClientCA != nil && tlsCert == nil { throw ValidationError("--tls-client-ca needs --tls-cert and --tls-key") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level: unknown level '\(logLevel)'") }
        guard maxBody > 0, requestTimeout > 0, rate > 0, burst > 0 else {
            throw ValidationError("--max-body, --request-timeout, --rate and --burst must be positive")
        }
        _ = try Self.hostAndPort(listen)
        guard advisoryImportInterval > 0 else { throw ValidationError("--advisory-import-interval must be positive") }
        if let directory = advisoryImportDirectory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("--advisory-import-dir: '\(directory)' is not a directory")
            }
        }
    }

    static func sink(_ format: AlertSink.Format, _ url: String) throws -> AlertSink {
        guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host != nil else {
            throw ValidationError("--alert-\(format == .slack ? "slack" : "webhook"): expected an http(s) URL")
        }
        return AlertSink(format: format, url: url)
    }

    /// `HOST:PORT` or `[IPv6]:PORT`.
    static func hostAndPort(_ text: String) throws -> (String, Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            throw ValidationError("--listen: expected HOST:PORT, found '\(text)'")
        }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw ValidationError("--listen: expected HOST:PORT, found '\(text)'") }
        return (host, port)
    }

    /// The configuration these options describe.
    public func serverConfiguration() throws -> ServerConfiguration {
        var configuration = ServerConfiguration(location: location.location)
        (configuration.host, configuration.port) = try Self.hostAndPort(listen)
        configuration.tlsCertificate = tlsCert
        configuration.tlsKey = tlsKey
        configuration.tlsClientCA = tlsClientCA
        configuration.oidcTrust = try oidcTrust.map(OIDCTrust.load)
        configuration.trustedRoot = trustedRoot
        configuration.keyFiles = keys
        configuration.advisoryDatabase = advisoryDatabase
        configuration.advisoryImportDirectory = advisoryImportDirectory
        configuration.advisoryImportInterval = .seconds(advisoryImportInterval)
        configuration.limits.maxBodyBytes = maxBody
        configuration.limits.requestTimeout = .seconds(requestTimeout)
        configuration.limits.requestsPerSecond = rate
        configuration.limits.burst = burst
        configuration.corsOrigin = corsOrigin
        configuration.admission = try admissionConfig.map { path throws(AdmissionError) in try AdmissionConfig(contentsOf: path) }
        configuration.alertSinks = try alertWebhooks.map { try Self.sink(.webhook, $0) } + alertSlack.map { try Self.sink(.slack, $0) }
        return configuration
    }

    public func run() async throws {
        var logger = Logger(label: "tollgate.server")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let server = try await APIServer.start(try serverConfiguration(), logger: logger)
        // One line on standard output, for scripts and tests that start the server on port 0.
        let scheme = tlsCert == nil ? "http" : "https"
        FileHandle.standardOutput.write(Data("tollgate-server listening on \(scheme)://\(server.address)\n".utf8))
        try await server.wait()
    }

    /// Runs the command line and returns the exit status; errors print `error[CODE]: REASON`.
    public static func run(arguments: [String]) async -> Int32 {
        do {
            let command = try parse(arguments) as ServerCommand
            try await command.run()
            return ExitStatus.success.rawValue
        } catch let error as any TollgateError {
            FileHandle.standardError.write(Data("error[\(error.code)]: \(error.reason)\n".utf8))
            return error.exitStatus.rawValue
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                FileHandle.standardOutput.write(Data((fullMessage(for: error) + "\n").utf8))
                return ExitStatus.success.rawValue
            }
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                return ExitStatus.usage.rawValue
            }
            FileHandle.standardError.write(Data("error[internal]: \(ErrorText.describe(error))\n".utf8))
            return ExitStatus.environment.rawValue
        }
    }
}
