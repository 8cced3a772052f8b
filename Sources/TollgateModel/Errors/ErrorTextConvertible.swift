/// A library error that can say what went wrong in a sentence. A module that uses a library
/// (GRDB, PostgresNIO, AsyncHTTPClient) conforms that library's error types once, so
/// `ErrorText.describe` covers them everywhere.
public protocol ErrorTextConvertible: Error {
    /// What went wrong, for a person, without Swift type names or payload dumps.
    var errorText: String { get }
}
