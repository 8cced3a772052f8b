import ArgumentParser
import AsyncHTTPClient
import Foundation
import TollgateModel
import TollgateSigstore

/// `--keyless` and its settings, shared by every command that signs (`sign`, `attest`): sign with
/// an ephemeral key certified by Fulcio for the caller's OIDC identity and logged in Rekor, and
/// write a Sigstore bundle (docs/sigstore.md, "Signing keylessly").
///
/// The identity token is `--identity-token`, else `$SIGSTORE_ID_TOKEN`, else, in GitHub Actions,
/// the job's own token for the audience `sigstore`.
///
/// `Names` spells the trusted-root option: `--trusted-root` everywhere (``StandardKeylessOptions``), except
/// where a command already has a `--trusted-root` of its own meaning (`audit`, whose names the root its
/// gitsign signatures verify against): there it is `--keyless-trusted-root` (``AuditKeylessNames``).
struct KeylessOptions<Names: KeylessOptionNames>: ParsableArguments, Sendable {
    static var tokenVariable: String { "SIGSTORE_ID_TOKEN" }

    @Flag(name: .customLong("keyless"),
          help: "Sign keylessly through Sigstore (Fulcio certificate for your OIDC identity, Rekor log entry) and print a Sigstore bundle, instead of --key.")
    var keyless = false

    @Option(name: .customLong("identity-token"),
            help: ArgumentHelp("--keyless: the OIDC identity token (default: $SIGSTORE_ID_TOKEN, else the GitHub Actions job's token).", valueName: "jwt"))
    var identityToken: String?

    @Option(name: .customLong("fulcio-url"), help: ArgumentHelp("--keyless: the Fulcio certificate authority.", valueName: "url"))
    var fulcioURL: String = KeylessSigner.publicGoodFulcio

    @Option(name: .customLong("rekor-url"), help: ArgumentHelp("--keyless: the Rekor transparency log.", valueName: "url"))
    var rekorURL: String = KeylessSigner.publicGoodRekor

    @Option(name: .customLong(Names.trustedRoot),
            help: ArgumentHelp("--keyless: the trusted_root.json the new bundle must verify against before it is written (default: the shipped public-good root).", valueName: "file"))
    var trustedRoot: String?

    func validate() throws {
        if !keyless {
            let given = [identityToken.map { _ in "--identity-token" }, trustedRoot.map { _ in "--\(Names.trustedRoot)" },
                         fulcioURL == KeylessSigner.publicGoodFulcio ? nil : "--fulcio-url",
                         rekorURL == KeylessSigner.publicGoodRekor ? nil : "--rekor-url"].compactMap { $0 }
            if let first = given.first { throw ValidationError("\(first) is a --keyless setting; add --keyless") }
            return
        }
        for (flag, url) in [("--fulcio-url", fulcioURL), ("--rekor-url", rekorURL)] {
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil else {
                throw ValidationError("\(flag): expected an http(s) URL, found '\(url)'")
            }
        }
    }

    /// Runs `body` with a keyless signer and the caller's identity token (checked: `sub`, `iss`,
    /// audience `sigstore`, not expired).
    func withSigner<T: Sendable>(_ body: (KeylessSigner, OIDCIdentityToken) async throws -> T) async throws -> T {
        let root: TrustedRoot = if let trustedRoot {
            try TrustedRoot(json: [UInt8](try InputFile.read(trustedRoot, limit: 8 << 20)))
        } else {
            try TrustedRoot.publicGoodProduction()
        }
        return try await ScopedHTTPClient.with(timeout: .seconds(60)) { client in
            let token = try OIDCIdentityToken(try await rawToken(http: client))
            let signer = KeylessSigner(transport: AsyncHTTPSigstoreTransport(client: client, timeout: .seconds(60)),
                                       fulcioURL: fulcioURL, rekorURL: rekorURL, trustedRoot: root)
            return try await body(signer, token)
        }
    }

    func rawToken(http: HTTPClient, environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> String {
        if let identityToken { return identityToken }
        if let token = environment[Self.tokenVariable], !token.isEmpty { return token }
        if let token = try await ServerOptions.actionsIDToken(audience: OIDCIdentityToken.sigstoreAudience, http: http, environment: environment) {
            return token
        }
        throw SigstoreError(.identityToken, "--keyless needs an OIDC identity token: give --identity-token, set $\(Self.tokenVariable), or run in GitHub Actions with 'id-token: write'")
    }

    /// Prints a bundle: one line (as `.sigstore.json` files hold it), or indented under `--format json`.
    static func write(_ bundle: [UInt8], to out: ReportOutput, pretty: Bool) throws {
        let bytes = pretty ? try JSONValue.parse(bundle).encodedBytes(pretty: true) : bundle
        out.write(Data(bytes + [0x0A]))
    }
}

/// How a command spells ``KeylessOptions``' trusted-root option.
protocol KeylessOptionNames: Sendable {
    /// The long name of the trusted-root option, without the dashes.
    static var trustedRoot: String { get }
}

/// `--trusted-root`: `sign`, `attest`, `rebuild attest`.
enum StandardKeylessNames: KeylessOptionNames {
    static var trustedRoot: String { "trusted-root" }
}

/// `--keyless-trusted-root`: `audit`, whose `--trusted-root` is the gitsign verification root.
enum AuditKeylessNames: KeylessOptionNames {
    static var trustedRoot: String { "keyless-trusted-root" }
}

typealias StandardKeylessOptions = KeylessOptions<StandardKeylessNames>
