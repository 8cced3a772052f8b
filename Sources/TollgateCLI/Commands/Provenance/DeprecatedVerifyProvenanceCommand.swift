import ArgumentParser

/// `tollgate verify-provenance`: the pre-0.2 name of `tollgate provenance verify`, kept hidden for
/// one release. It prints one warning and runs the same code with the same flags.
struct DeprecatedVerifyProvenanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-provenance",
        abstract: "Deprecated: use 'tollgate provenance verify'.",
        shouldDisplay: false
    )

    @OptionGroup var command: ProvenanceVerifyCommand

    func run() async throws {
        Console.deprecated("tollgate verify-provenance", use: "tollgate provenance verify")
        try await command.run()
    }
}
