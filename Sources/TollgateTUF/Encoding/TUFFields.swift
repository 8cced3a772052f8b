import TollgateModel

/// Typed reads of metadata fields that say which field of which role was wrong.
struct TUFFields {
    let object: [String: JSONValue]
    /// Where the object sits, for messages: `root.signed.roles.timestamp`.
    let context: String

    init(_ value: JSONValue?, context: String) throws(TUFError) {
        guard let object = value?.objectValue else {
            throw TUFError(.malformed, "\(context) must be a JSON object")
        }
        self.object = object
        self.context = context
    }

    func has(_ name: String) -> Bool { object[name] != nil }

    func string(_ name: String) throws(TUFError) -> String {
        guard let value = object[name]?.stringValue else {
            throw TUFError(.malformed, "\(context).\(name) must be a string")
        }
        return value
    }

    func optionalString(_ name: String) throws(TUFError) -> String? {
        guard let value = object[name], !value.isNull else { return nil }
        guard let text = value.stringValue else { throw TUFError(.malformed, "\(context).\(name) must be a string") }
        return text
    }

    func integer(_ name: String, minimum: Int) throws(TUFError) -> Int {
        guard case .integer(let value)? = object[name] else {
            throw TUFError(.malformed, "\(context).\(name) must be an integer")
        }
        guard value >= minimum, value <= Int64(Int.max) else {
            throw TUFError(.malformed, "\(context).\(name) must be at least \(minimum), found \(value)")
        }
        return Int(value)
    }

    func optionalInteger(_ name: String, minimum: Int) throws(TUFError) -> Int? {
        guard let value = object[name], !value.isNull else { return nil }
        return try integer(name, minimum: minimum)
    }

    func bool(_ name: String) throws(TUFError) -> Bool {
        guard let value = object[name]?.boolValue else { throw TUFError(.malformed, "\(context).\(name) must be true or false") }
        return value
    }

    func optionalBool(_ name: String) throws(TUFError) -> Bool? {
        guard let value = object[name], !value.isNull else { return nil }
        return try bool(name)
    }

    func fields(_ name: String) throws(TUFError) -> TUFFields {
        try TUFFields(object[name], context: "\(context).\(name)")
    }

    /// A list of distinct strings (key ids, paths): a repeated entry is refused, never counted twice.
    func uniqueStrings(_ name: String) throws(TUFError) -> [String] {
        guard let array = object[name]?.arrayValue else { throw TUFError(.malformed, "\(context).\(name) must be an array") }
        var seen = Set<String>()
        var out: [String] = []
        for element in array {
            guard let text = element.stringValue else {
                throw TUFError(.malformed, "\(context).\(name) must hold strings only")
            }
            guard seen.insert(text).inserted else {
                throw TUFError(.malformed, "\(context).\(name) lists '\(text.prefix(80))' twice")
            }
            out.append(text)
        }
        return out
    }

    func strings(_ name: String) throws(TUFError) -> [String] {
        guard let array = object[name]?.arrayValue else { throw TUFError(.malformed, "\(context).\(name) must be an array") }
        var out: [String] = []
        for element in array {
            guard let text = element.stringValue else { throw TUFError(.malformed, "\(context).\(name) must hold strings only") }
            out.append(text)
        }
        return out
    }

    /// A string-to-string map (hashes).
    func stringMap(_ name: String) throws(TUFError) -> [String: String] {
        let inner = try fields(name)
        var out: [String: String] = [:]
        for (key, value) in inner.object {
            guard let text = value.stringValue else { throw TUFError(.malformed, "\(context).\(name).\(key) must be a string") }
            out[key] = text
        }
        return out
    }
}
