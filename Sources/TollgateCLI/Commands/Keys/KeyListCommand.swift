import ArgumentParser
import Foundation
import TollgateStore

/// `tollgate key list`: the key registry.
struct KeyListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the registered keys: id, algorithm, purpose, status, owner, validity."
    )

    @OptionGroup var options: KeyRegistryOptions
    @OptionGroup var output: OutputOptions

    struct Report: Encodable {
        let schemaVersion = "tollgate.dev/key-list/v1"
        let keys: [KeyRecord]
    }

    func run() async throws {
        let config = try options.data.loadConfig()
        let keys = try await options.openRegistry(config).keys()
        try await output.emit { out in
            if output.isJSON {
                try out.json(Report(keys: keys))
            } else {
                for key in keys { out.line(KeyChangePrinter.line(key)) }
            }
        }
    }
}
