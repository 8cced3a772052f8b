import Foundation
import NIOCore
import PostgresNIO
import TollgateModel
import TollgateStore

/// Typed cell reads of one result row; a cell of the wrong type or a NULL where none may be is
/// `store.corrupt`, never a crash.
struct PostgresCells {
    let row: PostgresRandomAccessRow
    let table: String

    init(_ row: PostgresRow, table: String) {
        self.row = row.makeRandomAccess()
        self.table = table
    }

    private func decode<T: PostgresDecodable>(_ index: Int, _ type: T.Type) throws -> T {
        do {
            return try row[index].decode(T.self)
        } catch {
            throw StoreError(.corrupt, "column \(index) of a row in \(table) is not a \(T.self) (\(row[index].dataType))")
        }
    }

    func isNull(_ index: Int) -> Bool { row[index].bytes == nil }

    func int(_ index: Int) throws -> Int64 {
        switch row[index].dataType {
        case .int2: Int64(try decode(index, Int16.self))
        case .int4: Int64(try decode(index, Int32.self))
        default: try decode(index, Int64.self)
        }
    }

    func optionalInt(_ index: Int) throws -> Int64? { isNull(index) ? nil : try int(index) }
    func double(_ index: Int) throws -> Double { try decode(index, Double.self) }
    func optionalDouble(_ index: Int) throws -> Double? { isNull(index) ? nil : try double(index) }
    func date(_ index: Int) throws -> Date { InventoryStoreSupport.date(try double(index)) }
    func text(_ index: Int) throws -> String { try decode(index, String.self) }
    func optionalText(_ index: Int) throws -> String? { isNull(index) ? nil : try text(index) }
    func bool(_ index: Int) throws -> Bool { try decode(index, Bool.self) }

    func bytes(_ index: Int) throws -> [UInt8] {
        guard let buffer = row[index].bytes else { throw StoreError(.corrupt, "column \(index) of a row in \(table) is NULL") }
        guard row[index].dataType == .bytea else {
            throw StoreError(.corrupt, "column \(index) of a row in \(table) is not bytes (\(row[index].dataType))")
        }
        return Array(buffer.readableBytesView)
    }

    func digest(_ index: Int) throws -> Digest { try InventoryStoreSupport.digest(try bytes(index), table: table) }
    func optionalDigest(_ index: Int) throws -> Digest? { isNull(index) ? nil : try digest(index) }
}

/// Maps fetched rows, synchronously and never inlined into the async caller: with the mapping
/// (typed-throws digest decoding) inlined, the Swift 6.2 release compiler crashed splitting the
/// caller's coroutine (LLVM CoroSplit, `emitSetAndGetSwiftErrorValueAround`).
@inline(never)
func decodeRows<T>(_ rows: [PostgresRow], table: String, _ map: (PostgresCells) throws -> T) throws -> [T] {
    var out: [T] = []
    out.reserveCapacity(rows.count)
    for row in rows { out.append(try map(PostgresCells(row, table: table))) }
    return out
}

extension Array where Element == UInt8 {
    var buffer: ByteBuffer { ByteBuffer(bytes: self) }
}
