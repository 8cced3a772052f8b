import Foundation
import TollgateModel
import TollgateTUF

/// The parsed `tuf-client` command line (tuf-conformance CLIENT-CLI.md) and what each subcommand does.
struct TUFClientArguments: Sendable {
    enum Action: Sendable, Equatable {
        case initialize(trustedRoot: String)
        case refresh
        case download
    }

    var metadataDirectory: String
    var metadataURL: String?
    var targetNames: [String] = []
    var targetDirectory: String?
    var targetBaseURL: String?
    var action: Action

    init(_ arguments: [String]) throws(CLIError) {
        var metadataDirectory: String?
        var metadataURL: String?
        var targetNames: [String] = []
        var targetDirectory: String?
        var targetBaseURL: String?
        var index = 0
        func value(_ flag: String) throws(CLIError) -> String {
            guard index + 1 < arguments.count else { throw CLIError(.usage, "\(flag) needs a value") }
            index += 1
            return arguments[index]
        }
        var action: Action?
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "--metadata-dir": metadataDirectory = try value(argument)
            case "--metadata-url": metadataURL = try value(argument)
            case "--target-name": targetNames.append(try value(argument))
            case "--target-dir": targetDirectory = try value(argument)
            case "--target-base-url": targetBaseURL = try value(argument)
            case "init":
                guard index + 2 == arguments.count else { throw CLIError(.usage, "init takes one argument, the trusted root, and comes last") }
                action = .initialize(trustedRoot: arguments[index + 1])
                index += 1
            case "refresh", "download":
                guard index + 1 == arguments.count else { throw CLIError(.usage, "options come before the subcommand '\(argument)'") }
                action = argument == "refresh" ? .refresh : .download
            default:
                throw CLIError(.usage, "unknown argument '\(argument.prefix(80))'; expected --metadata-dir, --metadata-url, --target-name, --target-dir, --target-base-url, then init, refresh or download")
            }
            index += 1
        }
        guard let action else { throw CLIError(.usage, "give a subcommand: init, refresh or download") }
        guard let metadataDirectory else { throw CLIError(.usage, "--metadata-dir is required") }
        if case .initialize = action {} else if metadataURL == nil {
            throw CLIError(.usage, "--metadata-url is required")
        }
        if action == .download {
            guard !targetNames.isEmpty, targetDirectory != nil, targetBaseURL != nil else {
                throw CLIError(.usage, "download needs --target-name, --target-dir and --target-base-url")
            }
        }
        self.metadataDirectory = metadataDirectory
        self.metadataURL = metadataURL
        self.targetNames = targetNames
        self.targetDirectory = targetDirectory
        self.targetBaseURL = targetBaseURL
        self.action = action
    }

    func execute() async throws {
        let store = TUFDirectoryStore(directory: URL(fileURLWithPath: metadataDirectory))
        switch action {
        case .initialize(let trustedRoot):
            // "Client must initialize with the given trusted root … No requests should be made."
            let bytes = try InputFile.read(trustedRoot, limit: TUFUpdaterConfiguration().rootMaxLength)
            try store.store(role: "root", bytes: [UInt8](bytes))
        case .refresh, .download:
            try await HTTPTUFFetcher.with(metadataBase: metadataURL ?? "", targetsBase: targetBaseURL ?? metadataURL ?? "") { fetcher in
                // The updater checks the local root before any request: an invalid one fails with none.
                let updater = try TUFUpdater(store: store, fetcher: fetcher)
                try await updater.refresh()
                for name in targetNames { try await download(name, with: updater) }
            }
        }
    }

    /// Downloads one target into the target directory as `quote(path)` (one file name per target
    /// path, never a path outside the directory); a file already there with matching hashes is not fetched again.
    private func download(_ name: String, with updater: TUFUpdater) async throws {
        guard let info = try await updater.targetInfo(for: name) else {
            throw TUFError(.targetNotFound, "no trusted targets role lists '\(name.prefix(120))'")
        }
        let directory = URL(fileURLWithPath: targetDirectory ?? ".")
        let file = directory.appendingPathComponent(TUFPercentEncoding.quote(name), isDirectory: false)
        if let existing = try? Data(contentsOf: file), (try? info.verify([UInt8](existing))) != nil { return }
        let bytes = try await updater.download(info)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        do {
            try AtomicFile.write(Data(bytes), to: file.path)
        } catch {
            throw TUFError(.storage, "cannot write '\(file.path)': \(ErrorText.describe(error))")
        }
    }
}
