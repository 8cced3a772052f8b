import ArgumentParser
import Foundation
import TollgateLedger
import TollgateTransparency

/// `tollgate ledger check-proof FILE.json`: verifies an inclusion or consistency proof in the
/// transparency-dev/merkle JSON form. Exit 0 valid, 1 invalid.
struct LedgerCheckProofCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check-proof", abstract: "Verify a proof JSON (leafIdx… or size1…); exit 0 valid, 1 invalid.")

    @OptionGroup var output: OutputOptions

    @Argument(help: "Proof JSON file, or '-'.")
    var file: String

    struct Report: Encodable {
        let schemaVersion = "tollgate.dev/ledger-proof-check/v1"
        let type: String
        let valid: Bool
        let reason: String?
    }

    func run() async throws {
        try await output.emit { out in
            let document = try ProofJSON.parse(try InputFile.read(file, limit: ProofJSON.maxSize))
            let verdict = document.verify()
            let type: String
            switch document {
            case .inclusion: type = "inclusion"
            case .consistency: type = "consistency"
            }
            var reason: String? = nil
            if case .invalid(let why) = verdict { reason = why }
            if output.isJSON {
                try out.json(Report(type: type, valid: verdict.isValid, reason: reason))
            } else {
                out.line(verdict.isValid ? "valid \(type) proof" : "INVALID \(type) proof: \(reason ?? "")")
            }
            if !verdict.isValid { throw ExitCode(1) }
        }
    }
}
