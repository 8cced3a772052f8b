/// Small typed accessors for SLSA predicates parsed from `JSONValue`, with paths in the errors.
enum SLSAJSON {
    static func optionalString(_ value: JSONValue?, at path: String) throws(ModelError) -> String? {
        guard let value, !value.isNull else { return nil }
        guard let text = value.stringValue else {
            throw ModelError(.invalidProvenance, "\(path) must be a string")
        }
        return text
    }

    static func requiredString(_ value: JSONValue?, at path: String) throws(ModelError) -> String {
        guard let text = try optionalString(value, at: path), !text.isEmpty else {
            throw ModelError(.invalidProvenance, "\(path) is required and must be a non-empty string")
        }
        return text
    }

    static func optionalObject(_ value: JSONValue?, at path: String) throws(ModelError) -> [String: JSONValue]? {
        guard let value, !value.isNull else { return nil }
        guard let object = value.objectValue else {
            throw ModelError(.invalidProvenance, "\(path) must be an object")
        }
        return object
    }

    static func descriptors(_ value: JSONValue?, at path: String) throws(ModelError) -> [SLSAResourceDescriptor] {
        guard let value, !value.isNull else { return [] }
        guard let items = value.arrayValue else {
            throw ModelError(.invalidProvenance, "\(path) must be an array")
        }
        var result: [SLSAResourceDescriptor] = []
        result.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            result.append(try SLSAResourceDescriptor.parse(item, at: "\(path)[\(index)]"))
        }
        return result
    }

    /// Follows a path of object keys.
    static func lookup(_ value: JSONValue?, _ keys: String...) -> JSONValue? {
        var current = value
        for key in keys { current = current?[key] }
        return current
    }
}
