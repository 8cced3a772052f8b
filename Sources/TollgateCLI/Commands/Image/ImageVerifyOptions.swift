import ArgumentParser

/// `verify IMAGE_REF`'s registry flags: those of every image command, and `--index`.
struct ImageVerifyOptions: ParsableArguments {
    @OptionGroup var registry: ImageOptions

    @Option(help: ArgumentHelp("An image index that lists IMAGE_REF's digest: its signatures count for the platform manifest (artifact.signature.imageIndex).",
                               valueName: "index-ref"))
    var index: String?
}
