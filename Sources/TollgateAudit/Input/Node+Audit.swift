import Yams

/// The few ways rules read a composed YAML tree. Keys are matched by their text, so `on:` (a boolean
/// to YAML 1.1 resolvers) is still the key `on`.
extension Node {
    /// The value under `key` in a mapping.
    func child(_ key: String) -> Node? {
        guard case .mapping(let mapping) = self else { return nil }
        for (keyNode, value) in mapping where keyNode.scalar?.string == key { return value }
        return nil
    }

    /// The key node of `key` in a mapping (for a finding's position).
    func keyNode(_ key: String) -> Node? {
        guard case .mapping(let mapping) = self else { return nil }
        for (keyNode, _) in mapping where keyNode.scalar?.string == key { return keyNode }
        return nil
    }

    /// A mapping's entries in document order.
    var entries: [(key: String, keyNode: Node, value: Node)] {
        guard case .mapping(let mapping) = self else { return [] }
        return mapping.compactMap { keyNode, value in keyNode.scalar.map { ($0.string, keyNode, value) } }
    }

    /// A sequence's items (a non-sequence has none).
    var items: [Node] {
        guard case .sequence(let sequence) = self else { return [] }
        return Array(sequence)
    }

    /// A scalar's text.
    var text: String? { scalar?.string }

    /// A scalar, or each scalar of a sequence of scalars.
    var texts: [String] {
        if let text { return [text] }
        return items.compactMap(\.text)
    }

    /// True for a scalar that YAML reads as false (`false`, `no`, `off`), quoted or not.
    var isFalse: Bool {
        guard let text = text?.lowercased() else { return false }
        return text == "false" || text == "no" || text == "off"
    }
}
