import ArgumentParser

/// `--data DIR | --database postgres://… [--schema S] [--ledger-key FILE]`: where the state is, for
/// the commands that open every store (`tollgate token …`, `tollgate serve`).
public struct DataLocationOptions: ParsableArguments, Sendable {
    @Option(name: .long, help: "Data directory (default: $TOLLGATE_DATA or ./tollgate-data).")
    public var data: String?

    @Option(name: .long, help: ArgumentHelp("Keep every store in this PostgreSQL database instead (server replicas).",
                                            valueName: "postgres://USER@HOST:PORT/DB"))
    public var database: String?

    @Option(name: .long, help: "PostgreSQL schema with --database (default: public).")
    public var schema: String?

    @Option(name: .customLong("ledger-key"), help: ArgumentHelp("The ledger's signing key (default: DIR/ledger.key).", valueName: "file"))
    public var ledgerKey: String?

    public init() {}

    public func validate() throws {
        if schema != nil && database == nil { throw ValidationError("--schema needs --database") }
    }

    public var location: DataLocation {
        DataLocation(directory: data, databaseURL: database, schema: schema, keyPath: ledgerKey)
    }
}
