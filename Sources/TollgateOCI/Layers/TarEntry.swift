/// One entry of a layer tarball, as ``TarStream`` reports it.
struct TarEntry: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case file, directory, symlink, hardlink, other
    }

    /// The normalised path: no leading `/` or `./`, no empty or `.` components, never `..`.
    var path: String
    var kind: Kind
    var size: Int64
    var linkTarget: String
}
