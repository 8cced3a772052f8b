/// A TOML value (TOML 1.0, https://toml.io/en/v1.0.0). Date-times are kept as their text.
public enum TOMLValue: Sendable, Hashable {
    case string(String)
    case integer(Int64)
    case float(Double)
    case bool(Bool)
    case datetime(String)
    case array([TOMLValue])
    case table([String: TOMLValue])

    /// The string, if this is a string.
    public var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The table, if this is a table.
    public var table: [String: TOMLValue]? {
        if case .table(let value) = self { return value }
        return nil
    }

    /// The elements, if this is an array (including an array of tables).
    public var array: [TOMLValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The boolean, if this is a boolean.
    public var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// Looks up a key when this is a table.
    public subscript(key: String) -> TOMLValue? {
        table?[key]
    }
}
