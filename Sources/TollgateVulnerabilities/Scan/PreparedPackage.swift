import TollgateStore

/// Every stored `affected[]` row of one package (ecosystem and normalised name), with an index from
/// explicitly listed versions to the rows that list them, so a component's version is hashed once per
/// package instead of once per row.
final class PreparedPackage: Sendable {
    let rows: [PreparedAffected]
    /// Listed version → indices into `rows` (ascending, unique).
    let listed: [String: [Int]]

    static let empty = PreparedPackage(rows: [], versions: [])

    /// `versions[i]` is the explicit `versions` list of `rows[i]`.
    init(rows: [PreparedAffected], versions: [[String]]) {
        self.rows = rows
        var listed: [String: [Int]] = [:]
        for (index, list) in versions.enumerated() {
            for version in list where listed[version]?.last != index {
                listed[version, default: []].append(index)
            }
        }
        self.listed = listed
    }
}
