import Foundation
import GRDB
import GRDBSQLite
import TollgateModel
import TollgateStore

/// A value bound to a statement parameter.
enum SQLValue {
    case null
    case int(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    static func text(_ value: String?) -> SQLValue { value.map { .text($0) } ?? .null }
    static func blob(_ value: [UInt8]?) -> SQLValue { value.map { .blob($0) } ?? .null }
    static func real(_ value: Double?) -> SQLValue { value.map { .real($0) } ?? .null }
    static func int(_ value: Int64?) -> SQLValue { value.map { .int($0) } ?? .null }
}

/// Cached statements bound and stepped through the SQLite C API: at millions of rows, building
/// GRDB argument arrays and rows is most of the cost. Every column read checks its type, so a
/// row of the wrong shape is `store.corrupt`, never a crash.
struct RawSQL {
    let db: Database

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    func statement(_ sql: String) throws -> OpaquePointer {
        try db.cachedStatement(sql: sql).sqliteStatement
    }

    func error(_ context: String) -> StoreError {
        StoreError(.io, "\(context): SQLite: \(String(cString: sqlite3_errmsg(db.sqliteConnection)))")
    }

    @inline(__always) func bind(_ handle: OpaquePointer, _ index: Int32, _ value: Int64) throws {
        guard sqlite3_bind_int64(handle, index, value) == SQLITE_OK else { throw error("cannot bind parameter \(index)") }
    }

    func bind(_ handle: OpaquePointer, _ values: [SQLValue]) throws {
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(handle, index)
            case .int(let v): code = sqlite3_bind_int64(handle, index, v)
            case .real(let v): code = sqlite3_bind_double(handle, index, v)
            case .text(let v):
                code = v.withCString { sqlite3_bind_text(handle, index, $0, Int32(v.utf8.count), Self.transient) }
            case .blob(let v):
                code = v.withUnsafeBytes {
                    sqlite3_bind_blob(handle, index, $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32($0.count), Self.transient)
                }
            }
            guard code == SQLITE_OK else { throw error("cannot bind parameter \(index)") }
        }
    }

    /// Runs a statement that returns no rows; returns the number of rows it changed.
    @discardableResult
    func execute(_ sql: String, _ values: [SQLValue] = []) throws -> Int {
        let handle = try statement(sql)
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        try bind(handle, values)
        var code = sqlite3_step(handle)
        while code == SQLITE_ROW { code = sqlite3_step(handle) }
        guard code == SQLITE_DONE else { throw error("cannot write the inventory") }
        return Int(sqlite3_changes(db.sqliteConnection))
    }

    /// Runs a query, calling `row` for each result row.
    func query(_ sql: String, _ values: [SQLValue] = [], table: String, _ row: (Columns) throws -> Void) throws {
        let handle = try statement(sql)
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        try bind(handle, values)
        let columns = Columns(handle: handle, table: table)
        var code = sqlite3_step(handle)
        while code == SQLITE_ROW {
            try row(columns)
            code = sqlite3_step(handle)
        }
        guard code == SQLITE_DONE else { throw error("cannot read the inventory") }
    }

    /// The first row mapped by `row`, or nil.
    func one<T>(_ sql: String, _ values: [SQLValue] = [], table: String, _ row: (Columns) throws -> T) throws -> T? {
        var result: T? = nil
        try query(sql, values, table: table) { columns in
            if result == nil { result = try row(columns) }
        }
        return result
    }

    var changes: Int { Int(sqlite3_changes(db.sqliteConnection)) }
    var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(db.sqliteConnection) }
}

/// Typed column reads of the current row.
struct Columns {
    let handle: OpaquePointer
    let table: String

    private func corrupt(_ index: Int32, _ expected: String) -> StoreError {
        StoreError(.corrupt, "column \(index) of a row in \(table) is not \(expected)")
    }

    @inline(__always) func isNull(_ index: Int32) -> Bool { sqlite3_column_type(handle, index) == SQLITE_NULL }

    @inline(__always) func int(_ index: Int32) throws -> Int64 {
        guard sqlite3_column_type(handle, index) == SQLITE_INTEGER else { throw corrupt(index, "an integer") }
        return sqlite3_column_int64(handle, index)
    }

    func optionalInt(_ index: Int32) throws -> Int64? { isNull(index) ? nil : try int(index) }

    @inline(__always) func double(_ index: Int32) throws -> Double {
        let type = sqlite3_column_type(handle, index)
        guard type == SQLITE_FLOAT || type == SQLITE_INTEGER else { throw corrupt(index, "a number") }
        return sqlite3_column_double(handle, index)
    }

    func optionalDouble(_ index: Int32) throws -> Double? { isNull(index) ? nil : try double(index) }

    func date(_ index: Int32) throws -> Date { InventoryStoreSupport.date(try double(index)) }

    @inline(__always) func text(_ index: Int32) throws -> String {
        guard sqlite3_column_type(handle, index) == SQLITE_TEXT else { throw corrupt(index, "text") }
        guard let pointer = sqlite3_column_text(handle, index) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, index))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    func optionalText(_ index: Int32) throws -> String? { isNull(index) ? nil : try text(index) }

    @inline(__always) func blob(_ index: Int32) throws -> UnsafeRawBufferPointer {
        guard sqlite3_column_type(handle, index) == SQLITE_BLOB else { throw corrupt(index, "a blob") }
        let count = Int(sqlite3_column_bytes(handle, index))
        guard count > 0, let pointer = sqlite3_column_blob(handle, index) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: pointer, count: count)
    }

    func bytes(_ index: Int32) throws -> [UInt8] { Array(try blob(index)) }

    func digest(_ index: Int32) throws -> Digest { try InventoryStoreSupport.digest(try blob(index), table: table) }

    func optionalDigest(_ index: Int32) throws -> Digest? { isNull(index) ? nil : try digest(index) }

    func bool(_ index: Int32) throws -> Bool { try int(index) != 0 }
}
