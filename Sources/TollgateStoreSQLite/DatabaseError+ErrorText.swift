import GRDB
import TollgateModel

/// GRDB's SQLite errors as SQLite's own message, without the statement text GRDB appends.
extension DatabaseError: ErrorTextConvertible {
    public var errorText: String {
        "SQLite: \(message ?? "result code \(resultCode.rawValue)")"
    }
}
