import Foundation
import TollgateModel

/// Decodes untrusted JSON into Foundation values with a size limit and a clear error.
enum JSONInput {
    static func object(_ data: Data, what: String, limit: Int = LockfileLimits.maximumBytes) throws(SBOMError) -> [String: Any] {
        guard data.count <= limit else {
            throw SBOMError(.tooLarge, "\(what) must be at most \(limit) bytes; found \(data.count).")
        }
        let value: Any
        do {
            value = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            throw SBOMError(.invalidJSON, "\(what) is not valid JSON (\(ErrorText.describe(error))).")
        }
        guard let object = value as? [String: Any] else {
            throw SBOMError(.invalidJSON, "\(what) must be a JSON object; found \(typeName(value)).")
        }
        return object
    }

    static func typeName(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .array: "an array"
        case .string: "a string"
        case .integer, .number: "a number"
        case .bool: "a boolean"
        case .object: "an object"
        }
    }

    static func typeName(_ value: Any) -> String {
        switch value {
        case is NSNull: "null"
        case is [Any]: "an array"
        case is String: "a string"
        case is NSNumber: "a number"
        case is [String: Any]: "an object"
        default: "an unknown value"
        }
    }
}
