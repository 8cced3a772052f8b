import ArgumentParser
import TollgateModel

extension DigestAlgorithm: ExpressibleByArgument {}

/// `tollgate digest PATH...`
struct DigestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Print the digest of files (streamed) or directories (tollgate-tree-v1, see docs/digest.md)."
    )

    @Option(help: "Hash algorithm: sha256, sha384 or sha512.")
    var algorithm: DigestAlgorithm = .sha256

    @OptionGroup var output: OutputOptions

    @Argument(help: "Files or directories.")
    var paths: [String]

    struct Report: Encodable {
        let schemaVersion = "tollgate.dev/digest/v1"
        let digests: [Entry]
        struct Entry: Encodable {
            let path: String
            let digest: String
        }
    }

    func run() async throws {
        try await output.emit { out in
            let digester = FileDigester(algorithm: algorithm)
            var entries: [Report.Entry] = []
            for path in paths {
                let digest = try digester.digest(path: path)
                entries.append(.init(path: path, digest: digest.description))
                if !output.isJSON { out.line("\(digest)  \(path)") }
            }
            if output.isJSON { try out.json(Report(digests: entries)) }
        }
    }
}
