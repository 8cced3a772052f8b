import Foundation
import Testing
import TollgateAudit

/// SSH-signed Git commits verified against an allowed-signers file, with OpenSSH itself as the oracle:
/// `git commit -S` (gpg.format ssh) signs with `ssh-keygen -Y sign`, `git verify-commit` checks with
/// `ssh-keygen -Y verify`, and Tollgate must agree with both verdicts.
@Suite(.serialized) struct SignedCommitTests {
    struct Repo {
        let root: URL
        let allowedSigners: URL

        @discardableResult
        func run(_ arguments: [String], in directory: URL? = nil) throws -> (Int32, String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = arguments
            process.currentDirectoryURL = directory ?? root
            process.environment = ["HOME": root.path, "PATH": "/usr/bin:/bin", "GIT_CONFIG_NOSYSTEM": "1"]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: data, as: UTF8.self))
        }

        /// A repository with one commit signed by a new key of `keyType`; the key is in the allowed signers.
        init(keyType: String) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-sshsig-\(UUID().uuidString)")
            allowedSigners = root.appendingPathComponent("allowed_signers")
            try FileManager.default.createDirectory(at: root.appendingPathComponent("repo"), withIntermediateDirectories: true)
            let key = root.appendingPathComponent("id").path
            try run(["ssh-keygen", "-q", "-t", keyType, "-N", "", "-C", "release@acme.example", "-f", key])
            let pub = try String(contentsOfFile: key + ".pub", encoding: .utf8).split(separator: " ").prefix(2).joined(separator: " ")
            try Data("release@acme.example namespaces=\"git\" \(pub)\n".utf8).write(to: allowedSigners)
            let repo = root.appendingPathComponent("repo")
            for command in [["git", "init", "-q"], ["git", "config", "user.name", "Release"], ["git", "config", "user.email", "release@acme.example"],
                            ["git", "config", "gpg.format", "ssh"], ["git", "config", "user.signingkey", key + ".pub"],
                            ["git", "config", "gpg.ssh.allowedSignersFile", allowedSigners.path]] {
                try run(command, in: repo)
            }
            try Data("hello\n".utf8).write(to: repo.appendingPathComponent("README"))
            try run(["git", "add", "README"], in: repo)
            let (status, output) = try run(["git", "commit", "-q", "-S", "-m", "signed release"], in: repo)
            guard status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: output]) }
        }

        func commitObject() throws -> [UInt8] {
            Array(try run(["git", "cat-file", "commit", "HEAD"], in: root.appendingPathComponent("repo")).1.utf8)
        }

        func gitVerifies() throws -> Bool { try run(["git", "verify-commit", "HEAD"], in: root.appendingPathComponent("repo")).0 == 0 }

        func signers() throws -> AllowedSigners { AllowedSigners(text: try String(contentsOf: allowedSigners, encoding: .utf8)) }
    }

    @Test("a commit signed with an allowed Ed25519 or ECDSA P-256 key verifies, as git verify-commit says", arguments: ["ed25519", "ecdsa"])
    func verifies(keyType: String) throws {
        let repo = try Repo(keyType: keyType)
        defer { try? FileManager.default.removeItem(at: repo.root) }
        #expect(try repo.gitVerifies())
        #expect(SignedCommit(object: try repo.commitObject()).verify(allowedSigners: try repo.signers()) == .verified(principals: ["release@acme.example"]))
    }

    @Test("a changed commit message, an unknown signer and a wrong namespace fail, as ssh-keygen -Y verify does")
    func failures() throws {
        let repo = try Repo(keyType: "ed25519")
        defer { try? FileManager.default.removeItem(at: repo.root) }
        let object = try repo.commitObject()
        let tampered = Array(String(decoding: object, as: UTF8.self).replacingOccurrences(of: "signed release", with: "signed releasf").utf8)
        guard case .invalid = SignedCommit(object: tampered).verify(allowedSigners: try repo.signers()) else {
            Issue.record("a tampered commit verified")
            return
        }
        // The oracle: ssh-keygen -Y verify accepts the payload Tollgate split out and refuses the tampered one.
        let good = SignedCommit(object: object)
        let payload = repo.root.appendingPathComponent("payload")
        let signature = repo.root.appendingPathComponent("payload.sig")
        try Data((good.signature ?? "").utf8).write(to: signature)
        func oracle(_ bytes: [UInt8]) throws -> Int32 {
            try Data(bytes).write(to: payload)
            return try repo.run(["sh", "-c", "ssh-keygen -Y verify -f '\(repo.allowedSigners.path)' -I release@acme.example -n git -s '\(signature.path)' < '\(payload.path)'"]).0
        }
        #expect(try oracle(good.payload) == 0)
        #expect(try oracle(SignedCommit(object: tampered).payload) != 0)

        #expect(good.verify(allowedSigners: AllowedSigners(text: "")) != .verified(principals: ["release@acme.example"]))
        let otherNamespace = try String(contentsOf: repo.allowedSigners, encoding: .utf8).replacingOccurrences(of: "namespaces=\"git\"", with: "namespaces=\"file\"")
        guard case .invalid = good.verify(allowedSigners: AllowedSigners(text: otherNamespace)) else {
            Issue.record("a key allowed only for namespace file verified a commit")
            return
        }
    }

    @Test("an unsigned commit is unsigned, and an OpenPGP signature is named, not verified")
    func unsignedAndPGP() {
        let unsigned = "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nauthor A <a@x> 1 +0000\ncommitter A <a@x> 1 +0000\n\nmsg\n"
        #expect(SignedCommit(object: Array(unsigned.utf8)).verify(allowedSigners: AllowedSigners(text: "")) == .unsigned)
        let pgp = unsigned.replacingOccurrences(of: "\n\nmsg", with: "\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEz\n -----END PGP SIGNATURE-----\n\nmsg")
        #expect(SignedCommit(object: Array(pgp.utf8)).verify(allowedSigners: AllowedSigners(text: "")) == .unsupported(kind: "OpenPGP"))
        #expect(SignedCommit(object: Array(pgp.utf8)).payload == Array(unsigned.utf8))
    }
}
