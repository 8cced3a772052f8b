import Foundation
import Logging
import Synchronization
import TollgateModel

/// swift-log's handler for `tollgate-server`: one JSON object per line on standard error
/// (`time`, `level`, `logger`, `message`, `requestId` when the line belongs to a request, and the
/// other metadata as strings). Nothing the server logs names a token, a key or a cookie; as a last
/// line of defence every value is passed through `LogRedactor`.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    let label: String
    let write: @Sendable (String) -> Void

    public init(label: String, write: @escaping @Sendable (String) -> Void = JSONLogHandler.standardError) {
        self.label = label
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    private static let lock = Mutex<Void>(())

    public static let standardError: @Sendable (String) -> Void = { line in
        lock.withLock { _ in
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        var object: [String: JSONValue] = [
            "time": .string(ISO8601DateFormatter.string(from: Date(), timeZone: TimeZone(identifier: "UTC")!,
                                                        formatOptions: [.withInternetDateTime, .withFractionalSeconds])),
            "level": .string(event.level.rawValue),
            "logger": .string(label),
            "message": .string(LogRedactor.redact(event.message.description)),
        ]
        for (key, value) in merged {
            let name = key == "hb.request.id" ? "requestId" : key
            if object[name] == nil { object[name] = .string(LogRedactor.redact(value.description)) }
        }
        write(String(decoding: JSONValue.object(object).encodedBytes(), as: UTF8.self) + "\n")
    }
}
