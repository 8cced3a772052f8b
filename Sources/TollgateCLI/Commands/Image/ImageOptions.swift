import ArgumentParser
import TollgateOCI

/// The registry flags of the commands that take an image reference (docs/images.md).
struct ImageOptions: ParsableArguments {
    @Flag(name: .customLong("allow-http-registry"),
          help: "Speak plain HTTP to the registry (cosign's flag; for test and loopback registries only).")
    var allowHTTPRegistry = false

    @Option(help: ArgumentHelp("For a multi-platform image: the platform manifest to use (OS/ARCH[/VARIANT]).", valueName: "platform"))
    var platform: String?

    /// The platform, parsed.
    func parsedPlatform() throws -> Platform? {
        try platform.map { text throws(OCIError) in try Platform(parsing: text) }
    }
}
