/// Encodes OSV ranges into the compact text the advisory store keeps (one range per line, tab-separated
/// events), so a scan evaluates ranges without decoding JSON. Control characters never occur in versions;
/// any that do are replaced so the encoding stays unambiguous.
enum RangeCodec {
    static func encode(_ ranges: [OSVRange]) -> String {
        ranges.map { range in
            ([clean(range.type)] + range.events.map { event in
                switch event {
                case let .introduced(v): "i" + clean(v)
                case let .fixed(v): "f" + clean(v)
                case let .lastAffected(v): "l" + clean(v)
                case let .limit(v): "m" + clean(v)
                }
            }).joined(separator: "\t")
        }.joined(separator: "\n")
    }

    static func decode(_ text: String) -> [OSVRange] {
        guard !text.isEmpty else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            let events: [OSVEvent] = fields.dropFirst().compactMap { field in
                guard let kind = field.first else { return nil }
                let value = String(field.dropFirst())
                switch kind {
                case "i": return .introduced(value)
                case "f": return .fixed(value)
                case "l": return .lastAffected(value)
                case "m": return .limit(value)
                default: return nil
                }
            }
            return OSVRange(type: fields.first.map(String.init) ?? "", events: events)
        }
    }

    private static func clean(_ s: String) -> String {
        guard s.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" }) else { return s }
        return String(s.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}
