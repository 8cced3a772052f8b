import Foundation
import Testing
import TollgateModel

/// `--key exec:PROGRAM`: the private key stays in an HSM. A real SoftHSM token (Debian `softhsm2`,
/// driven through OpenSC's `pkcs11-tool`, both installed by scripts/test.sh) holds a P-256 key that
/// never leaves it; the signer program is a shell script over `pkcs11-tool`, as a site would write
/// one for its own token or KMS. Tollgate checks every signature the program returns.
@Suite("External signers: the key never leaves the HSM (SoftHSM through pkcs11-tool)", .serialized)
struct ExternalSignerTests {
    static let module = "/usr/lib/softhsm/libsofthsm2.so"

    struct Token {
        let dir: URL
        func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
    }

    /// A fresh SoftHSM token with one P-256 key pair (id 01), and `signer.sh` speaking Tollgate's protocol.
    static func token() throws -> Token? {
        guard FileManager.default.fileExists(atPath: module),
              FileManager.default.isExecutableFile(atPath: "/usr/bin/pkcs11-tool") else {
            Issue.record("SoftHSM (\(module)) and pkcs11-tool are needed: scripts/test.sh installs softhsm2 and opensc")
            return nil
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-hsm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("tokens"), withIntermediateDirectories: true)
        let token = Token(dir: dir)
        try Data("directories.tokendir = \(token.path("tokens"))\nobjectstore.backend = file\nlog.level = ERROR\n".utf8)
            .write(to: dir.appendingPathComponent("softhsm2.conf"))
        let environment = "export SOFTHSM2_CONF='\(token.path("softhsm2.conf"))'"
        try shell("""
            \(environment)
            softhsm2-util --init-token --free --label tollgate --pin 1234 --so-pin 5678 >/dev/null
            pkcs11-tool --module \(module) --login --pin 1234 --keypairgen --key-type EC:prime256v1 --id 01 --label release >/dev/null 2>&1
            """, in: dir)
        try script("signer.sh", """
            #!/bin/sh
            set -eu
            \(environment)
            work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
            case "${1:-}" in
            public-key)
              pkcs11-tool --module \(module) --read-object --type pubkey --id 01 -o "$work/pub.der" >/dev/null 2>&1
              openssl pkey -pubin -inform DER -in "$work/pub.der" ;;
            sign)
              cat > "$work/message"
              openssl dgst -sha256 -binary "$work/message" > "$work/digest"
              pkcs11-tool --module \(module) --login --pin 1234 --sign --id 01 -m ECDSA -i "$work/digest" -o "$work/sig" >/dev/null 2>&1
              cat "$work/sig" ;;
            *) echo "usage: signer.sh public-key|sign" >&2; exit 2 ;;
            esac
            """, in: token)
        try shell("./signer.sh public-key > hsm.pub", in: dir)
        return token
    }

    static func script(_ name: String, _ text: String, in token: Token) throws {
        try Data(text.utf8).write(to: token.dir.appendingPathComponent(name))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: token.path(name))
    }

    static func shell(_ script: String, in dir: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = dir
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "shell step failed: \(script)"])
        }
    }

    @Test("sign and attest with the HSM key: the signature and envelope verify with its public key, and name its key id")
    func signAndAttest() throws {
        guard let token = try Self.token() else { return }
        let keyID = try PublicKey(pem: String(contentsOf: URL(fileURLWithPath: token.path("hsm.pub")), encoding: .utf8)).keyID
        try Data("acme app 1.0.0\n".utf8).write(to: URL(fileURLWithPath: token.path("app.tar")))

        let signed = try TollgateProcess.run(["sign", "app.tar", "--key", "exec:\(token.path("signer.sh"))", "--format", "json",
                                              "--signature-output", "app.sig"], in: token.dir)
        #expect(signed.status == 0, "\(signed.stderr)")
        let report = (try? JSONSerialization.jsonObject(with: Data(signed.text.utf8))) as? [String: Any] ?? [:]
        #expect(report["keyID"] as? String == keyID)
        #expect(report["algorithm"] as? String == "ecdsa-p256")
        let checked = try TollgateProcess.run(["verify-signature", "app.tar", "--key", "hsm.pub", "--signature", "app.sig"], in: token.dir)
        #expect(checked.status == 0, "\(checked.text) \(checked.stderr)")

        try Data(#"{"note": "built in CI"}"#.utf8).write(to: URL(fileURLWithPath: token.path("predicate.json")))
        let attested = try TollgateProcess.run(["attest", "app.tar", "--predicate-type", "https://example.com/note/v1",
                                                "--predicate", "predicate.json", "--key", "exec:\(token.path("signer.sh"))"], in: token.dir)
        #expect(attested.status == 0, "\(attested.stderr)")
        try Data(attested.text.utf8).write(to: URL(fileURLWithPath: token.path("note.dsse.json")))
        let envelope = (try? JSONSerialization.jsonObject(with: Data(attested.text.utf8))) as? [String: Any] ?? [:]
        #expect((envelope["signatures"] as? [[String: Any]])?.first?["keyid"] as? String == keyID)
        let verified = try TollgateProcess.run(["verify-attestation", "app.tar", "--envelope", "note.dsse.json", "--key", "hsm.pub"],
                                               in: token.dir)
        #expect(verified.status == 0, "\(verified.text) \(verified.stderr)")
    }

    @Test("a signer that returns a signature its key does not verify, fails, or is not executable is refused with exit 4 (environment)")
    func misbehavingSigners() throws {
        guard let token = try Self.token() else { return }
        try Data("acme app 1.0.0\n".utf8).write(to: URL(fileURLWithPath: token.path("app.tar")))
        // Announces the HSM's public key but signs with a software key: its signatures must not pass.
        _ = try TollgateProcess.run(["key", "generate", "--output-prefix", "other", "--unsafe-unencrypted"], in: token.dir)
        try Self.script("impostor.sh", """
            #!/bin/sh
            case "$1" in
            public-key) cat '\(token.path("hsm.pub"))' ;;
            sign) cat > '\(token.path("message"))'; openssl dgst -sha256 -sign '\(token.path("other.key"))' '\(token.path("message"))' ;;
            esac
            """, in: token)
        try Self.script("locked.sh", """
            #!/bin/sh
            case "$1" in
            public-key) cat '\(token.path("hsm.pub"))' ;;
            sign) cat >/dev/null; echo "CKR_PIN_LOCKED: the token's user PIN is locked" >&2; exit 1 ;;
            esac
            """, in: token)
        try Data("not a program".utf8).write(to: URL(fileURLWithPath: token.path("plain.txt")))

        let impostor = try TollgateProcess.run(["sign", "app.tar", "--key", "exec:\(token.path("impostor.sh"))"], in: token.dir)
        #expect(impostor.status == 4)
        #expect(impostor.stderr.contains("does not verify with its public key"))
        #expect(impostor.text.isEmpty)
        let locked = try TollgateProcess.run(["sign", "app.tar", "--key", "exec:\(token.path("locked.sh"))"], in: token.dir)
        #expect(locked.status == 4)
        #expect(locked.stderr.contains("CKR_PIN_LOCKED"))
        let plain = try TollgateProcess.run(["sign", "app.tar", "--key", "exec:\(token.path("plain.txt"))"], in: token.dir)
        #expect(plain.status == 4)
        #expect(plain.stderr.contains("not an executable file"))
    }
}
