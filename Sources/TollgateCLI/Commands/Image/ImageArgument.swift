import Foundation
import TollgateOCI

/// Tells an image reference from a local path on the command line: an existing file or directory
/// is local; `docker://REF` is always an image; otherwise text with `/`, `:` or `@` that parses as
/// a reference is an image (`ghcr.io/acme/app:1.2`, `localhost:5000/app@sha256:…`). A bare name
/// (`alpine`) is a path: write `docker://alpine` for Docker Hub's.
enum ImageArgument {
    static let scheme = "docker://"

    static func reference(_ argument: String) throws -> ImageReference? {
        if argument.hasPrefix(scheme) { return try ImageReference(parsing: String(argument.dropFirst(scheme.count))) }
        if FileManager.default.fileExists(atPath: argument) { return nil }
        guard argument.contains("/") || argument.contains(":") || argument.contains("@") else { return nil }
        return try? ImageReference(parsing: argument)
    }
}

extension ImageArgument {
    /// True when `argument` names an image (see ``reference(_:)``); a reference that does not parse is not one.
    static func isImage(_ argument: String) -> Bool {
        (try? reference(argument)) != nil
    }
}
